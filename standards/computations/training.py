"""Classes, learners and the annual plan: what the centre held in the period against what it planned."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum

from standards.computations.base import (
    Families,
    Outcome,
    Period,
    group_by_root,
    members,
    percent,
    share_outcome,
    shared,
)
from training.models import AnnualPlan, Attendance, Enrolment, Klass, PlanLine, Session

HELD = ~Q(status=Klass.Status.PLANNED)
FINISHED = [Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]


def held_classes(families: Families, period: Period):
    """Classes that started in the period and were not left at the planning stage."""
    return Klass.objects.filter(HELD, centre_id__in=members(families), start_date__range=(period.start, period.end))


def finished_classes(families: Families, period: Period):
    """Classes that ended in the period with their results approved."""
    return Klass.objects.filter(centre_id__in=members(families), status__in=FINISHED,
                                end_date__range=(period.start, period.end))


def _planned(families: Families, period: Period) -> dict[int, tuple[int, int, list[int]]]:
    def load():
        rows = (PlanLine.objects.filter(plan__centre_id__in=members(families), plan__year=period.year)
                .values_list("plan__centre_id", "planned_classes", "planned_learners", "plan_id"))
        totals = {}
        for root, lines in group_by_root(families, rows).items():
            totals[root] = (sum(r[0] for r in lines), sum(r[1] for r in lines), sorted({r[2] for r in lines}))
        return totals

    return shared("planned", families, period, load)


def _held(families: Families, period: Period) -> dict[int, list[tuple]]:
    def load():
        rows = held_classes(families, period).annotate(
            learners=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.ENROLLED)),
        ).values_list("centre_id", "id", "learners")
        return group_by_root(families, rows)

    return shared("held", families, period, load)


def classes_held(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    return {root: Outcome(Decimal(len(rows)), "classes", tuple(r[0] for r in rows), str(len(rows)))
            for root, rows in _held(families, period).items()}


def classes_against_plan(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    planned = _planned(families, period)
    result = {}
    for root, rows in _held(families, period).items():
        plan_classes = planned.get(root, (0, 0, []))[0]
        result[root] = Outcome(percent(len(rows), plan_classes), "classes", tuple(r[0] for r in rows),
                               f"{len(rows)}/{plan_classes}")
    return result


def learners_against_plan(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    planned = _planned(families, period)
    result = {}
    for root, rows in _held(families, period).items():
        learners = sum(r[1] for r in rows)
        plan_learners = planned.get(root, (0, 0, []))[1]
        result[root] = Outcome(percent(learners, plan_learners), "classes", tuple(r[0] for r in rows),
                               f"{learners}/{plan_learners}")
    return result


def learners_trained(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Distinct persons enrolled in the classes held: a learner of two classes counts once."""
    rows = (Enrolment.objects.filter(klass__in=held_classes(families, period), status=Enrolment.Status.ENROLLED)
            .values_list("klass__centre_id", "person_id", "klass_id"))
    result = {}
    for root, found in group_by_root(families, rows).items():
        persons = {r[0] for r in found}
        result[root] = Outcome(Decimal(len(persons)), "classes", tuple(sorted({r[1] for r in found})),
                               str(len(persons)))
    return result


def plan_approved(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    rows = (AnnualPlan.objects.filter(centre_id__in=members(families), year=period.year)
            .values_list("centre_id", "id", "status"))
    result = {}
    for root, plans in group_by_root(families, rows).items():
        approved = [p for p, status in plans if status == AnnualPlan.Status.APPROVED]
        result[root] = Outcome(Decimal(1 if approved else 0), "plans", tuple(p for p, _ in plans),
                               f"{len(approved)}/{len(plans)}")
    return result


def completion_rate(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Learners who completed, among the active learners of the classes finished in the period."""
    rows = (Enrolment.objects.filter(klass__in=finished_classes(families, period), status=Enrolment.Status.ENROLLED)
            .values("klass__centre_id", "klass_id")
            .annotate(total=Count("id"), done=Count("id", filter=Q(result__completed=True))).order_by()
            .values_list("klass__centre_id", "klass_id", "total", "done"))
    result = {}
    for root, found in group_by_root(families, rows).items():
        total, done = sum(r[1] for r in found), sum(r[2] for r in found)
        result[root] = Outcome(percent(done, total), "classes", tuple(sorted(r[0] for r in found)), f"{done}/{total}")
    return result


def attendance_rate(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Present or late marks among all marks taken in the period's sessions of held classes."""
    present = [Attendance.Status.PRESENT, Attendance.Status.LATE]
    rows = (Attendance.objects.filter(session__klass__centre_id__in=members(families),
                                      session__date__range=(period.start, period.end),
                                      enrolment__status=Enrolment.Status.ENROLLED)
            .values("session__klass__centre_id", "session__klass_id")
            .annotate(total=Count("id"), present=Count("id", filter=Q(status__in=present)))
            .values_list("session__klass__centre_id", "session__klass_id", "total", "present"))
    result = {}
    for root, found in group_by_root(families, rows).items():
        total, ok = sum(r[1] for r in found), sum(r[2] for r in found)
        result[root] = Outcome(percent(ok, total), "classes", tuple(r[0] for r in found), f"{ok}/{total}")
    return result


def opening_decisions(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    rows = held_classes(families, period).values_list("centre_id", "id", "opening_decision_number")
    return {root: share_outcome([r[0] for r in found if r[1]], [r[0] for r in found], "classes")
            for root, found in group_by_root(families, rows).items()}


def recognition_decisions(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    rows = finished_classes(families, period).values_list("centre_id", "id", "recognition_decision_number")
    return {root: share_outcome([r[0] for r in found if r[1]], [r[0] for r in found], "classes")
            for root, found in group_by_root(families, rows).items()}


def timetables_match_hours(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Held classes whose scheduled periods add up to the programme version's total periods."""
    rows = (held_classes(families, period).filter(version__total_periods__gt=0)
            .annotate(scheduled=Sum("sessions__periods"))
            .values_list("centre_id", "id", "scheduled", "version__total_periods"))
    return {root: share_outcome([r[0] for r in found if (r[1] or 0) == r[2]], [r[0] for r in found], "classes")
            for root, found in group_by_root(families, rows).items()}


def part_time_lecturers_in_use(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Part-time lecturers who taught at least one session of the centre's classes in the period."""
    rows = (Session.objects.filter(klass__centre_id__in=members(families), date__range=(period.start, period.end),
                                   lecturer__kind="part_time")
            .values_list("klass__centre_id", "lecturer__person_id", "lecturer_id").distinct())
    result = {}
    for root, found in group_by_root(families, rows).items():
        first: dict[int, int] = {}
        for person_id, lecturer_id in sorted(found, key=lambda r: r[1]):
            first.setdefault(person_id, lecturer_id)
        result[root] = Outcome(Decimal(len(first)), "lecturers", tuple(first.values()), str(len(first)))
    return result

