"""The recognition decision (quyết định công nhận hoàn thành chương trình) as an OfficialDocument.

Documents are issued in Vietnamese whatever language the interface uses, so the wording here is
Vietnamese literals, like the templates of core.documents. The helpers naming a centre's host,
place and director are shared with the certificates app.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from core.documents import Article, Column, DocumentTable, OfficialDocument, Signature
from core.text import format_decimal, nfc, short_date
from curriculum.choices import CertificateType
from org.models import Centre, CentreHost
from people.models import StaffAssignment
from training.models import Klass
from training.results.completion import completers
from training.results.rules import printed_classification

_UNIT_PREFIX = re.compile(
    r"^(?:trung tâm chính trị|thành phố|tỉnh|huyện|thị xã|quận|xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE
)


def vn_upper(text: str) -> str:
    return nfc(text).upper()


def host_committee(centre: Centre, on: dt.date | None = None) -> str:
    host = (
        CentreHost.objects.filter(centre=centre).current(on).first() or CentreHost.objects.filter(centre=centre).first()
    )
    return host.committee_name if host else ""


def place_name(centre: Centre) -> str:
    """The place on the date line: "Yên Sơn" for "Trung tâm Chính trị xã Yên Sơn"."""
    name = nfc(centre.name)
    while True:
        stripped = _UNIT_PREFIX.sub("", name, count=1)
        if stripped == name:
            return name
        name = stripped


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


def recognition_document(klass: Klass) -> OfficialDocument:
    """The decision listing every learner who completed the programme, with the classification."""
    centre = klass.centre
    version = klass.version
    programme = version.programme.name
    graduation = version.certificate_type in (CertificateType.GRADUATION_CERTIFICATE, CertificateType.DIPLOMA)
    verb = "tốt nghiệp" if graduation else "hoàn thành chương trình"
    people = list(completers(klass))
    rows = tuple(
        (
            str(index),
            e.person.full_name,
            short_date(e.person.date_of_birth),
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
            Column("Ngày sinh", 24, "center"),
            Column("Đơn vị công tác"),
            Column("Điểm", 14, "center"),
            Column("Xếp loại", 22, "center"),
        ),
        rows=rows,
        title=f"DANH SÁCH HỌC VIÊN ĐƯỢC CÔNG NHẬN {verb.upper()}",
        font_size=12,
    )
    grounds = []
    if klass.opening_decision_number:
        opened = f" ngày {short_date(klass.opening_decision_date)}" if klass.opening_decision_date else ""
        grounds.append(f"Căn cứ Quyết định số {klass.opening_decision_number}{opened} về việc mở lớp {klass.name};")
    grounds.append(f"Căn cứ {version.issuing_document or 'chương trình'} ban hành chương trình {programme};")
    grounds.append(f"Căn cứ kết quả học tập của học viên lớp {klass.code};")
    grounds.append("Xét đề nghị của bộ phận phụ trách đào tạo,")
    period = f"từ ngày {short_date(klass.start_date)} đến ngày {short_date(klass.end_date)}"
    host = host_committee(centre)
    return OfficialDocument(
        parent_bodies=(vn_upper(host),) if host else (),
        issuer=vn_upper(centre.name),
        number=klass.recognition_decision_number,
        place=place_name(centre),
        date=klass.recognition_decision_date,
        doc_type="QUYẾT ĐỊNH",
        title=f"Về việc công nhận {verb} {programme} cho học viên lớp {klass.code}",
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
        table=table,
        signature=Signature(title="GIÁM ĐỐC", name=director_name(centre)),
        recipients=("Như Điều 3,", "Lưu văn phòng."),
    )
