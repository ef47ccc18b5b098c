"""Where a province stands: every current centre (with the district centres it continues) × criterion group.

A centre's standing for the year comes from its assessment when one has been submitted (the reviewed
values once the province has reviewed them), otherwise from a live preview over the computed indicators
of current data, marked as such. Queries do not grow with the number of centres: one per kind of
record, plus the computations (each a fixed number of queries for all centres at once).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from org.models import AdministrativeUnit, Centre
from standards.computations.base import families_of
from standards.evaluation import standing
from standards.models import Assessment, AssessmentValue, Framework
from standards.selectors import Tree, current_framework, framework_tree, live_outcomes

SUBMITTED = [Assessment.Status.SUBMITTED, Assessment.Status.UNDER_REVIEW, Assessment.Status.RECOGNISED,
             Assessment.Status.CLOSED]
# Which of a family's assessments of the year speaks for it: the most advanced one.
PRIORITY = {Assessment.Status.RECOGNISED: 0, Assessment.Status.CLOSED: 1, Assessment.Status.UNDER_REVIEW: 2,
            Assessment.Status.SUBMITTED: 3, Assessment.Status.RETURNED: 4, Assessment.Status.DRAFT: 5}


@dataclass
class CentreStanding:
    centre: Centre
    predecessors: list[Centre]
    mode: str  # "assessment" or "preview"
    assessment: Assessment | None
    level_name: str
    group_met: dict[str, bool | None]  # group code → met at the first level (None: nothing to judge)
    unmet: list[tuple]
    trend: list[tuple[int, str, bool]] = field(default_factory=list)  # (year, result, standard)
    recognised: bool = False

    @property
    def is_preview(self) -> bool:
        return self.mode == "preview"


@dataclass
class Overview:
    province: AdministrativeUnit
    year: int
    framework: Framework | None
    tree: Tree | None
    rows: list[CentreStanding]
    years: list[int]

    @property
    def standard_count(self) -> int:
        return sum(1 for r in self.rows if r.recognised)

    def group_counts(self) -> list[tuple[object, int, int, int]]:
        """(group, met, not met, nothing to judge) over the rows."""
        if self.tree is None:
            return []
        result = []
        for group in self.tree.groups:
            states = [r.group_met.get(group.code) for r in self.rows]
            result.append((group, states.count(True), states.count(False), states.count(None)))
        return result

    def standard_by_year(self) -> list[tuple[int, int]]:
        counts = defaultdict(int)
        for row in self.rows:
            for year, _label, standard in row.trend:
                if standard:
                    counts[year] += 1
        return [(year, counts[year]) for year in self.years]


def province_centres(province_id: int):
    """Current centres of the province: a closed district centre shows inside the centre that continued it."""
    provinces = [province_id, *AdministrativeUnit.objects.filter(successor_id=province_id).values_list("id", flat=True)]
    continued = Centre.objects.filter(predecessor__isnull=False).values("predecessor_id")
    return (Centre.objects.filter(province_id__in=provinces, kind=Centre.Kind.CENTRE)
            .exclude(pk__in=continued).exclude(status=Centre.Status.CLOSED))


def _judge(tree: Tree, values: dict, computed_only: bool = False):
    indicators = [i for i in tree.indicators if i.is_computed] if computed_only else tree.indicators
    return standing(tree.levels, indicators, tree.targets, values), indicators


def _group_met(tree: Tree, result, indicators) -> dict[str, bool | None]:
    codes = {g.pk: g.code for g in tree.groups}
    first = tree.levels[0].pk if tree.levels else None
    judged_groups = {i.criterion.group_id for i in indicators
                     if first in result.judged[i.pk].met and result.judged[i.pk].met[first] is not None}
    return {codes[g]: result.group_met.get(g, True) for g in codes if g in judged_groups} | {
        codes[g]: None for g in codes if g not in judged_groups}


def province_overview(province: AdministrativeUnit, year: int, centres=None) -> Overview:
    framework = current_framework(province.pk)
    tree = framework_tree(framework) if framework else None
    centres = list((centres if centres is not None else province_centres(province.pk)).select_related("province"))
    families = families_of([c.pk for c in centres])
    member_ids = set().union(*families.values()) if families else set()
    names = {c.pk: c for c in Centre.objects.filter(pk__in=member_ids)}
    every = list(Assessment.objects.filter(centre_id__in=member_ids)
                 .select_related("result_level", "framework").order_by("year"))
    of_year = [a for a in every if a.year == year and a.status in SUBMITTED]
    values = defaultdict(dict)
    for v in AssessmentValue.objects.filter(assessment__in=of_year).only(
            "assessment_id", "indicator_id", "value", "not_applicable", "review_agreed", "reviewed_value"):
        values[v.assessment_id][v.indicator_id] = (v.effective_value, v.not_applicable)
    trees = {tree.framework.pk: tree} if tree else {}
    for fid in {a.framework_id for a in of_year} - set(trees):
        trees[fid] = framework_tree(Framework.objects.get(pk=fid))
    by_member = defaultdict(list)
    for a in every:
        by_member[a.centre_id].append(a)
    chosen = {}
    for centre in centres:
        candidates = [a for m in families[centre.pk] for a in by_member[m] if a.year == year and a.status in SUBMITTED]
        chosen[centre.pk] = min(candidates, key=lambda a: PRIORITY[a.status]) if candidates else None
    preview_ids = [c.pk for c in centres if chosen[c.pk] is None]
    live = live_outcomes(tree, preview_ids, year) if tree and preview_ids else {}
    live_by_centre = defaultdict(dict)
    for (centre_id, indicator_id), outcome in live.items():
        live_by_centre[centre_id][indicator_id] = (outcome.value, outcome.not_applicable)
    rows = []
    for centre in centres:
        assessment = chosen[centre.pk]
        trend = sorted(
            {(a.year, a.result_level.name if a.result_level else a.get_result_display(), a.result_level_id is not None)
             for m in families[centre.pk] for a in by_member[m] if a.is_closed})
        predecessors = [names[m] for m in families[centre.pk] if m != centre.pk]
        if assessment is not None:
            own_tree = trees[assessment.framework_id]
            result, indicators = _judge(own_tree, values[assessment.pk])
            recognised = assessment.status == Assessment.Status.RECOGNISED
            level = assessment.result_level.name if recognised else own_tree.level_name(result.level_id)
            rows.append(CentreStanding(centre, predecessors, "assessment", assessment, level,
                                       _group_met(own_tree, result, indicators), result.unmet, trend, recognised))
        elif tree is not None:
            computed = live_by_centre[centre.pk]
            result, indicators = _judge(tree, computed, computed_only=True)
            rows.append(CentreStanding(centre, predecessors, "preview", None, tree.level_name(result.level_id),
                                       _group_met(tree, result, indicators), result.unmet, trend, False))
        else:
            rows.append(CentreStanding(centre, predecessors, "preview", None, "", {}, [], trend, False))
    years = sorted({a.year for a in every if a.is_closed} | {year})
    return Overview(province, year, framework, tree, rows, years)


def centre_standing(centre: Centre, year: int) -> CentreStanding | None:
    """The same standing for one centre (its director's view and home-page panel)."""
    overview = province_overview(centre.province, year, centres=Centre.objects.filter(pk=centre.pk))
    return overview.rows[0] if overview.rows else None


def province_choices(user):
    from accounts.scope import scope_of

    scope = scope_of(user)
    units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).current()
    if not scope.sees_everything:
        units = units.filter(pk__in=scope.province_ids)
    return units.filter(Q(centres__isnull=False) | Q(pk__in=scope.province_ids)).distinct()
