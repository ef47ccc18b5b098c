"""Standardisation status: the centre's self-assessments of the period's year, by status and recognised level."""

from __future__ import annotations

from django.db.models import Count, Q

from reports.sections.base import TOTAL, Col, Frame, TableSection
from standards.models import Assessment

STATUS_LABELS = {
    Assessment.Status.DRAFT: "Đang tự đánh giá",
    Assessment.Status.SUBMITTED: "Đã gửi tự đánh giá",
    Assessment.Status.UNDER_REVIEW: "Đang thẩm định",
    Assessment.Status.RETURNED: "Trả lại để bổ sung",
    Assessment.Status.RECOGNISED: "Đã được công nhận đạt chuẩn",
    Assessment.Status.CLOSED: "Kết thúc, chưa đạt chuẩn",
}


def _assessments(frame: Frame):
    return Assessment.objects.filter(centre_id__in=frame.centre_ids, year=frame.end.year)


def standards_rows(frame: Frame) -> list[dict]:
    grouped = {g["status"]: g for g in _assessments(frame).values("status").annotate(
        assessments=Count("pk"), standard=Count("pk", filter=Q(result=Assessment.Result.LEVEL))).order_by()}
    return [{"key": str(status), "label": label,
             "cells": {"assessments": grouped[status]["assessments"], "standard": grouped[status]["standard"]}}
            for status, label in STATUS_LABELS.items() if status in grouped]


def standards_records(frame: Frame, row_key: str, column: str):
    items = _assessments(frame)
    if row_key != TOTAL:
        items = items.filter(status=row_key)
    return "assessments", items.filter(result=Assessment.Result.LEVEL) if column == "standard" else items


STANDARDS = TableSection(
    key="standards",
    title="Tình hình chuẩn hóa trung tâm (tự đánh giá và công nhận)",
    row_header="Trạng thái",
    columns=(Col("assessments", "Số bản tự đánh giá"), Col("standard", "Trong đó đạt chuẩn")),
    compute=standards_rows,
    records=standards_records,
)
