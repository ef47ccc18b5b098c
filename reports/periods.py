"""Report periods: which dates a quarter, a half-year, nine months or a year cover, and their labels."""

from __future__ import annotations

import calendar
import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import short_date

# How many numbered periods a year holds, per period type (ad hoc periods are given by their dates).
PERIODS_PER_YEAR = {"quarter": 4, "half_year": 2, "nine_months": 1, "year": 1}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_dates(period_type: str, year: int, number: int | None = 1, start: dt.date | None = None,
                 end: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """(first day, last day) of the period; ValidationError (in Vietnamese) when it does not fit the kind."""
    if not year or year < 2000 or year > 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    if period_type == "ad_hoc":
        if not start or not end:
            raise ValidationError({"start_date": _("An ad hoc report needs the first and the last day of its period.")})
        if end < start:
            raise ValidationError({"end_date": _("The last day comes before the first day.")})
        if start.year != year:
            raise ValidationError({"start_date": _("The period must start in the report's year.")})
        return start, end
    count = PERIODS_PER_YEAR.get(period_type)
    if count is None:
        raise ValidationError({"kind": _("Unknown period type.")})
    number = number or 1
    if not 1 <= number <= count:
        if period_type == "quarter":
            message = _("A quarterly report covers quarter 1, 2, 3 or 4.")
        elif period_type == "half_year":
            message = _("A six-monthly report covers the first or the second half of the year (1 or 2).")
        else:
            message = _("This kind of report covers one period a year: leave the number at 1.")
        raise ValidationError({"number": message})
    if start or end:
        raise ValidationError({"start_date": _("Only an ad hoc report takes its own dates.")})
    if period_type == "quarter":
        return dt.date(year, 3 * number - 2, 1), _month_end(year, 3 * number)
    if period_type == "half_year":
        return dt.date(year, 6 * number - 5, 1), _month_end(year, 6 * number)
    if period_type == "nine_months":
        return dt.date(year, 1, 1), _month_end(year, 9)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_label(period_type: str, year: int, number: int, start: dt.date, end: dt.date) -> str:
    if period_type == "quarter":
        return _("quarter %(n)s/%(year)s") % {"n": number, "year": year}
    if period_type == "half_year":
        return (_("first half of %(year)s") if number == 1 else _("second half of %(year)s")) % {"year": year}
    if period_type == "nine_months":
        return _("nine months of %(year)s") % {"year": year}
    if period_type == "year":
        return _("year %(year)s") % {"year": year}
    return _("%(start)s – %(end)s") % {"start": short_date(start), "end": short_date(end)}


def period_phrase_vi(period_type: str, year: int, number: int, start: dt.date, end: dt.date) -> str:
    """The period as an official document names it (always Vietnamese)."""
    if period_type == "quarter":
        return f"quý {['I', 'II', 'III', 'IV'][number - 1]} năm {year}"
    if period_type == "half_year":
        return f"6 tháng đầu năm {year}" if number == 1 else f"6 tháng cuối năm {year}"
    if period_type == "nine_months":
        return f"9 tháng năm {year}"
    if period_type == "year":
        return f"năm {year}"
    return f"từ ngày {short_date(start)} đến ngày {short_date(end)}"
