"""Sections from the classes: plan against actual, sending organisations, completion and classification."""

from __future__ import annotations

from django.db.models import CharField, Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from reports.sections.base import TOTAL, Col, Frame, TableSection
from training.models import Enrolment, Klass, PlanLine
from training.models.results import ResultClassification

ENROLLED = Enrolment.Status.ENROLLED
# A class counts from its opening decision on (as in the plan-against-actual page of training).
OPENED = [Klass.Status.OPEN, Klass.Status.IN_PROGRESS, Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]
FINISHED = [Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED]
NO_AUDIENCE = ""


def _split(row_key: str) -> tuple[int | None, str | None]:
    """A row key "programme id:audience" back into its parts; (None, None) for the total row."""
    if row_key == TOTAL:
        return None, None
    programme, _, audience = row_key.partition(":")
    return (int(programme) if programme.isdigit() else -1), audience


def _label(name: str, audience: str) -> str:
    return f"{name} – {audience}" if audience else name


# --- classes and learners by programme and audience, against the annual plan --------------------------

def _opened_classes(frame: Frame):
    return Klass.objects.filter(centre_id__in=frame.centre_ids, start_date__range=(frame.start, frame.end),
                                status__in=OPENED)


def plan_actual_rows(frame: Frame) -> list[dict]:
    years = range(frame.start.year, frame.end.year + 1)
    planned = (
        PlanLine.objects.filter(plan__centre_id__in=frame.centre_ids, plan__year__in=years)
        .values("programme_id", "programme__name", "audience")
        .annotate(classes=Sum("planned_classes"), learners=Sum("planned_learners"))
        .order_by()
    )
    actual = (
        _opened_classes(frame)
        .annotate(aud=Coalesce("plan_line__audience", Value(NO_AUDIENCE), output_field=CharField()))
        .values("version__programme_id", "version__programme__name", "aud")
        .annotate(classes=Count("pk", distinct=True),
                  learners=Count("enrolments", filter=Q(enrolments__status=ENROLLED)))
        .order_by()
    )
    rows: dict[str, dict] = {}

    def row(programme_id, name, audience):
        key = f"{programme_id}:{audience}"
        return rows.setdefault(key, {"key": key, "label": _label(name, audience), "cells": {}})

    for p in planned:
        cells = row(p["programme_id"], p["programme__name"], p["audience"])["cells"]
        cells["planned_classes"] = p["classes"] or 0
        cells["planned_learners"] = p["learners"] or 0
    for a in actual:
        cells = row(a["version__programme_id"], a["version__programme__name"], a["aud"])["cells"]
        cells["classes"] = a["classes"]
        cells["learners"] = a["learners"]
    return sorted(rows.values(), key=lambda r: r["label"])


def plan_actual_records(frame: Frame, row_key: str, column: str):
    programme, audience = _split(row_key)
    if column.startswith("planned"):
        lines = PlanLine.objects.filter(plan__centre_id__in=frame.centre_ids,
                                        plan__year__in=range(frame.start.year, frame.end.year + 1))
        if programme is not None:
            lines = lines.filter(programme_id=programme, audience=audience)
        return "plan_lines", lines
    classes = _opened_classes(frame)
    if programme is not None:
        classes = classes.filter(version__programme_id=programme)
        classes = classes.filter(Q(plan_line__isnull=True) | Q(plan_line__audience="")) if audience == "" \
            else classes.filter(plan_line__audience=audience)
    if column == "learners":
        return "enrolments", Enrolment.objects.filter(klass__in=classes, status=ENROLLED)
    return "classes", classes


PLAN_ACTUAL = TableSection(
    key="plan_actual",
    title="Số lớp, số học viên theo chương trình, đối tượng so với kế hoạch năm",
    row_header="Chương trình – đối tượng",
    columns=(
        Col("planned_classes", "Số lớp theo kế hoạch năm"),
        Col("classes", "Số lớp đã mở"),
        Col("pct_classes", "Tỷ lệ lớp so với kế hoạch (%)", ratio=("classes", "planned_classes")),
        Col("planned_learners", "Số học viên theo kế hoạch năm"),
        Col("learners", "Số học viên"),
        Col("pct_learners", "Tỷ lệ học viên so với kế hoạch (%)", ratio=("learners", "planned_learners")),
    ),
    compute=plan_actual_rows,
    records=plan_actual_records,
)


# --- learners by sending organisation -----------------------------------------------------------------

def _period_enrolments(frame: Frame):
    return Enrolment.objects.filter(klass__centre_id__in=frame.centre_ids, status=ENROLLED,
                                    klass__start_date__range=(frame.start, frame.end), klass__status__in=OPENED)


def sending_rows(frame: Frame) -> list[dict]:
    grouped = (
        _period_enrolments(frame)
        .values("sending_organisation_id", "sending_organisation__name")
        .annotate(learners=Count("pk"), completed=Count("pk", filter=Q(result__completed=True)))
        .order_by()
    )
    rows = [{"key": str(g["sending_organisation_id"] or 0),
             "label": g["sending_organisation__name"] or "Chưa ghi đơn vị cử",
             "cells": {"learners": g["learners"], "completed": g["completed"]}}
            for g in grouped]
    return sorted(rows, key=lambda r: (-r["cells"]["learners"], r["label"]))


def sending_records(frame: Frame, row_key: str, column: str):
    enrolments = _period_enrolments(frame)
    if row_key != TOTAL:
        organisation = int(row_key) if row_key.isdigit() else -1
        enrolments = enrolments.filter(sending_organisation__isnull=True) if organisation == 0 \
            else enrolments.filter(sending_organisation_id=organisation)
    if column == "completed":
        enrolments = enrolments.filter(result__completed=True)
    return "enrolments", enrolments


SENDING = TableSection(
    key="sending_organisations",
    title="Học viên theo đơn vị cử đi học",
    row_header="Đơn vị cử học viên",
    columns=(
        Col("learners", "Số học viên"),
        Col("completed", "Hoàn thành chương trình"),
        Col("pct_completed", "Tỷ lệ hoàn thành (%)", ratio=("completed", "learners")),
    ),
    compute=sending_rows,
    records=sending_records,
)


# --- completion and classification of the classes finished in the period -----------------------------

CLASS_COLUMNS = [
    ("excellent", ResultClassification.EXCELLENT, "Xuất sắc"),
    ("very_good", ResultClassification.VERY_GOOD, "Giỏi"),
    ("good", ResultClassification.GOOD, "Khá"),
    ("average", ResultClassification.AVERAGE, "Trung bình"),
    ("passed", ResultClassification.PASS, "Đạt"),
]


def _finished_enrolments(frame: Frame):
    return Enrolment.objects.filter(klass__centre_id__in=frame.centre_ids, status=ENROLLED,
                                    klass__end_date__range=(frame.start, frame.end), klass__status__in=FINISHED)


def completion_rows(frame: Frame) -> list[dict]:
    counts = {key: Count("pk", filter=Q(result__completed=True, result__classification=value))
              for key, value, _ in CLASS_COLUMNS}
    grouped = (
        _finished_enrolments(frame)
        .values("klass__version__programme_id", "klass__version__programme__name")
        .annotate(classes=Count("klass", distinct=True), learners=Count("pk"),
                  completed=Count("pk", filter=Q(result__completed=True)), **counts)
        .order_by()
    )
    rows = []
    for g in grouped:
        cells = {key: g[key] for key in ["classes", "learners", "completed", *[c[0] for c in CLASS_COLUMNS]]}
        cells["not_completed"] = g["learners"] - g["completed"]
        rows.append({"key": str(g["klass__version__programme_id"]), "label": g["klass__version__programme__name"],
                     "cells": cells})
    return sorted(rows, key=lambda r: r["label"])


def completion_records(frame: Frame, row_key: str, column: str):
    enrolments = _finished_enrolments(frame)
    if row_key != TOTAL:
        enrolments = enrolments.filter(klass__version__programme_id=int(row_key) if row_key.isdigit() else -1)
    if column == "classes":
        return "classes", Klass.objects.filter(pk__in=enrolments.values("klass_id"))
    if column == "completed":
        enrolments = enrolments.filter(result__completed=True)
    elif column == "not_completed":
        enrolments = enrolments.exclude(result__completed=True)
    else:
        wanted = {key: value for key, value, _ in CLASS_COLUMNS}.get(column)
        if wanted:
            enrolments = enrolments.filter(result__completed=True, result__classification=wanted)
    return "enrolments", enrolments


COMPLETION = TableSection(
    key="completion",
    title="Kết quả hoàn thành chương trình và xếp loại học viên (các lớp kết thúc trong kỳ)",
    row_header="Chương trình",
    columns=(
        Col("classes", "Số lớp kết thúc"),
        Col("learners", "Số học viên"),
        Col("completed", "Hoàn thành"),
        Col("not_completed", "Chưa hoàn thành"),
        Col("pct_completed", "Tỷ lệ hoàn thành (%)", ratio=("completed", "learners")),
        *[Col(key, label) for key, _, label in CLASS_COLUMNS],
    ),
    compute=completion_rows,
    records=completion_records,
)
