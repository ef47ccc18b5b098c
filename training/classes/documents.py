"""The opening decision (quyết định mở lớp) as an OfficialDocument, for Word and PDF.

The text is Vietnamese by nature: Party documents are issued in Vietnamese whatever language the
interface runs in, so it is not routed through gettext. The Word file is meant to be edited before
signing (e.g. to add a ground), hence the grounds are plain paragraphs.
"""

from __future__ import annotations

import datetime as dt
import re

from core.documents import Article, OfficialDocument, Signature, render_docx, render_pdf
from core.text import short_date
from org.models import Centre
from people.models import StaffAssignment
from training.models import Klass

# Prefixes of unit names dropped in the place line ("Xã Yên Sơn" → "Yên Sơn").
_UNIT_PREFIX = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
_GROUND_OF_LEVEL = {
    Centre.Level.DISTRICT: "Căn cứ Quy định số 208-QĐ/TW, ngày 08/11/2019 của Ban Bí thư về chức năng, nhiệm vụ, "
                           "tổ chức bộ máy, mối quan hệ công tác của trung tâm chính trị cấp huyện;",
    Centre.Level.COMMUNE_CLUSTER: "Căn cứ Quy định số 360-QĐ/TW của Ban Bí thư về trung tâm chính trị xã, phường, "
                                  "đặc khu;",
}


def _place(centre: Centre, on: dt.date) -> str:
    host = centre.hosts.filter(unit__isnull=False).current(on).select_related("unit").first() or (
        centre.hosts.filter(unit__isnull=False).select_related("unit").first()
    )
    name = host.unit.name if host else centre.province.name
    return _UNIT_PREFIX.sub("", name).strip()


def _host_committee(centre: Centre, on: dt.date) -> str:
    host = centre.hosts.current(on).first() or centre.hosts.first()
    return host.committee_name if host else ""


def _director(centre: Centre, on: dt.date) -> str:
    staff = (
        StaffAssignment.objects.filter(centre=centre, position=StaffAssignment.Position.DIRECTOR)
        .current(on).select_related("person").first()
    )
    return staff.person.full_name if staff else ""


def _period(klass: Klass) -> str:
    return f"từ ngày {short_date(klass.start_date)} đến ngày {short_date(klass.end_date)}"


def opening_decision(klass: Klass) -> OfficialDocument:
    """The decision to open the class; without a number and date it comes out as a draft to fill in."""
    centre = klass.centre
    on = klass.opening_decision_date or klass.start_date
    programme = klass.version.programme
    centre_name = centre.name
    parents = [f"ĐẢNG BỘ {centre.province.name.upper()}"]
    committee = _host_committee(centre, on)
    if committee:
        parents.append(committee.upper())
    grounds = [g for g in [_GROUND_OF_LEVEL.get(centre.level, "")] if g]
    version = klass.version
    if version.document_number:
        grounds.append(f"Căn cứ chương trình {programme.name} ban hành kèm theo {version.issuing_document};")
    line = klass.plan_line
    if line is not None and line.plan.approval_number:
        plan = line.plan
        approved = f" ngày {short_date(plan.approval_date)}" if plan.approval_date else ""
        grounds.append(
            f"Căn cứ Kế hoạch đào tạo, bồi dưỡng năm {plan.year} của {centre_name} đã được "
            f"{plan.approval_issuer} phê duyệt tại văn bản số {plan.approval_number}{approved};"
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
        issuer="TRUNG TÂM CHÍNH TRỊ",
        parent_bodies=tuple(parents),
        number=klass.opening_decision_number,
        place=_place(centre, on),
        date=klass.opening_decision_date,
        doc_type="QUYẾT ĐỊNH",
        title=f"Về việc mở lớp {klass.name}",
        authority=f"GIÁM ĐỐC {centre_name.upper()}",
        grounds=tuple(grounds),
        articles=(
            Article.of(" ".join(first)),
            Article.of(*second),
            Article.of("Các bộ phận liên quan, giáo viên chủ nhiệm lớp và các đồng chí có tên trong danh sách "
                       "học viên chịu trách nhiệm thi hành Quyết định này. Quyết định có hiệu lực kể từ ngày ký."),
        ),
        recipients=("Như Điều 3,", f"Thường trực {committee} (để báo cáo)," if committee else "Cấp ủy (để báo cáo),",
                    "Lưu Trung tâm."),
        signature=Signature(title="GIÁM ĐỐC", name=_director(centre, on)),
    )


def _load(klass: Klass) -> Klass:
    return (
        Klass.objects.select_related(
            "centre__province", "version__programme", "room", "co_organiser", "head_teacher__person", "plan_line__plan"
        ).get(pk=klass.pk)
    )


def opening_decision_file(klass: Klass, fmt: str) -> tuple[bytes, str, str]:
    """(content, file name, content type) of the opening decision as "docx" or "pdf"."""
    doc = opening_decision(_load(klass))
    name = f"QD-mo-lop-{klass.code}"
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return (render_docx(doc), f"{name}.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
