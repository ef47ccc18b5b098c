"""Public holidays 2025–2027 (Bộ luật Lao động 2019, Article 112, as amended in 2025 to give two days for
National Day), loaded into PublicHoliday rows that an administrator can correct.

Tết and the Hùng Kings' day follow the lunar calendar, and the government decides each year which days
around them are taken off and which are swapped with a Saturday; the dates below are the decisions where
they were published and the statutory days otherwise (marked "dự kiến", to be checked against the year's
notice). Holiday names are Vietnamese by nature: they are data, not interface text.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from training.models import PublicHoliday

D = dt.date


def _days(first: dt.date, last: dt.date, name: str) -> list[tuple[dt.date, str]]:
    return [(first + dt.timedelta(days=n), name) for n in range((last - first).days + 1)]


HOLIDAYS: list[tuple[dt.date, str]] = [
    # 2025
    (D(2025, 1, 1), "Tết Dương lịch"),
    *_days(D(2025, 1, 25), D(2025, 2, 2), "Tết Nguyên đán Ất Tỵ"),
    (D(2025, 4, 7), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2025, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (D(2025, 5, 1), "Ngày Quốc tế Lao động"),
    (D(2025, 5, 2), "Nghỉ hoán đổi (làm bù thứ Bảy 26/4/2025)"),
    (D(2025, 9, 1), "Quốc khánh (ngày nghỉ liền kề)"),
    (D(2025, 9, 2), "Quốc khánh"),
    # 2026
    (D(2026, 1, 1), "Tết Dương lịch"),
    *_days(D(2026, 2, 14), D(2026, 2, 22), "Tết Nguyên đán Bính Ngọ"),
    (D(2026, 4, 27), "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch rơi vào Chủ nhật 26/4)"),
    (D(2026, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (D(2026, 5, 1), "Ngày Quốc tế Lao động"),
    (D(2026, 9, 1), "Quốc khánh (ngày nghỉ liền kề, dự kiến)"),
    (D(2026, 9, 2), "Quốc khánh"),
    # 2027: the Tết days follow the statutory five days (30 Tết to mùng 4) until the year's notice.
    (D(2027, 1, 1), "Tết Dương lịch"),
    *_days(D(2027, 2, 5), D(2027, 2, 9), "Tết Nguyên đán Đinh Mùi (dự kiến)"),
    (D(2027, 4, 16), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"),
    (D(2027, 4, 30), "Ngày Giải phóng miền Nam, thống nhất đất nước"),
    (D(2027, 5, 3), "Nghỉ bù Ngày Quốc tế Lao động (1/5 rơi vào thứ Bảy)"),
    (D(2027, 9, 2), "Quốc khánh"),
    (D(2027, 9, 3), "Quốc khánh (ngày nghỉ liền kề, dự kiến)"),
]


@transaction.atomic
def load_public_holidays(*, years: set[int] | None = None) -> int:
    """Add the known holidays (all years, or only `years`); existing dates are left as the admin set them.

    Returns how many rows were added. Safe to run again (seed_demo and deployments call it).
    """
    wanted = [(day, name) for day, name in HOLIDAYS if years is None or day.year in years]
    existing = set(PublicHoliday.objects.filter(date__in=[d for d, _ in wanted]).values_list("date", flat=True))
    new = [PublicHoliday(date=day, name=name) for day, name in wanted if day not in existing]
    PublicHoliday.objects.bulk_create(new)
    return len(new)
