"""The recognition decision and the self-assessment report, as Party documents (Word and PDF).

Documents are issued in Vietnamese whatever the interface language, so their text is not translated.
"""

from __future__ import annotations

import re

from core.documents import Article, Column, DocumentTable, OfficialDocument, Signature, render_docx, render_pdf
from core.text import format_decimal, short_date
from people.models import StaffAssignment
from standards.models import Assessment, Unit
from standards.selectors import assessment_rows, framework_tree, rows_standing

_PREFIX = re.compile(r"^(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _short(name: str) -> str:
    return _PREFIX.sub("", name).strip()


def _committee(province_name: str) -> str:
    return ("THÀNH ỦY " if province_name.startswith("Thành phố") else "TỈNH ỦY ") + _short(province_name).upper()


def value_text(indicator, value, not_applicable: bool = False) -> str:
    if not_applicable:
        return "Không áp dụng"
    if value is None:
        return "—"
    if indicator.unit == Unit.YES_NO:
        return "Có" if value else "Không"
    if indicator.unit == Unit.PERCENT:
        return f"{format_decimal(value, 2).rstrip('0').rstrip(',')} %"
    if indicator.unit == Unit.SCORE:
        return format_decimal(value, 1)
    return format_decimal(value, 0)


def _director(centre) -> str:
    staff = (StaffAssignment.objects.filter(centre=centre, position=StaffAssignment.Position.DIRECTOR)
             .current().select_related("person").first())
    return staff.person.full_name if staff else ""


def recognition_decision(assessment: Assessment) -> OfficialDocument:
    centre = assessment.centre
    province = centre.province.name
    level = assessment.result_level.name if assessment.result_level else ""
    framework = assessment.framework
    grounds = ["Căn cứ Kết luận số 66-KL/TW của Ban Bí thư về tiếp tục nâng cao chất lượng hoạt động của trung tâm "
               "chính trị;"]
    grounds.append("Căn cứ Quy định số 208-QĐ/TW, ngày 08/11/2019 và Quy định số 360-QĐ/TW, ngày 29/8/2025 của "
                   "Ban Bí thư về trung tâm chính trị;")
    document = framework.issuing_document
    grounds.append(f"Căn cứ {framework.name}" + (f" ban hành kèm theo {document};" if document else ";"))
    submitted = short_date(assessment.submitted_at.date()) if assessment.submitted_at else ""
    grounds.append(f"Xét báo cáo tự đánh giá năm {assessment.year} của {centre.name}"
                   + (f" (ngày {submitted})" if submitted else "") + " và kết quả thẩm định,")
    return OfficialDocument(
        issuer=_committee(province),
        number=assessment.decision_number,
        place=_short(province),
        date=assessment.decision_date,
        doc_type="QUYẾT ĐỊNH",
        title=f"công nhận {centre.name} đạt chuẩn {level.lower()}, năm {assessment.year}",
        authority=f"BAN THƯỜNG VỤ {_committee(province)}",
        grounds=tuple(grounds),
        articles=(
            Article.of(f"Công nhận {centre.name} đạt chuẩn {level.lower()} theo {framework.name}, "
                       f"năm đánh giá {assessment.year}."),
            Article.of(f"{centre.name} có trách nhiệm duy trì và nâng cao các tiêu chí đã đạt; khắc phục các "
                       "chỉ tiêu còn hạn chế theo kết luận thẩm định."),
            Article.of("Các cơ quan liên quan và trung tâm chính trị chịu trách nhiệm thi hành Quyết định này. "
                       "Quyết định có hiệu lực kể từ ngày ký."),
        ),
        recipients=("Như Điều 3,", "Lưu Văn phòng Tỉnh ủy."),
        signature=Signature(title="PHÓ BÍ THƯ", name="", capacity=("T/M BAN THƯỜNG VỤ",)),
    )


def assessment_report(assessment: Assessment) -> OfficialDocument:
    centre = assessment.centre
    tree = framework_tree(assessment.framework)
    rows = assessment_rows(assessment, tree)
    result = rows_standing(tree, rows)
    first = tree.levels[0].pk if tree.levels else None
    narratives = {n.group_id: n.text for n in assessment.narratives.all()}
    reached = tree.level_name(result.level_id) or "chưa đạt chuẩn"
    paragraphs = [f"Thực hiện {tree.framework.name}, {centre.name} tự đánh giá năm {assessment.year} với "
                  f"{len(tree.indicators)} chỉ tiêu thuộc {len(tree.groups)} nhóm tiêu chí. Kết quả: {reached}."]
    for group in tree.groups:
        met = "đạt" if result.group_met.get(group.pk, True) else "chưa đạt"
        text = narratives.get(group.pk, "").strip()
        paragraphs.append(f"{group.code}. {group.name}: {met}." + (f" {text}" if text else ""))
    if result.unmet:
        paragraphs.append("Các chỉ tiêu chưa đạt: " + "; ".join(
            f"{i.code} (đạt {value_text(i, v)}, yêu cầu {value_text(i, t)})" for i, v, _g, t in result.unmet) + ".")
    table_rows = []
    for row in rows:
        judged = result.judged[row.indicator.pk].met.get(first)
        target = tree.targets.get(row.indicator.pk, {}).get(first)
        table_rows.append((row.indicator.code, row.indicator.text,
                           value_text(row.indicator, target) if target is not None else "",
                           value_text(row.indicator, row.value, row.not_applicable),
                           "Đạt" if judged else ("" if judged is None else "Chưa đạt")))
    parents = [f"ĐẢNG BỘ {centre.province.name.upper()}"]
    host = centre.hosts.current().first() or centre.hosts.first()
    if host:
        parents.append(host.committee_name.upper())
    on = assessment.submitted_at.date() if assessment.submitted_at else None
    return OfficialDocument(
        issuer="TRUNG TÂM CHÍNH TRỊ",
        parent_bodies=tuple(parents),
        number="",
        place=_short(host.unit.name) if host and host.unit_id else _short(centre.province.name),
        date=on,
        doc_type="BÁO CÁO",
        title=f"kết quả tự đánh giá theo {tree.framework.name}, năm {assessment.year}",
        paragraphs=tuple(paragraphs),
        table=DocumentTable(
            title="KẾT QUẢ CÁC CHỈ TIÊU",
            columns=(Column("Mã", 16), Column("Chỉ tiêu"), Column(f"Yêu cầu {tree.level_name(first).lower()}", 26,
                                                                      "center"),
                     Column("Kết quả", 24, "center"), Column("Đánh giá", 22, "center")),
            rows=tuple(table_rows),
            font_size=11,
        ),
        recipients=("Ban Thường vụ Tỉnh ủy (để thẩm định),", "Lưu Trung tâm."),
        signature=Signature(title="GIÁM ĐỐC", name=_director(centre)),
    )


def render(doc: OfficialDocument, fmt: str, name: str) -> tuple[bytes, str, str]:
    if fmt == "pdf":
        return render_pdf(doc), f"{name}.pdf", "application/pdf"
    return render_docx(doc), f"{name}.docx", WORD
