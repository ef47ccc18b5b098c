"""All fee tables that may apply to a set of provinces, loaded once, resolved per class in memory."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from lecturers.models import FeeRate, FeeTable
from lecturers.pay import ZERO, rate_for


class RateBook:
    def __init__(self, rates: list[FeeRate]):
        self.tables: dict[int | None, list[FeeTable]] = defaultdict(list)
        self.rates: dict[int, dict[tuple[str, str], Decimal]] = defaultdict(dict)
        seen = set()
        for rate in rates:
            if rate.table_id not in seen:
                seen.add(rate.table_id)
                self.tables[rate.table.province_id].append(rate.table)
            self.rates[rate.table_id][(rate.rank, rate.title.strip().casefold())] = rate.amount

    @classmethod
    def for_provinces(cls, province_ids) -> RateBook:
        ids = [p for p in set(province_ids) if p is not None]
        rates = FeeRate.objects.filter(Q(table__province__isnull=True) | Q(table__province_id__in=ids))
        return cls(list(rates.select_related("table")))

    def table(self, province_id: int | None, on: dt.date) -> FeeTable | None:
        for key in (province_id, None):
            found = [t for t in self.tables.get(key, ()) if t.valid_from <= on and (t.valid_to is None or t.valid_to >= on)]
            if found:
                return max(found, key=lambda t: t.valid_from)
        return None

    def rate(self, table: FeeTable | None, rank: str, title: str) -> Decimal:
        return rate_for(self.rates[table.pk], rank, title) if table else ZERO

    def period_rate(self, province_id: int | None, on: dt.date, rank: str, title: str = "") -> Decimal:
        """The pay of one period (the session fee over the table's periods per session)."""
        table = self.table(province_id, on)
        return self.rate(table, rank, title) / table.periods_per_session if table else ZERO
