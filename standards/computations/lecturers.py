"""Lecturers' side of the standard: post standards met, teaching hours against the norm, learner
satisfaction and survey coverage, closing reports — read from the lecturers app.

Each person is counted once per family: a lecturer who moved from the district centre to its successor
has a profile at each; their hours are added up and they meet a standard if either profile does.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q, Sum

from lecturers.load import load_rows
from lecturers.models import ClosingReport, RatingCount, Survey, TemplateQuestion

# The lecturers app checks one person against a requirement; its centre-level reader works one centre at
# a time, so the families of many centres are read here in a fixed number of queries and checked with it.
from lecturers.standards import check_requirement, standard_in_force
from people.models import Lecturer, StaffAssignment
from standards.computations.base import Families, Outcome, Period, group_by_root, members, percent, share_outcome
from standards.computations.training import finished_classes, held_classes

_LEADER_POST = {StaffAssignment.Position.DIRECTOR: "director",
                StaffAssignment.Position.DEPUTY_DIRECTOR: "deputy_director"}


def post_standards_met(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Leaders in post and active full-time lecturers meeting every requirement of their post's standard."""
    on = period.reference_day
    standard = standard_in_force(on)
    requirements = defaultdict(list)
    if standard is not None:
        for requirement in standard.requirements.all():
            requirements[requirement.post].append(requirement)
    ids = members(families)
    leaders = list(StaffAssignment.objects.filter(centre_id__in=ids, position__in=list(_LEADER_POST)).current(on)
                   .select_related("person"))
    lecturers = list(Lecturer.objects.filter(centre_id__in=ids, active=True, kind=Lecturer.Kind.FULL_TIME)
                     .select_related("person"))
    profile = {(lec.centre_id, lec.person_id): lec for lec in lecturers}
    rows = []
    for staff in leaders:
        lecturer = profile.get((staff.centre_id, staff.person_id))
        post = _LEADER_POST[staff.position]
        ok = all(check_requirement(r, staff.person, lecturer, staff, on).met for r in requirements[post])
        rows.append((staff.centre_id, staff.person_id, lecturer.pk if lecturer else None, ok))
    leader_people = {(s.centre_id, s.person_id) for s in leaders}
    for lecturer in lecturers:
        if (lecturer.centre_id, lecturer.person_id) in leader_people:
            continue
        ok = all(check_requirement(r, lecturer.person, lecturer, None, on).met for r in requirements["full_time"])
        rows.append((lecturer.centre_id, lecturer.person_id, lecturer.pk, ok))
    result = {}
    for root, found in group_by_root(families, rows).items():
        persons: dict[int, bool] = {}
        profiles: dict[int, int] = {}
        for person_id, lecturer_id, ok in found:
            persons[person_id] = persons.get(person_id, False) or ok
            if lecturer_id:
                profiles.setdefault(person_id, lecturer_id)
        met = sum(1 for ok in persons.values() if ok)
        ids_ = [profiles[p] for p, ok in persons.items() if ok and p in profiles] + [
            profiles[p] for p, ok in persons.items() if not ok and p in profiles]
        result[root] = Outcome(percent(met, len(persons)), "lecturers", tuple(ids_), f"{met}/{len(persons)}")
    return result


def hours_against_norm(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Lecturers with a yearly norm whose delivered hours (all their profiles in the family) reach it."""
    ids = members(families)
    # Only lecturers who can have a norm: full-time ones, and anyone given a norm post for the year or in a
    # leader's post (part-time and guest lecturers have none).
    with_norm = Lecturer.objects.filter(centre_id__in=ids).filter(
        Q(kind=Lecturer.Kind.FULL_TIME) | Q(load_posts__year=period.year)
        | Q(person__staff_assignments__centre_id__in=ids, person__staff_assignments__position__in=list(_LEADER_POST)))
    rows = load_rows(ids, period.year, lecturer_ids=with_norm.values("pk"))
    by_centre = [(r.lecturer.centre_id, r) for r in rows if r.post]
    result = {}
    for root, found in group_by_root(families, by_centre).items():
        per_person: dict[int, list] = defaultdict(list)
        for (row,) in found:
            per_person[row.lecturer.person_id].append(row)
        met, ids_ = [], []
        for person_rows in per_person.values():
            delivered = sum((r.delivered for r in person_rows), Decimal(0))
            lecturing = sum((r.lecture_hours for r in person_rows), Decimal(0))
            required = max(r.required_standard for r in person_rows)
            required_lecturing = max(r.required_lecturing for r in person_rows)
            ok = delivered >= required and lecturing >= required_lecturing
            (met if ok else ids_).append(person_rows[0].lecturer.pk)
        result[root] = Outcome(percent(len(met), len(per_person)), "lecturers", tuple(met + ids_),
                               f"{len(met)}/{len(per_person)}")
    return result


def _counted_surveys(families: Families, period: Period):
    """Surveys of the classes held in the period that pass their template's thresholds."""
    return (Survey.objects.filter(klass__in=held_classes(families, period))
            .filter(valid_forms__gte=F("template__min_answers"))
            .filter(valid_forms__gte=F("learners") * F("template__min_share_percent") / 100))


def satisfaction_average(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Average rating over every counted survey of the period, brought to a 10-point scale."""
    rows = (RatingCount.objects.filter(item__survey__in=_counted_surveys(families, period),
                                       item__kind=TemplateQuestion.Kind.RATING)
            .values("item__survey__klass__centre_id", "item__survey__klass_id", "item__survey__template__scale_max")
            .annotate(n=Sum("count"), total=Sum(F("count") * F("score"))).order_by()
            .values_list("item__survey__klass__centre_id", "item__survey__klass_id",
                         "item__survey__template__scale_max", "n", "total"))
    result = {}
    for root, found in group_by_root(families, rows).items():
        n = sum(r[2] or 0 for r in found)
        total = sum(Decimal(r[3] or 0) * 10 / (r[1] or 10) for r in found)
        value = (total / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if n else None
        result[root] = Outcome(value, "classes", tuple(sorted({r[0] for r in found})), f"{n}")
    return result


def survey_coverage(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Classes held in the period with a counted learner survey."""
    classes = held_classes(families, period).values_list("centre_id", "id")
    surveyed = set(_counted_surveys(families, period).values_list("klass_id", flat=True))
    return {root: share_outcome([k for (k,) in found if k in surveyed], [k for (k,) in found], "classes")
            for root, found in group_by_root(families, classes).items()}


def closing_reports(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Classes finished in the period whose closing report is final."""
    finished = finished_classes(families, period).values_list("centre_id", "id")
    final = set(ClosingReport.objects.filter(klass__in=finished_classes(families, period),
                                             status=ClosingReport.Status.FINAL).values_list("klass_id", flat=True))
    return {root: share_outcome([k for (k,) in found if k in final], [k for (k,) in found], "classes")
            for root, found in group_by_root(families, finished).items()}
