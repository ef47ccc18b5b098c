"""The opening decision (quyết định mở lớp) as an OfficialDocument, for Word and PDF.

The text is Vietnamese by nature: Party documents are issued in Vietnamese whatever language the
interface runs in, so it is not routed through gettext. The Word file is meant to be edited before
signing (e.g. to add a ground), hence the grounds are plain paragraphs.
"""

from __future__ import annotations

from core.documents import Article, OfficialDocument, render_docx, render_pdf
from core.documents.party import citation, ground
from core.text import short_date
from org.models import Centre
from training.documents.party import frame_of, recipients, signature_for
from training.models import Klass

_GROUND_OF_LEVEL = {
    Centre.Level.DISTRICT: "Căn cứ Quy định số 208-QĐ/TW, ngày 08/11/2019 của Ban Bí thư về chức năng, nhiệm vụ, "
                           "tổ chức bộ máy, mối quan hệ công tác của trung tâm chính trị cấp huyện;",
    Centre.Level.COMMUNE_CLUSTER: "Căn cứ Quy định số 360-QĐ/TW, ngày 29/08/2025 của Ban Bí thư về trung tâm "
                                  "chính trị xã, phường, đặc khu;",
}


def _period(klass: Klass) -> str:
    return f"từ ngày {short_date(klass.start_date)} đến ngày {short_date(klass.end_date)}"


def opening_decision(klass: Klass, signer: int | str | None = None) -> OfficialDocument:
    """The decision to open the class; without a number and date it comes out as a draft to fill in.

    `signer` is the staff assignment of the director or a deputy who signs (the director by default).
    """
    centre = klass.centre
    on = klass.opening_decision_date or klass.start_date
    programme = klass.version.programme
    centre_name = centre.name
    frame = frame_of(centre, on)
    grounds = [g for g in [_GROUND_OF_LEVEL.get(centre.level, "")] if g]
    version = klass.version
    if version.document_number:
        cited = citation(version.document_number, version.document_date, version.issuer)
        grounds.append(ground(cited, f"về việc ban hành chương trình {programme.name}"))
    line = klass.plan_line
    if line is not None and line.plan.approval_number:
        plan = line.plan
        approved = citation(plan.approval_number, plan.approval_date)
        grounds.append(
            f"Căn cứ Kế hoạch đào tạo, bồi dưỡng năm {plan.year} của {centre_name} đã được "
            f"{plan.approval_issuer} phê duyệt tại {approved};"
        )
    grounds.append("Xét đề nghị của bộ phận phụ trách đào tạo,")
    venue = klass.off_site_venue or (f"{klass.room.name}, {centre_name}" if klass.room_id else centre_name)
    first = [f"Mở lớp {klass.name} (mã lớp {klass.code}), {_period(klass)}, tại {venue}."]
    first.append(f"Số lượng học viên: không quá {klass.capacity} người.")
    if klass.co_organiser_id:
        first.append(f"Đơn vị phối hợp tổ chức: {klass.co_organiser.name}.")
    second = ["Nội dung, chương trình: theo chương trình " + programme.name
              + (f" ({version.total_periods} tiết)." if version.total_periods else ".")]
    if klass.head_teacher_id:
        second.append(f"Giao đồng chí {klass.head_teacher.person.full_name} làm giáo viên chủ nhiệm lớp.")
    second.append("Bộ phận phụ trách đào tạo chuẩn bị lịch học, tài liệu, giảng viên và các điều kiện "
                  "bảo đảm để tổ chức lớp học đúng kế hoạch.")
    return OfficialDocument(
        issuer=frame.issuer,
        parent_bodies=frame.parents,
        number=klass.opening_decision_number,
        number_symbol=frame.symbol("QĐ"),
        draft=not klass.opening_decision_number,
        place=frame.place,
        date=klass.opening_decision_date,
        doc_type="QUYẾT ĐỊNH",
        title=f"về việc mở lớp {klass.name}",
        authority=f"GIÁM ĐỐC {centre_name.upper()}",
        grounds=tuple(grounds),
        articles=(
            Article.of(" ".join(first)),
            Article.of(*second),
            Article.of("Các bộ phận liên quan, giáo viên chủ nhiệm lớp và các đồng chí có tên trong danh sách "
                       "học viên chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký."),
        ),
        recipients=recipients("opening", centre, on),
        signature=signature_for(centre, on, signer),
    )


def _load(klass: Klass) -> Klass:
    return (
        Klass.objects.select_related(
            "centre__province", "version__programme", "room", "co_organiser", "head_teacher__person", "plan_line__plan"
        ).get(pk=klass.pk)
    )


def opening_decision_file(klass: Klass, fmt: str, signer: int | str | None = None) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the opening decision as "docx" or "pdf"."""
    doc = opening_decision(_load(klass), signer)
    name = f"QD-mo-lop-{klass.code}"
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return (render_docx(doc), f"{name}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
