"""Sections from the lecturers app: teaching hours against the yearly norm, and the learners' feedback.

Hours are those of the norm year that holds the period's last day, as the lecturers app counts them
(sessions held, other work by its coefficients, reductions), grouped by norm post. Feedback averages
count only the surveys of classes ended in the period that pass their anonymity thresholds.
"""

from __future__ import annotations

from collections import defaultdict

from lecturers.feedback import passing_surveys, rating_sums
from lecturers.load import load_rows
from lecturers.models import NormPost, Section, SurveyItem
from people.models import Lecturer
from reports.sections.base import TOTAL, Col, Frame, TableSection
from training.models import Klass

NO_NORM = "none"
POST_LABELS = {
    NormPost.DIRECTOR: "Giám đốc",
    NormPost.DEPUTY: "Phó Giám đốc",
    NormPost.LECTURER: "Giảng viên chuyên trách",
    NormPost.LECTURER_OFFICE: "Giảng viên chuyên trách kiêm công tác chuyên môn, văn phòng",
    NO_NORM: "Giảng viên kiêm nhiệm, thỉnh giảng (không tính định mức)",
}
SECTION_LABELS = {
    Section.LECTURER: "Giảng viên, chuyên đề",
    Section.ORGANISATION: "Công tác tổ chức lớp học",
    Section.FACILITIES: "Cơ sở vật chất",
    Section.PROGRAMME: "Chương trình",
}


def _rows_by_post(frame: Frame) -> dict[str, list]:
    grouped = defaultdict(list)
    for row in load_rows(frame.centre_ids[:1], frame.end.year):
        grouped[row.post or NO_NORM].append(row)
    return grouped


def hours_rows(frame: Frame) -> list[dict]:
    grouped = _rows_by_post(frame)
    out = []
    for post, label in POST_LABELS.items():
        rows = grouped.get(post)
        if not rows:
            continue
        out.append({"key": str(post), "label": label, "cells": {
            "lecturers": len(rows),
            "meeting": sum(1 for r in rows if r.post and r.meets_norm),
            "required": sum(r.required_standard for r in rows),
            "delivered": sum(r.delivered for r in rows),
            "taught": sum(r.taught_periods for r in rows),
            "overtime": sum(r.overtime_periods for r in rows),
        }})
    return out


def hours_records(frame: Frame, row_key: str, column: str):
    grouped = _rows_by_post(frame)
    rows = [r for key, items in grouped.items() if row_key in (TOTAL, key) for r in items]
    if column == "meeting":
        rows = [r for r in rows if r.post and r.meets_norm]
    return "lecturers", Lecturer.objects.filter(pk__in=[r.lecturer.pk for r in rows])


HOURS = TableSection(
    key="lecturer_hours",
    title="Giờ giảng của giảng viên so với định mức năm",
    row_header="Chức danh theo định mức",
    columns=(
        Col("lecturers", "Số giảng viên"),
        Col("meeting", "Số người đạt định mức"),
        Col("required", "Giờ chuẩn phải thực hiện"),
        Col("delivered", "Giờ chuẩn đã thực hiện"),
        Col("pct_delivered", "Tỷ lệ so với định mức (%)", ratio=("delivered", "required")),
        Col("taught", "Số tiết đã giảng"),
        Col("overtime", "Số tiết vượt giờ"),
    ),
    compute=hours_rows,
    records=hours_records,
)


def _items(frame: Frame):
    return SurveyItem.objects.filter(survey__klass__centre_id__in=frame.centre_ids,
                                     survey__klass__end_date__range=(frame.start, frame.end))


def feedback_rows(frame: Frame) -> list[dict]:
    merged: dict[str, list] = defaultdict(lambda: [set(), 0, 0])
    for row in passing_surveys(rating_sums(_items(frame), "section")):
        entry = merged[row["section"]]
        entry[0].add(row["survey_id"])
        entry[1] += row["n"] or 0
        entry[2] += row["total"] or 0
    return [{"key": str(section), "label": label,
             "cells": {"surveys": len(merged[section][0]), "answers": merged[section][1], "score": merged[section][2]}}
            for section, label in SECTION_LABELS.items() if section in merged]


def feedback_records(frame: Frame, row_key: str, column: str):
    items = _items(frame) if row_key == TOTAL else _items(frame).filter(section=row_key)
    return "classes", Klass.objects.filter(pk__in=items.values("survey__klass_id"))


FEEDBACK = TableSection(
    key="feedback",
    title="Kết quả khảo sát ý kiến học viên (thang điểm 10, các lớp kết thúc trong kỳ)",
    row_header="Nội dung khảo sát",
    columns=(
        Col("surveys", "Số phiếu khảo sát (lớp)"),
        Col("answers", "Số lượt trả lời"),
        Col("score", "Tổng điểm"),
        Col("average", "Điểm trung bình", ratio=("score", "answers"), average=True),
    ),
    compute=feedback_rows,
    records=feedback_records,
)
