"""Figures of the class closing report, and the report as a Party document.

The figures are computed from the class's records until the report is final; then the stored copy
is used, so a later correction elsewhere does not change an issued report.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum

from certificates.models import Certificate
from core.documents import Column, DocumentTable, OfficialDocument, Signature, render_docx, render_pdf
from core.text import format_decimal, short_date
from lecturers.feedback import survey_results
from lecturers.held import held_condition
from lecturers.models import Survey
from training.models import Attendance, Enrolment, Result, Session
from training.results.documents import director_name, host_committee, place_name, vn_upper
from training.results.rules import printed_classification

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def compute_figures(klass) -> dict:
    """Everything the report states in numbers, JSON-ready (a fixed number of queries)."""
    enrolments = dict(Enrolment.objects.filter(klass=klass).values_list("status").annotate(n=Count("pk")).order_by())
    marks = Attendance.objects.filter(session__klass=klass, enrolment__status=Enrolment.Status.ENROLLED).aggregate(
        total=Count("pk"), present=Count("pk", filter=Q(status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE])))
    results = dict(Result.objects.filter(enrolment__klass=klass, enrolment__status=Enrolment.Status.ENROLLED)
                   .exclude(classification="").values_list("classification").annotate(n=Count("pk")).order_by())
    completed = Result.objects.filter(enrolment__klass=klass, enrolment__status=Enrolment.Status.ENROLLED,
                                      completed=True).count()
    certificates = Certificate.objects.filter(enrolment__klass=klass, status=Certificate.Status.VALID).count()
    hours = [
        {"name": " ".join(p for p in (r["lecturer__person__family_name"], r["lecturer__person__middle_name"],
                                      r["lecturer__person__given_name"]) if p),
         "sessions": r["sessions"], "periods": r["periods"] or 0}
        for r in Session.objects.filter(klass=klass, lecturer__isnull=False).filter(held_condition())
        .values("lecturer__person__family_name", "lecturer__person__middle_name", "lecturer__person__given_name",
                "lecturer__person__sort_key")
        .annotate(sessions=Count("pk"), periods=Sum("periods")).order_by("lecturer__person__sort_key")
    ]
    survey = Survey.objects.filter(klass=klass).select_related("template").order_by("-created_at").first()
    feedback = None
    if survey is not None:
        feedback = {"forms": survey.valid_forms, "learners": survey.learners, "visible": survey.results_visible}
        if survey.results_visible:
            by_section: dict[str, list[int]] = {}
            for r in survey_results(survey):
                entry = by_section.setdefault(str(r.item.get_section_display()), [0, 0])
                entry[0] += r.n
                entry[1] += r.total
            feedback["sections"] = {k: round(t / n, 2) if n else None for k, (n, t) in by_section.items()}
    total = marks["total"] or 0
    return {
        "enrolled": enrolments.get(Enrolment.Status.ENROLLED, 0),
        "withdrawn": enrolments.get(Enrolment.Status.WITHDRAWN, 0) + enrolments.get(Enrolment.Status.MOVED, 0),
        "attendance_rate": round(100 * (marks["present"] or 0) / total, 1) if total else None,
        "results": results, "completed": completed, "certificates": certificates, "hours": hours,
        "feedback": feedback,
    }


def report_figures(report) -> dict:
    return report.figures if report.is_final and report.figures is not None else compute_figures(report.klass)


def _percent(value) -> str:
    return f"{format_decimal(Decimal(str(value)), 1)} %" if value is not None else "chưa có số liệu"


def closing_document(report, figures: dict) -> OfficialDocument:
    klass = report.klass
    centre = klass.centre
    host = host_committee(centre)
    results = figures["results"]
    classified = "; ".join(f"{printed_classification(k)}: {v}" for k, v in results.items()) or "chưa có kết quả"
    paragraphs = [
        f"Lớp {klass.name} (mã lớp {klass.code}) học từ ngày {short_date(klass.start_date)} đến ngày "
        f"{short_date(klass.end_date)}" + (f", mở theo Quyết định số {klass.opening_decision_number}."
                                           if klass.opening_decision_number else "."),
        "I. KẾT QUẢ TỔ CHỨC LỚP HỌC",
        f"1. Số học viên: {figures['enrolled']} học viên theo học"
        + (f", {figures['withdrawn']} học viên thôi học hoặc chuyển lớp." if figures["withdrawn"] else "."),
        f"2. Tỷ lệ chuyên cần: {_percent(figures['attendance_rate'])}.",
        f"3. Kết quả học tập: {figures['completed']} học viên hoàn thành chương trình; xếp loại: {classified}.",
        f"4. Giấy chứng nhận đã cấp: {figures['certificates']}.",
        "5. Giảng viên và số tiết giảng (bảng kèm theo).",
    ]
    feedback = figures.get("feedback")
    if feedback is None:
        paragraphs.append("6. Ý kiến học viên: lớp không tổ chức khảo sát.")
    elif not feedback["visible"]:
        paragraphs.append(f"6. Ý kiến học viên: {feedback['forms']}/{feedback['learners']} phiếu hợp lệ, "
                          "chưa đủ số phiếu để công bố kết quả.")
    else:
        sections = "; ".join(f"{k}: {format_decimal(Decimal(str(v)), 2)}/10" for k, v in feedback["sections"].items()
                             if v is not None)
        paragraphs.append(f"6. Ý kiến học viên ({feedback['forms']}/{feedback['learners']} phiếu hợp lệ): "
                          f"điểm trung bình {sections}.")
    for title, text in (("II. ĐÁNH GIÁ CHUNG", report.assessment), ("1. Ưu điểm", report.strengths),
                        ("2. Hạn chế, nguyên nhân", report.limitations), ("III. ĐỀ XUẤT, KIẾN NGHỊ", report.proposals)):
        paragraphs.append(title)
        paragraphs.extend(line for line in (text or "").splitlines() if line.strip())
    rows = tuple((str(i), h["name"], str(h["sessions"]), str(h["periods"])) for i, h in enumerate(figures["hours"], 1))
    return OfficialDocument(
        parent_bodies=(vn_upper(host),) if host else (),
        issuer=vn_upper(centre.name),
        number=report.number,
        place=place_name(centre),
        date=report.report_date if report.is_final else None,
        doc_type="BÁO CÁO",
        title=f"Tổng kết lớp {klass.name}",
        paragraphs=tuple(paragraphs),
        table=DocumentTable(columns=(Column("STT", 12, "center"), Column("Họ và tên giảng viên"),
                                     Column("Số buổi", 22, "center"), Column("Số tiết", 22, "center")),
                            rows=rows or (("", "Chưa có buổi học nào được ghi nhận", "", ""),),
                            title="GIẢNG VIÊN VÀ SỐ TIẾT GIẢNG"),
        recipients=("Thường trực cấp ủy (để báo cáo),", "Lưu Trung tâm."),
        signature=Signature(title="GIÁM ĐỐC", name=director_name(centre, report.report_date)),
    )


def closing_file(report, fmt: str) -> tuple[bytes, str, str]:
    doc = closing_document(report, report_figures(report))
    name = f"bao-cao-tong-ket-{report.klass.code}"
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return render_docx(doc), f"{name}.docx", DOCX
