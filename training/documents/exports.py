"""Lists of the office leaving the system: the class list, the annual plan against actual, and the
director's dashboard table, each as a Party-format PDF and an Excel sheet.

A list spanning one centre carries that centre's heading; a list of several centres (a province
supervisor's) carries none but the Party name and the date line.
"""

from __future__ import annotations

from django.utils import timezone, translation

from core.documents import Column, DocumentTable, OfficialDocument, Signature
from core.text import format_decimal, short_date
from org.models import Centre
from training.documents.classfile import ClassDocument
from training.documents.party import frame_of, signature_for
from training.models import Klass
from training.plans.report import PlanActual


def _framed(centre: Centre | None, *, doc_type: str, title: str, table: DocumentTable, lines=(),
            landscape: bool = True) -> OfficialDocument:
    today = timezone.localdate()
    if centre is not None:
        frame = frame_of(centre, today)
        parents, issuer, place = frame.parents, frame.issuer, frame.place
        signature = signature_for(centre, today)
    else:
        parents, issuer, place, signature = (), "", "", Signature(title="", name="")
    return OfficialDocument(
        parent_bodies=parents, issuer=issuer, number="", numbered=False, place=place or "", date=today,
        doc_type=doc_type, title=title, paragraphs=tuple(lines), table=table, signature=signature,
        landscape=landscape, font_size=13,
    )


def _percent(value: int | None) -> str:
    return f"{value}" if value is not None else ""


def _vi(value) -> str:
    """Labels from the interface catalogue (statuses, flags) in Vietnamese, as documents are issued."""
    with translation.override("vi"):
        return str(value)


def class_list(classes: list[Klass]) -> ClassDocument:
    """DANH SÁCH LỚP HỌC: classes need `enrolled` annotated and centre and programme loaded."""
    centres = {k.centre_id: k.centre for k in classes}
    one = next(iter(centres.values())) if len(centres) == 1 else None
    centre_column = (Column("Trung tâm", 50),) if one is None else ()
    rows = tuple(
        (str(i), k.code, k.name, k.version.programme.name, *((k.centre.name,) if one is None else ()),
         short_date(k.start_date), short_date(k.end_date), str(getattr(k, "enrolled", "")), _vi(k.get_status_display()))
        for i, k in enumerate(classes, start=1)
    )
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Mã lớp", 32), Column("Tên lớp"), Column("Chương trình", 55),
                 *centre_column, Column("Từ ngày", 22, "center"), Column("Đến ngày", 22, "center"),
                 Column("Số học viên", 18, "center"), Column("Trạng thái", 28, "center")),
        rows=rows,
    )
    doc = _framed(one, doc_type="DANH SÁCH LỚP HỌC", title="", table=table,
                  lines=(f"Tổng số: {len(classes)} lớp.",))
    return ClassDocument("danh-sach-lop-hoc", (doc,), ("Danh sách lớp",))


def plan_report(report: PlanActual) -> ClassDocument:
    """KẾ HOẠCH … VÀ KẾT QUẢ THỰC HIỆN: every line of the plan, planned against opened and finished."""
    plan = report.plan

    def row(number: str, r, label: str) -> tuple[str, ...]:
        return (number, label, str(r.quarter or ""), r.audience, str(r.planned_classes), str(r.planned_learners),
                str(r.opened_classes), str(r.finished_classes), str(r.enrolled), str(r.completed),
                _percent(r.percent_classes), _percent(r.percent_learners))

    rows = [row(str(i), r, f"{r.programme_code} – {r.programme_name}") for i, r in enumerate(report.rows, start=1)]
    rows += [row("", r, f"{r.programme_code} – {r.programme_name} (ngoài kế hoạch)") for r in report.unplanned]
    rows.append(row("", report.total, "Tổng cộng"))
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Chương trình"), Column("Quý", 11, "center"),
                 Column("Đối tượng", 38), Column("Lớp (KH)", 15, "center"), Column("Học viên (KH)", 18, "center"),
                 Column("Lớp đã mở", 15, "center"), Column("Lớp đã kết thúc", 18, "center"),
                 Column("Học viên", 16, "center"), Column("Hoàn thành", 18, "center"),
                 Column("% lớp", 13, "center"), Column("% học viên", 16, "center")),
        rows=tuple(rows),
        font_size=11,
    )
    lines = []
    if plan.approval_number:
        approved = f", ngày {short_date(plan.approval_date)}" if plan.approval_date else ""
        lines.append(f"Kế hoạch được {plan.approval_issuer} phê duyệt tại văn bản số {plan.approval_number}{approved}.")
    lines.append(f"Số liệu tính đến {short_date(timezone.localdate())}.")
    doc = _framed(plan.centre, doc_type=f"KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG NĂM {plan.year}",
                  title="kết quả thực hiện so với kế hoạch", table=table, lines=lines)
    return ClassDocument(f"ke-hoach-{plan.year}-{plan.centre.code}", (doc,), (f"Kế hoạch {plan.year}",))


def dashboard_table(centre: Centre, year: int, rows: list[Klass]) -> ClassDocument:
    """The director's table of classes: rows carry `attendance` and `flags` as the dashboard computes them."""
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Mã lớp", 32), Column("Tên lớp"), Column("Từ ngày", 22, "center"),
                 Column("Đến ngày", 22, "center"), Column("Trạng thái", 28, "center"),
                 Column("Học viên", 16, "center"), Column("Chuyên cần (%)", 20, "center"), Column("Cần chú ý", 60)),
        rows=tuple(
            (str(i), k.code, k.name, short_date(k.start_date), short_date(k.end_date), _vi(k.get_status_display()),
             str(getattr(k, "enrolled", "")), format_decimal(k.attendance, 0) if k.attendance is not None else "",
             "; ".join(_vi(f) for f in k.flags))
            for i, k in enumerate(rows, start=1)
        ),
    )
    doc = _framed(centre, doc_type=f"TÌNH HÌNH CÁC LỚP NĂM {year}", title="", table=table)
    return ClassDocument(f"tinh-hinh-lop-{year}-{centre.code}", (doc,), (f"Các lớp {year}",))
