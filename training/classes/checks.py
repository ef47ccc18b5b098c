"""What a class needs before its next step, computed from figures: the same rules the transitions check.

`transition_blockers` (one class, at the moment of the change) and the lists that show many classes at
once (the director's "Needs attention" column, the home pages) both read `step_blockers`, so a list never
promises a step that the transition would refuse, nor hides a reason it would give.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.prepared import Prepared
from curriculum.models import AssessmentComponent
from training.models import Enrolment, Klass

Status = Klass.Status


@dataclass(frozen=True)
class Facts:
    """Counts about one class that its transitions depend on."""

    enrolled: int
    sessions: int
    missing_scores: int = 0  # active learners lacking a required score


@dataclass
class NextStep:
    key: str  # "open", "start", "approve", "certificates", "recognition", "close", ""
    label: str
    blockers: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return bool(self.key) and not self.blockers


def opening_blockers(klass: Klass) -> list[str]:
    blockers = []
    if not klass.opening_decision_number:
        blockers.append(_("Enter the number of the opening decision."))
    if not klass.opening_decision_date:
        blockers.append(_("Enter the date of the opening decision."))
    return blockers


def starting_blockers(facts: Facts) -> list[str]:
    blockers = []
    if not facts.enrolled:
        blockers.append(_("No learner is enrolled yet."))
    if not facts.sessions:
        blockers.append(_("The timetable has no sessions yet."))
    return blockers


def approval_blockers(facts: Facts) -> list[str]:
    """The counted preconditions of `approve_results` (it also names the learners and checks the timetable)."""
    if not facts.enrolled:
        return [_("The class has no learners.")]
    if facts.missing_scores:
        return [ngettext("%(count)d learner still lacks a required score.",
                         "%(count)d learners still lack a required score.", facts.missing_scores)
                % {"count": facts.missing_scores}]
    return []


def _required_components(version_ids):
    return (AssessmentComponent.objects.filter(version_id__any=version_ids, required=True)
            .values("version_id").annotate(n=Count("pk")).values_list("version_id", "n").order_by())


def _scores_done(class_ids):
    return (Enrolment.objects.filter(klass_id__any=class_ids, status=Enrolment.Status.ENROLLED)
            .annotate(done=Count("scores", filter=Q(scores__component__required=True, scores__value__isnull=False)))
            .values_list("klass_id", "done").order_by())


# Compiled once (core.prepared): every home page and director's view asks them of other classes.
_REQUIRED_COMPONENTS = Prepared(_required_components, [-7_319_024_185])
_SCORES_DONE = Prepared(_scores_done, [-7_319_024_185])


def missing_scores_by_class(classes) -> dict[int, int]:
    """Per class id: active learners lacking a score for a required component. Two queries for any number."""
    classes = list(classes)
    if not classes:
        return {}
    required = dict(_REQUIRED_COMPONENTS.rows(sorted({k.version_id for k in classes})))
    wanted = [k.pk for k in classes if required.get(k.version_id)]
    missing: dict[int, int] = defaultdict(int)
    if not wanted:
        return missing
    version_of = {k.pk: k.version_id for k in classes}
    for klass_id, done in _SCORES_DONE.rows(wanted):
        if done < required[version_of[klass_id]]:
            missing[klass_id] += 1
    return missing


def next_step(klass, today: dt.date | None = None) -> NextStep:
    """The class's next step and what blocks it. `klass` carries the annotations of
    `training.classes.figures.with_figures` and `missing_scores` (from `missing_scores_by_class`)."""
    today = today or timezone.localdate()
    facts = Facts(enrolled=klass.enrolled, sessions=klass.sessions_total,
                  missing_scores=getattr(klass, "missing_scores", 0))
    status = klass.status
    if status == Status.PLANNED:
        return NextStep("open", _("Open for nominations"), opening_blockers(klass))
    if status == Status.OPEN:
        return NextStep("start", _("Start the class"), starting_blockers(facts))
    if status == Status.IN_PROGRESS:
        warnings = []
        if klass.end_date > today:
            warnings.append(_("The class ends on %(date)s.") % {"date": klass.end_date.strftime("%d/%m/%Y")})
        return NextStep("approve", _("Approve the results"), approval_blockers(facts), warnings)
    if status == Status.RESULTS_APPROVED:
        if klass.completed > klass.certificates:
            return NextStep("certificates", _("Issue the certificates"))
        if not klass.recognition_decision_number:
            return NextStep("recognition", _("Record the recognition decision"))
        return NextStep("close", _("Close the class"))
    return NextStep("", "")


def with_next_steps(rows, today: dt.date | None = None) -> list:
    """Sets `missing_scores` and `step` on each row (rows annotated by `with_figures` or `with_step_figures`)."""
    rows = list(rows)
    missing = missing_scores_by_class([k for k in rows if k.status == Status.IN_PROGRESS])
    for row in rows:
        row.missing_scores = missing.get(row.pk, 0)
        row.step = next_step(row, today)
    return rows


__all__ = ["Facts", "NextStep", "approval_blockers", "missing_scores_by_class", "next_step", "opening_blockers",
           "starting_blockers", "with_next_steps"]
