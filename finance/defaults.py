"""The cost rules a new installation starts with: dated, national (no province), editable.

Meal support follows Thông tư 40/2017/TT-BTC (Điều 12: hỗ trợ tiền ăn, tối đa 100.000 đồng/ngày/người
for meetings organised at district level), in force from 01/7/2017. The other rates are the centre's own
decisions under the same circular and Thông tư 36/2018/TT-BTC (training of cadres); no national figure
binds them, so they are starting values a province replaces with its own rules.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

TT40_FROM = dt.date(2017, 7, 1)
TT40 = "Thông tư 40/2017/TT-BTC"
TT36 = "Thông tư 36/2018/TT-BTC"
RULES = [
    ("meal", Decimal(100_000), f"{TT40}, Điều 12 (cấp huyện)"),
    ("travel", Decimal(50_000), f"{TT40} (khoán tiền đi lại, mức do đơn vị quyết định)"),
    ("materials", Decimal(50_000), f"{TT36} (tài liệu học tập)"),
    ("venue", Decimal(1_500_000), f"{TT36} (thuê hội trường)"),
    ("opening", Decimal(1_000_000), f"{TT36} (khai giảng)"),
    ("closing", Decimal(1_000_000), f"{TT36} (bế giảng)"),
    ("certificate", Decimal(10_000), f"{TT36} (in giấy chứng nhận)"),
    ("lecturer_session", Decimal(300_000), f"{TT36} (thù lao giảng viên bình quân một buổi, để ước tính kế hoạch)"),
]


def load_defaults(rule_model) -> None:
    if rule_model.objects.filter(province__isnull=True).exists():
        return
    rule_model.objects.bulk_create([
        rule_model(item=item, amount=amount, valid_from=TT40_FROM, basis=basis) for item, amount, basis in RULES
    ])
