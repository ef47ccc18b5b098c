"""Judging values against targets: indicator met / not met per level, group standing, the level reached.

Pure functions over plain values, shared by the assessment page, the province overview, the documents
and the API. An indicator without a target at a level is not part of that level; a not-applicable
value does not count against the centre; a missing value is not met.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from standards.models import Comparator


@dataclass(frozen=True)
class Judged:
    value: Decimal | None
    not_applicable: bool
    met: dict[int, bool | None]  # level id → met (None: no target at that level, or not applicable)


@dataclass
class Standing:
    level_id: int | None  # the highest level whose indicators are all met (and all levels below)
    group_met: dict[int, bool] = field(default_factory=dict)  # group id → all met at the first level
    # The road to the standard: (indicator, value, gap, target) for the next level not yet reached.
    unmet: list[tuple] = field(default_factory=list)
    next_level_id: int | None = None
    judged: dict[int, Judged] = field(default_factory=dict)


def targets_by_indicator(framework_targets) -> dict[int, dict[int, Decimal]]:
    result: dict[int, dict[int, Decimal]] = {}
    for target in framework_targets:
        result.setdefault(target.indicator_id, {})[target.level_id] = target.value
    return result


def judge(indicator, value: Decimal | None, not_applicable: bool, targets: dict[int, Decimal]) -> Judged:
    comparator = Comparator(indicator.comparator)
    met = {}
    for level_id, target in targets.items():
        if not_applicable:
            met[level_id] = None
        else:
            met[level_id] = value is not None and comparator.holds(Decimal(value), target)
    return Judged(value, not_applicable, met)


def gap(indicator, value: Decimal | None, target: Decimal) -> Decimal | None:
    """How far the value is from the target (in the indicator's unit); None when there is no value."""
    if value is None:
        return None
    if indicator.comparator == Comparator.AT_MOST:
        return Decimal(value) - target
    return target - Decimal(value)


def standing(levels, indicators, targets: dict[int, dict[int, Decimal]],
             values: dict[int, tuple[Decimal | None, bool]]) -> Standing:
    """`values`: indicator id → (value, not applicable). Levels in order, lowest first."""
    result = Standing(level_id=None)
    levels = list(levels)
    first = levels[0].pk if levels else None
    reached_all_below = True
    level_ok = {lv.pk: True for lv in levels}
    for indicator in indicators:
        value, na = values.get(indicator.pk, (None, False))
        judged = judge(indicator, value, na, targets.get(indicator.pk, {}))
        result.judged[indicator.pk] = judged
        for level_id, met in judged.met.items():
            if met is False:
                level_ok[level_id] = False
        group_id = indicator.criterion.group_id
        if first in judged.met:
            result.group_met[group_id] = result.group_met.get(group_id, True) and judged.met[first] is not False
        else:
            result.group_met.setdefault(group_id, True)
    for level in levels:
        reached_all_below = reached_all_below and level_ok[level.pk]
        if reached_all_below:
            result.level_id = level.pk
    # The road to the standard: what is missing for the next level not yet reached.
    order = [lv.pk for lv in levels]
    next_level = order[0] if result.level_id is None else (
        order[order.index(result.level_id) + 1] if order.index(result.level_id) + 1 < len(order) else None)
    result.next_level_id = next_level
    if next_level is not None:
        for indicator in indicators:
            judged = result.judged[indicator.pk]
            if judged.met.get(next_level) is False:
                target = targets[indicator.pk][next_level]
                result.unmet.append((indicator, judged.value, gap(indicator, judged.value, target), target))
    return result
