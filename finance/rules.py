"""The cost rules in force for a province on a date: one query, the province's own rule before the default."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q

from finance.models import CostRule


def rates_on(province_id: int | None, on: dt.date) -> dict[str, Decimal]:
    """item -> rate: the province's rule if it has one in force on `on`, else the national default."""
    rules = (
        CostRule.objects.filter(Q(province__isnull=True) | Q(province_id=province_id), valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .values_list("item", "province_id", "valid_from", "amount")
    )
    best: dict[str, tuple[bool, dt.date, Decimal]] = {}
    for item, province, valid_from, amount in rules:
        key = (province is not None, valid_from)
        if item not in best or key > best[item][:2]:
            best[item] = (*key, amount)
    rates = {item: Decimal(0) for item in CostRule.Item.values}
    rates.update({item: value[2] for item, value in best.items()})
    return rates
