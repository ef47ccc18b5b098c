"""Budget execution: the year's budget by purpose against what was spent from it in the period."""

from __future__ import annotations

from django.db.models import Sum

from finance.models import BudgetLine, Purpose, Spending
from reports.sections.base import TOTAL, Col, Frame, TableSection

PURPOSE_LABELS = {
    Purpose.TRAINING: "Tổ chức các lớp đào tạo, bồi dưỡng",
    Purpose.MATERIALS: "Tài liệu, giáo trình",
    Purpose.FACILITIES: "Cơ sở vật chất, trang thiết bị",
    Purpose.STAFF: "Bồi dưỡng cán bộ, giảng viên",
    Purpose.OPERATIONS: "Chi thường xuyên",
    Purpose.OTHER: "Chi khác",
}


def _lines(frame: Frame):
    return BudgetLine.objects.filter(budget__centre_id=frame.centre_ids[0], budget__year=frame.end.year)


def _spent(frame: Frame):
    return Spending.objects.filter(line__budget__centre_id=frame.centre_ids[0], line__budget__year=frame.end.year,
                                   date__range=(frame.start, frame.end))


def budget_rows(frame: Frame) -> list[dict]:
    planned = dict(_lines(frame).values_list("purpose").annotate(total=Sum("amount")).order_by())
    spent = dict(_spent(frame).values_list("line__purpose").annotate(total=Sum("amount")).order_by())
    return [{"key": str(purpose), "label": label,
             "cells": {"planned": int(planned.get(purpose) or 0), "spent": int(spent.get(purpose) or 0)}}
            for purpose, label in PURPOSE_LABELS.items() if purpose in planned or purpose in spent]


def budget_records(frame: Frame, row_key: str, column: str):
    spent = _spent(frame)
    return "spendings", spent if row_key == TOTAL else spent.filter(line__purpose=row_key)


BUDGET = TableSection(
    key="budget",
    title="Tình hình thực hiện dự toán kinh phí (đồng)",
    row_header="Nội dung chi",
    columns=(
        Col("planned", "Dự toán năm"),
        Col("spent", "Đã chi trong kỳ"),
        Col("pct_spent", "Tỷ lệ thực hiện (%)", ratio=("spent", "planned")),
    ),
    compute=budget_rows,
    records=budget_records,
)
