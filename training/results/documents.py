"""The recognition decision (quyết định công nhận hoàn thành chương trình) as an OfficialDocument.

Documents are issued in Vietnamese whatever language the interface uses, so the wording here is
Vietnamese literals, like the templates of core.documents. The helpers naming a centre's host,
place and director are shared with the certificates app.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.documents import Annex, Article, Column, DocumentTable, OfficialDocument
from core.documents.party import EVERYTHING, Audience, citation, ground
from core.text import format_decimal, nfc, short_date
from curriculum.choices import CertificateType
from org.headings import heading_of
from org.models import Centre
from people.models import StaffAssignment
from training.documents.party import frame_of, place_of, recipients, signature_for
from training.models import Klass
from training.results.completion import completers
from training.results.rules import printed_classification


def vn_upper(text: str) -> str:
    return nfc(text).upper()


def host_committee(centre: Centre, on: dt.date | None = None) -> str:
    """The superior body of the centre's documents on `on` (recorded, or its host party committee)."""
    return heading_of(centre, on).superior_body


def place_name(centre: Centre, on: dt.date | None = None) -> str:
    """The place on the date line: "Yên Sơn" for "Trung tâm Chính trị xã Yên Sơn"."""
    return place_of(centre, on)


def director_name(centre: Centre, on: dt.date | None = None) -> str:
    on = on or timezone.localdate()
    assignment = (
        StaffAssignment.objects.filter(centre=centre, position=StaffAssignment.Position.DIRECTOR, start_date__lte=on)
        .exclude(end_date__lt=on)
        .select_related("person")
        .order_by("-start_date")
        .first()
    )
    return assignment.person.full_name if assignment else ""


def recognition_document(klass: Klass, audience: Audience = EVERYTHING, signer=None) -> OfficialDocument:
    """The decision recognising every learner who completed the programme; the list is its annex.

    Birth dates are printed only for an audience that may see them (`Audience.personal_data`).
    """
    centre = klass.centre
    version = klass.version
    programme = version.programme.name
    graduation = version.certificate_type in (CertificateType.GRADUATION_CERTIFICATE, CertificateType.DIPLOMA)
    verb = "tốt nghiệp" if graduation else "hoàn thành chương trình"
    people = list(completers(klass))
    personal = audience.personal_data
    rows = tuple(
        (
            str(index),
            e.person.full_name,
            *((short_date(e.person.date_of_birth),) if personal else ()),
            e.person.workplace or (e.person.position or ""),
            format_decimal(e.result.final_score),
            printed_classification(e.result.classification),
        )
        for index, e in enumerate(people, start=1)
    )
    table = DocumentTable(
        columns=(
            Column("STT", 12, "center"),
            Column("Họ và tên", 48),
            *((Column("Ngày sinh", 24, "center"),) if personal else ()),
            Column("Đơn vị công tác"),
            Column("Điểm", 14, "center"),
            Column("Xếp loại", 22, "center"),
        ),
        rows=rows,
        font_size=12,
    )
    on = klass.recognition_decision_date or klass.end_date
    frame = frame_of(centre, on)
    grounds = []
    if klass.opening_decision_number:
        opened = citation(klass.opening_decision_number, klass.opening_decision_date, f"Giám đốc {centre.name}")
        grounds.append(ground(opened, f"về việc mở lớp {klass.name}"))
    if version.document_number:
        cited = citation(version.document_number, version.document_date, version.issuer)
        grounds.append(ground(cited, f"về việc ban hành chương trình {programme}"))
    grounds.append(f"Căn cứ kết quả học tập của học viên lớp {klass.code};")
    grounds.append("Xét đề nghị của bộ phận phụ trách đào tạo,")
    period = f"từ ngày {short_date(klass.start_date)} đến ngày {short_date(klass.end_date)}"
    return OfficialDocument(
        parent_bodies=frame.parents,
        issuer=frame.issuer,
        number=klass.recognition_decision_number,
        number_symbol=frame.symbol("QĐ"),
        draft=not klass.recognition_decision_number,
        place=frame.place,
        date=klass.recognition_decision_date,
        doc_type="QUYẾT ĐỊNH",
        title=f"về việc công nhận {verb} {programme} cho học viên lớp {klass.code}",
        authority=f"GIÁM ĐỐC {vn_upper(centre.name)}",
        grounds=tuple(grounds),
        articles=(
            Article.of(
                f"Công nhận {len(people)} học viên lớp {klass.name} ({klass.code}), học {period}, "
                f"đã {verb} {programme} (có danh sách kèm theo)."
            ),
            Article.of("Các học viên có tên tại Điều 1 được cấp giấy chứng nhận theo quy định."),
            Article.of(
                "Bộ phận phụ trách đào tạo và các học viên có tên tại Điều 1 chịu trách nhiệm thi hành "
                "Quyết định này. Quyết định có hiệu lực từ ngày ký."
            ),
        ),
        annexes=(Annex(f"DANH SÁCH HỌC VIÊN ĐƯỢC CÔNG NHẬN {verb.upper()}", table),),
        signature=signature_for(centre, on, signer),
        recipients=recipients("recognition", centre, on),
    )
