"""Equipment by category and condition (as it stands now): part of the facilities the report describes."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from facilities.models import Condition, Equipment
from reports.sections.base import TOTAL, Col, Frame, TableSection


def _items(frame: Frame):
    return Equipment.objects.filter(centre_id=frame.centre_ids[0])


def equipment_rows(frame: Frame) -> list[dict]:
    grouped = (
        _items(frame).values("category_id", "category__name", "category__sort_order")
        .annotate(items=Count("pk"), total=Sum("quantity"),
                  good=Sum("quantity", filter=Q(condition=Condition.GOOD)),
                  repair=Sum("quantity", filter=Q(condition=Condition.NEEDS_REPAIR)),
                  broken=Sum("quantity", filter=Q(condition=Condition.BROKEN)))
        .order_by("category__sort_order", "category__name")
    )
    return [{"key": str(g["category_id"]), "label": g["category__name"],
             "cells": {"quantity": g["total"] or 0, "good": g["good"] or 0, "repair": g["repair"] or 0,
                       "broken": g["broken"] or 0}} for g in grouped]


def equipment_records(frame: Frame, row_key: str, column: str):
    items = _items(frame)
    if row_key != TOTAL:
        items = items.filter(category_id=int(row_key) if row_key.isdigit() else -1)
    wanted = {"good": Condition.GOOD, "repair": Condition.NEEDS_REPAIR, "broken": Condition.BROKEN}.get(column)
    return "equipment", items.filter(condition=wanted) if wanted else items


EQUIPMENT = TableSection(
    key="equipment",
    title="Trang thiết bị theo loại và tình trạng",
    row_header="Loại thiết bị",
    columns=(
        Col("quantity", "Số lượng"),
        Col("good", "Tốt"),
        Col("repair", "Cần sửa chữa"),
        Col("broken", "Hỏng"),
        Col("pct_good", "Tỷ lệ tốt (%)", ratio=("good", "quantity")),
    ),
    compute=equipment_rows,
    records=equipment_records,
)
