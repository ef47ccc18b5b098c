"""The home page's panels: one small context function per kind of work, each a few constant queries.

`panels(user)` returns the panels that apply to the user, in the order a day's work reads: what the user
studies, teaches, runs, signs and oversees. Each panel names its partial template under `home/`.
What a panel shows follows the user's data and scope (a person enrolled in classes, a lecturer profile,
centres the user edits, directs or supervises), never a role name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from accounts.access import kept_objects, recall_for
from accounts.scope import scope_of
from certificates.permissions import can_issue
from core.prepared import Prepared, PreparedObjects
from core.queries import among
from core.versions import remember_per_centre
from lecturers.load import load_rows
from lecturers.models import Survey
from org.models import Centre
from people.models import Lecturer, Person
from training.classes.checks import with_next_steps
from training.classes.figures import with_step_figures
from training.models import AnnualPlan, Enrolment, Klass, Session
from training.nominations.records import PART_ORDER, learner_record
from training.permissions import sees_class_people

ACTIVE = [Klass.Status.PLANNED, Klass.Status.OPEN, Klass.Status.IN_PROGRESS, Klass.Status.RESULTS_APPROVED]
MAX_CLASSES = 40


def _week(today: dt.date) -> tuple[dt.date, dt.date]:
    monday = today - dt.timedelta(days=today.weekday())
    return monday, monday + dt.timedelta(days=6)


def _any_enrolment(person_id: int):
    return Enrolment.objects.filter(person_id=person_id).order_by().values_list("pk")[:1]


# Most logins with a person record (staff) were never enrolled: a read compiled once answers that
# before the learner record's larger query is built.
_ANY_ENROLMENT = Prepared(_any_enrolment, -7_319_024_185)


def learner_panel(user, scope, today) -> dict | None:
    """My classes with their state, next session, result and certificates; the surveys open in them."""
    if not scope.person_id or not _ANY_ENROLMENT.rows(scope.person_id):
        return None
    enrolments = learner_record(user, scope.person_id)
    if not enrolments:
        return None
    class_ids = [e.klass_id for e in enrolments]
    upcoming = (Session.objects.filter(klass_id__in=class_ids, date__gte=today).select_related("topic", "room")
                .annotate(part_order=PART_ORDER).order_by("klass_id", "date", "part_order"))
    next_of = {}
    for session in upcoming:
        next_of.setdefault(session.klass_id, session)
    for enrolment in enrolments:
        enrolment.next_session = next_of.get(enrolment.klass_id)
    active = [e.klass_id for e in enrolments if e.status == e.Status.ENROLLED]
    surveys = list(Survey.objects.filter(klass_id__in=active, status=Survey.Status.OPEN).select_related("klass"))
    certificates = [c for e in enrolments for c in e.certificate_list if c.status == "valid"]
    return {"template": "home/_learner.html", "enrolments": enrolments, "surveys": surveys,
            "certificate_count": len(certificates)}


# Read on every home page of a login with a person: compiled once (and prepared on PostgreSQL).
_PERSONS_PROFILES = PreparedObjects(lambda person_id: Lecturer.objects.filter(person_id=person_id)
                                    .order_by("-active", "pk"), -7_319_024_185)


def lecturer_panel(user, scope, today) -> dict | None:
    """This week's sessions, attendance still to take, classes whose scores are missing, my hours this year."""
    if not scope.person_id:
        return None
    profiles = _PERSONS_PROFILES.objects(scope.person_id)
    if not profiles:
        return None
    monday, sunday = _week(today)
    mine = Session.objects.filter(lecturer__person_id=scope.person_id).select_related("klass", "topic", "room")
    week = list(mine.filter(date__range=(monday, sunday)).annotate(part_order=PART_ORDER)
                .order_by("date", "part_order"))
    to_take = list(mine.filter(date__lte=today, attendance_taken=False,
                               klass__status=Klass.Status.IN_PROGRESS).order_by("date")[:20])
    taught = (Klass.objects.filter(sessions__lecturer__person_id=scope.person_id, status=Klass.Status.IN_PROGRESS)
              .distinct())
    running = with_next_steps(with_step_figures(taught).order_by("start_date", "code"), today)
    scores = [k for k in running if k.missing_scores]
    for klass in scores:
        klass.can_open_results = sees_class_people(user, klass)
    rows = load_rows([p.centre_id for p in profiles], today.year, lecturer_ids=[p.pk for p in profiles])
    return {"template": "home/_lecturer.html", "week": week, "week_start": monday, "week_end": sunday,
            "to_take": to_take, "scores": scores, "load": rows, "year": today.year}


def _centre_classes(user, centre_ids, today):
    def build():
        queryset = (Klass.objects.visible_to(user).filter(centre_id__in=centre_ids, status__in=ACTIVE)
                    .select_related("version__programme", "centre"))
        return with_step_figures(queryset).order_by("start_date", "code")[:MAX_CLASSES]

    # The read depends only on the login's scope: its SQL is kept (building and planning it, with the four
    # figures' subqueries, took longer than running it); the classes are read afresh.
    classes = kept_objects(user, ("home-centre-classes", tuple(centre_ids)), build)
    return with_next_steps(classes, today)


def officer_panel(user, scope, today) -> dict | None:
    """The classes of the centres the user runs, by stage, each with its next step and what blocks it."""
    if not scope.edits_some_centre or scope.sees_everything:
        return None
    rows = _centre_classes(user, scope.editable_centre_ids, today)
    stages = defaultdict(list)
    for row in rows:
        stages[row.status].append(row)
    groups = [{"status": s, "label": Klass.Status(s).label, "rows": stages[s]} for s in ACTIVE if stages[s]]
    return {"template": "home/_officer.html", "groups": groups, "total": len(rows), "truncated": len(rows) == MAX_CLASSES}


def director_panel(user, scope, today) -> dict | None:
    """What waits for the director: results ready for approval, plans to approve, certificates to sign."""
    if not scope.directs_some_centre or scope.sees_everything:
        return None
    rows = _centre_classes(user, scope.directed_centre_ids, today)
    approvals = [k for k in rows if k.step.key == "approve" and k.step.ready]
    signatures = [k for k in rows if k.step.key in ("certificates", "recognition")]
    for klass in signatures:
        klass.can_issue = can_issue(user, klass)
    plans = list(AnnualPlan.objects.visible_to(user).filter(centre_id__in=scope.directed_centre_ids,
                                                            status=AnnualPlan.Status.DRAFT)
                 .annotate(line_count=Count("lines")).filter(line_count__gt=0).select_related("centre"))
    return {"template": "home/_director.html", "approvals": approvals, "signatures": signatures, "plans": plans,
            "count": len(approvals) + len(signatures) + len(plans)}


@dataclass
class CentreYear:
    """A row of the supervisor's table: a centre and its year's classes by state and learners."""

    pk: int
    code: str
    name: str
    by_status: list[int] = field(default_factory=list)
    class_total: int = 0
    learner_total: int = 0


def _year_classes(ids, first, last):
    return (Klass.objects.filter(centre_id__any=ids, start_date__gte=first, start_date__lte=last)
            .values_list("centre_id", "status").annotate(n=Count("pk")).order_by())


def _year_learners(ids, first, last):
    # The year's classes of the centres first, then their learners by the class index; the join back to the
    # classes for their centre stays in the centres. Never a pass over the nation's rows.
    classes = Klass.objects.filter(centre_id__any=ids, start_date__gte=first, start_date__lte=last)
    return (Enrolment.objects.filter(among("klass_id", classes.order_by().values("pk")), klass__centre_id__any=ids,
                                     status=Enrolment.Status.ENROLLED)
            .values_list("klass__centre_id").annotate(n=Count("pk")).order_by())


_STAND_IN_DAYS = (dt.date(1901, 2, 3), dt.date(1902, 3, 4))
_YEAR_CLASSES = Prepared(_year_classes, [-7_319_024_185], *_STAND_IN_DAYS)
_YEAR_LEARNERS = Prepared(_year_learners, [-7_319_024_185], *_STAND_IN_DAYS)


def supervisor_panel(user, scope, today) -> dict | None:
    """The province's centres with this year's classes by state and learners."""
    if not scope.supervises_some_province or scope.sees_everything:
        return None
    # Centres are an access table: their rows are kept under the access token, which any change to a
    # centre renews.
    rows = recall_for(user, ("home-province-centres",), lambda: list(
        Centre.objects.visible_to(user).filter(province_id__in=scope.province_ids, status=Centre.Status.ACTIVE)
        .order_by("sort_key").values_list("pk", "code", "name")))
    centres = [CentreYear(*row) for row in rows]
    ids = [c.pk for c in centres]

    # Per centre, each kept under its own centre's data version (core.versions): after a change at one
    # centre only that centre is counted again.
    first, last = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)

    def count(missing):
        by_centre = {c: ({}, 0) for c in missing}
        for centre_id, status, n in _YEAR_CLASSES.rows(missing, first, last):
            by_centre[centre_id][0][status] = n
        for centre_id, n in _YEAR_LEARNERS.rows(missing, first, last):
            by_centre[centre_id] = (by_centre[centre_id][0], n)
        return by_centre

    figures = remember_per_centre(ids, ("home-province-year", today.year), count, empty=({}, 0), holder=user)
    for centre in centres:
        by_status, centre.learner_total = figures[centre.pk]
        centre.by_status = [by_status.get(s, 0) for s in Klass.Status.values]
        centre.class_total = sum(centre.by_status)
    totals = [sum(c.by_status[i] for c in centres) for i in range(len(Klass.Status.values))]
    return {"template": "home/_supervisor.html", "centres": centres, "year": today.year,
            "statuses": Klass.Status.labels, "totals": totals,
            "class_total": sum(totals), "learner_total": sum(c.learner_total for c in centres)}


def overview_panel(user, scope, today) -> dict:
    """The counts of the registry and the visible centres: for administrators and viewers, and as a fallback."""
    centres = Centre.objects.visible_to(user).select_related("province")
    staff = scope.is_staff_of_some_centre
    return {
        "template": "home/_overview.html",
        "centres": centres[:12],
        "centre_count": centres.count(),
        "person_count": Person.objects.visible_to(user).filter(archived=False).count() if staff else None,
        "lecturer_count": Lecturer.objects.visible_to(user).filter(active=True).count() if staff else None,
    }


PANELS = [learner_panel, lecturer_panel, director_panel, officer_panel, supervisor_panel]


def panels(user) -> list[dict]:
    scope = scope_of(user)
    today = timezone.localdate()
    found = [panel for build in PANELS if (panel := build(user, scope, today)) is not None]
    if not found or scope.sees_everything or not (scope.edits_some_centre or scope.person_id
                                                   or scope.supervises_some_province):
        found.append(overview_panel(user, scope, today))
    return found


__all__ = ["panels"]
