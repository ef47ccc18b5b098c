"""The year a load, a statement or a survey report covers: calendar year or school year ending 30/6."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from lecturers.models import NormTable, YearKind


def norm_table_for(year: int) -> NormTable | None:
    """The newest table whose run of years holds `year` (one query, its lines and coefficients prefetched)."""
    return (
        NormTable.objects.filter(first_year__lte=year).filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        .prefetch_related("lines", "coefficients").order_by("-first_year").first()
    )


def period_of(year: int, kind: str) -> tuple[dt.date, dt.date]:
    """Year 2026 is 1/1/2026–31/12/2026, or as a school year 1/7/2025–30/6/2026."""
    if kind == YearKind.SCHOOL:
        return dt.date(year - 1, 7, 1), dt.date(year, 6, 30)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def year_of(day: dt.date, kind: str) -> int:
    if kind == YearKind.SCHOOL:
        return day.year + 1 if day.month >= 7 else day.year
    return day.year


def year_label(year: int, kind: str) -> str:
    return f"{year - 1}–{year}" if kind == YearKind.SCHOOL else str(year)
