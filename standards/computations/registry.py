"""The computations an indicator may name: a mapping in code, from name to function.

Adding a computation means writing its function (over families of centres and a period, a fixed
number of queries) and one line here; a framework that names a computation not listed is refused.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from standards.computations import lecturers, quality, resources, staff, training
from standards.computations.base import Computation, Families, Outcome, Period, sharing_reads
from standards.models.frameworks import Unit

_ALL = [
    Computation("fulltime_lecturers", _("Full-time lecturers"), Unit.COUNT, staff.fulltime_lecturers),
    Computation("part_time_lecturers_in_use", _("Part-time lecturers who taught in the period"), Unit.COUNT,
                training.part_time_lecturers_in_use),
    Computation("lecturers_theory_level", _("Full-time lecturers with the required political-theory level"),
                Unit.PERCENT, staff.lecturers_theory_level),
    Computation("lecturers_pedagogy", _("Full-time lecturers with a pedagogy certificate"), Unit.PERCENT,
                staff.lecturers_pedagogy),
    Computation("lecturers_degree", _("Full-time lecturers with a university degree"), Unit.PERCENT,
                staff.lecturers_degree),
    Computation("lecturers_state_management", _("Full-time lecturers with a state-management qualification"),
                Unit.PERCENT, staff.lecturers_state_management),
    Computation("leaders_theory_level", _("Director and deputies with the required political-theory level"),
                Unit.PERCENT, staff.leaders_theory_level),
    Computation("staff_in_post", _("Staff in post"), Unit.COUNT, staff.staff_in_post),
    Computation("plan_approved", _("Annual plan approved"), Unit.YES_NO, training.plan_approved),
    Computation("classes_held", _("Classes held"), Unit.COUNT, training.classes_held),
    Computation("classes_against_plan", _("Classes held against the annual plan"), Unit.PERCENT,
                training.classes_against_plan),
    Computation("learners_against_plan", _("Learners against the annual plan"), Unit.PERCENT,
                training.learners_against_plan),
    Computation("learners_trained", _("Learners trained"), Unit.COUNT, training.learners_trained),
    Computation("completion_rate", _("Learners who completed"), Unit.PERCENT, training.completion_rate),
    Computation("attendance_rate", _("Attendance"), Unit.PERCENT, training.attendance_rate),
    Computation("opening_decisions", _("Classes with an opening decision"), Unit.PERCENT, training.opening_decisions),
    Computation("recognition_decisions", _("Finished classes with a recognition decision"), Unit.PERCENT,
                training.recognition_decisions),
    Computation("timetables_match_hours", _("Timetables matching the programme's hours"), Unit.PERCENT,
                training.timetables_match_hours),
    Computation("programmes_overlap_reviewed", _("Programmes taught whose overlap review is decided"), Unit.PERCENT,
                quality.programmes_overlap_reviewed),
    Computation("certificates_on_time", _("Certificates issued on time after approval"), Unit.PERCENT,
                quality.certificates_on_time, {"days": 30}),
    Computation("lecture_hall_seats", _("Seats in the largest lecture hall"), Unit.COUNT, quality.lecture_hall_seats),
    Computation("post_standards_met", _("Leaders and full-time lecturers meeting their post standard"),
                Unit.PERCENT, lecturers.post_standards_met),
    Computation("hours_against_norm", _("Lecturers reaching their yearly teaching norm"), Unit.PERCENT,
                lecturers.hours_against_norm),
    Computation("satisfaction_average", _("Learners' average satisfaction (10-point scale)"), Unit.SCORE,
                lecturers.satisfaction_average),
    Computation("survey_coverage", _("Classes with a counted learner survey"), Unit.PERCENT,
                lecturers.survey_coverage),
    Computation("closing_reports", _("Finished classes with a final closing report"), Unit.PERCENT,
                lecturers.closing_reports),
    Computation("facilities_standard_met", _("Facilities standard met"), Unit.YES_NO,
                resources.facilities_standard_met),
    Computation("equipment_working", _("Equipment in working order"), Unit.PERCENT, resources.equipment_working),
    Computation("budget_execution", _("Budget execution"), Unit.PERCENT, resources.budget_execution),
    Computation("agreements_with_senders", _("Sending organisations with a coordination agreement in force"),
                Unit.PERCENT, resources.agreements_with_senders),
    Computation("classes_using_it", _("Classes using IT (online materials or tests)"), Unit.PERCENT,
                quality.classes_using_it),
]

COMPUTATIONS: dict[str, Computation] = {c.name: c for c in _ALL}


def computation_choices() -> list[tuple[str, str]]:
    return [(c.name, c.label) for c in _ALL]


def compute_indicators(indicators, families: Families, period: Period) -> dict[tuple[int, int], Outcome]:
    """Every computed indicator for every centre of `families`: {(centre id, indicator id): outcome}.

    Indicators naming the same computation with the same parameters share one run, so the queries
    depend on the framework, not on the number of centres.
    """
    runs: dict[tuple[str, str], dict[int, Outcome]] = {}
    result = {}
    with sharing_reads():
        for indicator in indicators:
            computation = COMPUTATIONS.get(indicator.computation)
            if computation is None:
                continue
            key = (indicator.computation, repr(sorted((indicator.parameters or {}).items())))
            if key not in runs:
                runs[key] = computation.run(families, period, indicator.parameters)
            for centre_id, outcome in runs[key].items():
                result[(centre_id, indicator.pk)] = outcome
    return result
