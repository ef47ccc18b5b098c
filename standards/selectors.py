"""Reads: a framework's tree, an assessment's values (live while in draft), the drill-down sources."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q

from certificates.models import Certificate
from curriculum.models import Programme
from facilities.models import Room
from org.models import SendingOrganisation
from people.models import Lecturer, StaffAssignment
from standards.computations.base import Outcome, Period, families_of
from standards.computations.registry import compute_indicators
from standards.evaluation import Standing, standing, targets_by_indicator
from standards.models import Assessment, Framework, Indicator, Target
from training.models import AnnualPlan, Klass


@dataclass
class Tree:
    framework: Framework
    levels: list
    groups: list
    indicators: list
    targets: dict

    @property
    def computed(self) -> list:
        return [i for i in self.indicators if i.is_computed]

    def level_name(self, level_id) -> str:
        return next((lv.name for lv in self.levels if lv.pk == level_id), "")


def framework_tree(framework: Framework) -> Tree:
    """Levels, groups and indicators of a framework in four queries."""
    levels = list(framework.levels.all())
    groups = list(framework.groups.all())
    indicators = list(Indicator.objects.filter(framework=framework).select_related("criterion__group"))
    targets = targets_by_indicator(Target.objects.filter(indicator__framework=framework))
    return Tree(framework, levels, groups, indicators, targets)


def current_framework(province_id: int | None) -> Framework | None:
    """The published framework a province's centres assess against: the province's own, else the national one."""
    published = Framework.objects.filter(status=Framework.Status.PUBLISHED).order_by(
        F("published_at").desc(nulls_last=True), "-pk")
    own = published.filter(province_id=province_id).first() if province_id else None
    return own or published.filter(province__isnull=True).first()


def live_outcomes(tree: Tree, centre_ids, year: int) -> dict[tuple[int, int], Outcome]:
    """Every computed indicator for the centres, from current data (each with its predecessors)."""
    return compute_indicators(tree.computed, families_of(centre_ids), Period.of_year(year))


@dataclass
class Row:
    """One indicator of an assessment (or of a live preview) for the pages and documents."""

    indicator: Indicator
    value: object
    not_applicable: bool
    source: str
    ids: tuple
    detail: str
    stored: object  # the AssessmentValue, or None in a live preview
    evidence: list


def assessment_rows(assessment: Assessment, tree: Tree) -> list[Row]:
    """Stored values; while the centre is still preparing it, computed values come from current data."""
    stored = {v.indicator_id: v for v in assessment.values.prefetch_related("evidence")}
    live = live_outcomes(tree, [assessment.centre_id], assessment.year) if assessment.is_editable else {}
    rows = []
    for indicator in tree.indicators:
        value = stored.get(indicator.pk)
        outcome = live.get((assessment.centre_id, indicator.pk))
        evidence = list(value.evidence.all()) if value else []
        if outcome is not None:
            rows.append(Row(indicator, outcome.value, outcome.not_applicable, outcome.source, outcome.ids,
                            outcome.detail, value, evidence))
        elif value is not None:
            rows.append(Row(indicator, value.effective_value, value.not_applicable, value.source_model,
                            tuple(value.source_ids or ()), value.detail, value, evidence))
        else:
            rows.append(Row(indicator, None, False, "", (), "", None, []))
    return rows


def rows_standing(tree: Tree, rows: list[Row]) -> Standing:
    return standing(tree.levels, tree.indicators, tree.targets,
                    {r.indicator.pk: (r.value, r.not_applicable) for r in rows})


def centre_own_values(assessment: Assessment) -> dict:
    """The centre's own (unreviewed) frozen values, for the self-assessed level."""
    return {v.indicator_id: (v.value, v.not_applicable) for v in assessment.values.all()}


# The drill-down: what each computation's ids are, and how to list them.
SOURCES = {
    "classes": lambda ids: Klass.objects.filter(pk__in=ids).select_related("centre", "version__programme"),
    "lecturers": lambda ids: Lecturer.objects.filter(pk__in=ids).select_related("centre", "person"),
    "staff": lambda ids: StaffAssignment.objects.filter(pk__in=ids).select_related("centre", "person"),
    "certificates": lambda ids: Certificate.objects.filter(pk__in=ids).select_related(
        "register__centre", "enrolment__klass"),
    "programmes": lambda ids: Programme.objects.filter(pk__in=ids),
    "plans": lambda ids: AnnualPlan.objects.filter(pk__in=ids).select_related("centre"),
    "rooms": lambda ids: Room.objects.filter(pk__in=ids).select_related("centre"),
    "organisations": lambda ids: SendingOrganisation.objects.filter(pk__in=ids),
}


def drill_down(source: str, ids) -> list:
    loader = SOURCES.get(source)
    if loader is None or not ids:
        return []
    order = {pk: n for n, pk in enumerate(ids)}
    return sorted(loader(list(ids)), key=lambda obj: order.get(obj.pk, 0))


def visible_assessments(user):
    return Assessment.objects.visible_to(user).select_related("centre", "framework", "result_level", "self_level")


def family_assessments(centre_ids, year: int | None = None):
    condition = Q(centre_id__in=centre_ids)
    if year is not None:
        condition &= Q(year=year)
    return Assessment.objects.filter(condition)
