"""The class file's last list and the whole file as one ZIP.

The certificate hand-over list (danh sách giao nhận giấy chứng nhận) names each completer's
certificate and leaves a column for the receiver's signature; the ZIP "hồ sơ lớp" gathers every
list of training.documents.classfile with the class's decisions and timetable, as an office files them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from certificates.models import Certificate
from core.documents import Column, DocumentTable, render_docx, render_pdf
from core.documents.party import Audience
from core.text import short_date
from training.classes.documents import opening_decision
from training.documents.classfile import KINDS, ClassDocument, enrolled, list_document, load_class, organisation
from training.documents.timetable import render_timetable_pdf
from training.models import Klass
from training.results.documents import recognition_document


def handover_list(klass: Klass, audience: Audience, signer=None) -> ClassDocument:
    """DANH SÁCH GIAO NHẬN GIẤY CHỨNG NHẬN: each completer, their certificate, a column to sign."""
    people = [e for e in enrolled(klass) if getattr(e, "result", None) is not None and e.result.completed]
    certificates = {
        c.enrolment_id: c
        for c in Certificate.objects.filter(enrolment__klass=klass, status=Certificate.Status.VALID)
        .select_related("register").order_by("issued_on", "number")
    }
    rows = []
    for i, e in enumerate(people, start=1):
        cert = certificates.get(e.pk)
        rows.append((str(i), e.person.full_name, organisation(e), cert.number_label if cert else "",
                     short_date(cert.issued_on) if cert else "", "", ""))
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Họ và tên", 48), Column("Đơn vị"),
                 Column("Số hiệu GCN", 28, "center"), Column("Ngày cấp", 24, "center"),
                 Column("Người nhận ký", 38), Column("Ghi chú", 22)),
        rows=tuple(rows),
        row_height_mm=9,
    )
    doc = list_document(klass, doc_type="DANH SÁCH GIAO NHẬN GIẤY CHỨNG NHẬN", table=table, signer=signer,
                        landscape=True)
    return ClassDocument(f"giao-nhan-GCN-{klass.code}", (doc,), ("Giao nhận GCN",), word=True)


def class_file_kinds() -> dict[str, Callable[..., ClassDocument]]:
    """Every list of the class file, in filing order, the hand-over list last."""
    return {**KINDS, "handover": handover_list}


def class_file_zip(klass: Klass, audience: Audience, signer=None) -> tuple[bytes, str]:
    """(ZIP bytes, file name) of the whole class file: decisions, timetable and every list."""
    klass = load_class(klass.pk)
    files: list[tuple[str, bytes]] = []
    opening = opening_decision(klass, signer)
    files += [("01-quyet-dinh-mo-lop.docx", render_docx(opening)), ("01-quyet-dinh-mo-lop.pdf", render_pdf(opening))]
    files.append(("02-lich-hoc.pdf", render_timetable_pdf(klass, signer=signer)))
    for number, (kind, build) in enumerate(class_file_kinds().items(), start=3):
        if kind in ("completers", "handover") and not klass.results_locked:
            continue
        document = build(klass, audience, signer)
        stem = f"{number:02d}-{document.stem.removesuffix('-' + klass.code)}"
        files += [(f"{stem}.{fmt}", document.render(fmt)) for fmt in document.formats]
    if klass.results_locked:
        recognition = recognition_document(klass, audience, signer)
        files += [("09-quyet-dinh-cong-nhan.docx", render_docx(recognition)),
                  ("09-quyet-dinh-cong-nhan.pdf", render_pdf(recognition))]
    out = io.BytesIO()
    # PDF, Excel and Word files are compressed already: stored, not deflated again.
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, content in files:
            archive.writestr(f"ho-so-lop-{klass.code}/{name}", content)
    return out.getvalue(), f"ho-so-lop-{klass.code}.zip"
