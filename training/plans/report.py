"""Plan against actual: filled from the classes themselves, so nobody types the figures twice.

A class counts as *opened* once it left "planned" (its opening decision is out) and as *finished* once its
results are approved. Classes opened without a plan line appear under "outside the plan" per programme.
Two queries per plan, whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from training.models import AnnualPlan, Enrolment, Klass, PlanLine, Result

OPENED = [Klass.Status.OPEN, Klass.Status.IN_PROGRESS, Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]
FINISHED = [Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]


def _count(queryset, group_by: str):
    """A correlated COUNT(*) as an integer expression (0 when nothing matches)."""
    return Coalesce(
        Subquery(queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
        Value(0),
    )


@dataclass
class Row:
    programme_code: str
    programme_name: str
    quarter: int | None
    audience: str
    planned_classes: int
    planned_learners: int
    opened_classes: int
    finished_classes: int
    enrolled: int
    completed: int
    line: PlanLine | None = None

    @property
    def percent_classes(self) -> int | None:
        return round(100 * self.opened_classes / self.planned_classes) if self.planned_classes else None

    @property
    def percent_learners(self) -> int | None:
        return round(100 * self.enrolled / self.planned_learners) if self.planned_learners else None


@dataclass
class PlanActual:
    plan: AnnualPlan
    rows: list[Row]
    unplanned: list[Row]
    quarters: list[dict] = field(default_factory=list)

    def _sum(self, name: str, rows=None) -> int:
        return sum(getattr(r, name) for r in (self.rows + self.unplanned if rows is None else rows))

    @property
    def total(self) -> Row:
        every = self.rows + self.unplanned
        return Row("", "", None, "", self._sum("planned_classes", self.rows), self._sum("planned_learners", self.rows),
                   self._sum("opened_classes", every), self._sum("finished_classes", every),
                   self._sum("enrolled", every), self._sum("completed", every))


def plan_vs_actual(plan: AnnualPlan) -> PlanActual:
    enrolled = Enrolment.objects.filter(status=Enrolment.Status.ENROLLED, klass__status__in=OPENED)
    completed = Result.objects.filter(completed=True, enrolment__klass__status__in=FINISHED)
    lines = list(
        PlanLine.objects.filter(plan=plan)
        .select_related("programme")
        .annotate(
            opened=_count(Klass.objects.filter(plan_line=OuterRef("pk"), status__in=OPENED), "plan_line"),
            finished=_count(Klass.objects.filter(plan_line=OuterRef("pk"), status__in=FINISHED), "plan_line"),
            enrolled=_count(enrolled.filter(klass__plan_line=OuterRef("pk")), "klass__plan_line"),
            completed=_count(completed.filter(enrolment__klass__plan_line=OuterRef("pk")), "enrolment__klass__plan_line"),
        )
        .order_by("quarter", "programme__sort_key", "pk")
    )
    rows = [
        Row(line.programme.code, line.programme.name, line.quarter, line.audience, line.planned_classes,
            line.planned_learners, line.opened, line.finished, line.enrolled, line.completed, line)
        for line in lines
    ]
    outside = (
        Klass.objects.filter(centre_id=plan.centre_id, start_date__year=plan.year, plan_line__isnull=True,
                             status__in=OPENED)
        .values("version__programme__code", "version__programme__name", "version__programme__sort_key")
        .annotate(
            opened=Count("pk", distinct=True),
            finished=Count("pk", filter=Q(status__in=FINISHED), distinct=True),
            enrolled=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED), distinct=True),
            completed=Count("enrolments__result", filter=Q(enrolments__result__completed=True, status__in=FINISHED),
                            distinct=True),
        )
        .order_by("version__programme__sort_key")
    )
    unplanned = [
        Row(o["version__programme__code"], o["version__programme__name"], None, "", 0, 0, o["opened"], o["finished"],
            o["enrolled"], o["completed"])
        for o in outside
    ]
    quarters = []
    for quarter in (1, 2, 3, 4):
        in_quarter = [r for r in rows if r.quarter == quarter]
        quarters.append({
            "quarter": quarter,
            "planned": sum(r.planned_classes for r in in_quarter),
            "opened": sum(r.opened_classes for r in in_quarter),
            "finished": sum(r.finished_classes for r in in_quarter),
        })
    return PlanActual(plan, rows, unplanned, quarters)
