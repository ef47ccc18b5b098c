"""Staff and lecturers by post and qualification, as they stand on the last day of the period."""

from __future__ import annotations

from django.db.models import Count, Q

from people.choices import Degree, Gender, TheoryLevel
from people.models import Lecturer, StaffAssignment
from reports.sections.base import TOTAL, Col, Frame, TableSection

HIGH_THEORY = [TheoryLevel.ADVANCED, TheoryLevel.BACHELOR]
POSTGRADUATE = [Degree.MASTER, Degree.DOCTOR]
POST_LABELS = {
    StaffAssignment.Position.DIRECTOR: "Giám đốc",
    StaffAssignment.Position.DEPUTY_DIRECTOR: "Phó Giám đốc",
    StaffAssignment.Position.LECTURER: "Giảng viên chuyên trách (biên chế)",
    StaffAssignment.Position.OFFICER: "Chuyên viên",
    StaffAssignment.Position.ACCOUNTANT: "Kế toán",
    StaffAssignment.Position.CLERK: "Văn thư",
}
KIND_LABELS = {
    Lecturer.Kind.FULL_TIME: "Giảng viên chuyên trách",
    Lecturer.Kind.PART_TIME: "Giảng viên kiêm nhiệm",
    Lecturer.Kind.GUEST: "Giảng viên thỉnh giảng",
}
STAFF_FILTERS = {
    "women": Q(person__gender=Gender.FEMALE),
    "theory_high": Q(person__theory_level__in=HIGH_THEORY),
    "theory_mid": Q(person__theory_level=TheoryLevel.INTERMEDIATE),
    "postgraduate": Q(person__professional_degree__in=POSTGRADUATE),
    "bachelor": Q(person__professional_degree=Degree.BACHELOR),
}
LECTURER_FILTERS = {
    "women": Q(person__gender=Gender.FEMALE),
    "theory_high": Q(theory_level__in=HIGH_THEORY),
    "theory_mid": Q(theory_level=TheoryLevel.INTERMEDIATE),
    "postgraduate": Q(degree__in=POSTGRADUATE),
    "bachelor": Q(degree=Degree.BACHELOR),
    "pedagogy": Q(pedagogy_certificate=True),
}


def _staff(frame: Frame):
    # Only the centre itself: the staff of a predecessor ended with it.
    return StaffAssignment.objects.filter(centre_id=frame.centre_ids[0]).current(frame.end)


def _lecturers(frame: Frame):
    return Lecturer.objects.filter(centre_id=frame.centre_ids[0], active=True)


def _counts(filters: dict) -> dict:
    return {"total": Count("pk"), **{key: Count("pk", filter=condition) for key, condition in filters.items()}}


def staff_rows(frame: Frame) -> list[dict]:
    staff = _staff(frame).values("position").annotate(**_counts(STAFF_FILTERS)).order_by()
    by_post = {s["position"]: s for s in staff}
    return [{"key": post.value, "label": label, "cells": {k: v for k, v in by_post[post].items() if k != "position"}}
            for post, label in POST_LABELS.items() if post in by_post]


def lecturer_rows(frame: Frame) -> list[dict]:
    lecturers = _lecturers(frame).values("kind").annotate(**_counts(LECTURER_FILTERS)).order_by()
    by_kind = {row["kind"]: row for row in lecturers}
    return [{"key": kind.value, "label": label, "cells": {k: v for k, v in by_kind[kind].items() if k != "kind"}}
            for kind, label in KIND_LABELS.items() if kind in by_kind]


def staff_records(frame: Frame, row_key: str, column: str):
    staff = _staff(frame)
    if row_key != TOTAL:
        staff = staff.filter(position=row_key)
    if column in STAFF_FILTERS:
        staff = staff.filter(STAFF_FILTERS[column])
    return "staff", staff


def lecturer_records(frame: Frame, row_key: str, column: str):
    lecturers = _lecturers(frame)
    if row_key != TOTAL:
        lecturers = lecturers.filter(kind=row_key)
    if column in LECTURER_FILTERS:
        lecturers = lecturers.filter(LECTURER_FILTERS[column])
    return "lecturers", lecturers


QUALIFICATION_COLUMNS = (
    Col("total", "Tổng số"),
    Col("women", "Nữ"),
    Col("theory_high", "LLCT cao cấp, cử nhân"),
    Col("theory_mid", "LLCT trung cấp"),
    Col("postgraduate", "Thạc sĩ, tiến sĩ"),
    Col("bachelor", "Đại học"),
)

STAFF = TableSection(
    key="staff",
    title="Cán bộ, viên chức của trung tâm theo chức danh và trình độ (tại ngày cuối kỳ)",
    row_header="Chức danh",
    columns=QUALIFICATION_COLUMNS,
    compute=staff_rows,
    records=staff_records,
)

LECTURERS = TableSection(
    key="lecturers",
    title="Đội ngũ giảng viên theo loại và trình độ",
    row_header="Loại giảng viên",
    columns=(*QUALIFICATION_COLUMNS, Col("pedagogy", "Có chứng chỉ nghiệp vụ sư phạm")),
    compute=lecturer_rows,
    records=lecturer_records,
)
