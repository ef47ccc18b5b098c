"""The class file (hồ sơ lớp): the lists a centre prints, signs and files for every class.

Each builder returns a `ClassDocument`: one or more Party-format list documents (the sign-in
sheets are one per session) that render to PDF, Excel and, for the lists an office edits, Word.
Birth dates appear only for an audience that may see them. Every builder reads the class with a
fixed number of queries, whatever its size.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.documents import Column, DocumentTable, OfficialDocument, Signature, render_docx, render_pdf
from core.documents.party import Audience, citation
from core.documents.pdf import render_pdf_sections
from core.documents.sheet import Sheet, render_xlsx
from core.text import format_decimal, short_date
from training.documents.party import frame_of, signature_for
from training.models import Attendance, Enrolment, Klass, Score, Session
from training.results.rules import printed_classification
from training.timetable.export import PARTS_VI, WEEKDAYS_VI

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "xlsx": XLSX, "docx": DOCX}


@dataclass(frozen=True)
class ClassDocument:
    stem: str  # file name without extension: "danh-sach-hoc-vien-DVM-2026-03"
    docs: tuple[OfficialDocument, ...]
    sheet_titles: tuple[str, ...]
    word: bool = False  # offered as Word too (lists an office edits before signing)

    @property
    def formats(self) -> tuple[str, ...]:
        return ("pdf", "xlsx", "docx") if self.word else ("pdf", "xlsx")

    def render(self, fmt: str) -> bytes:
        if fmt == "pdf":
            return render_pdf(self.docs[0]) if len(self.docs) == 1 else render_pdf_sections(list(self.docs))
        if fmt == "xlsx":
            return render_xlsx([Sheet(t, d) for t, d in zip(self.sheet_titles, self.docs, strict=True)])
        if fmt == "docx" and self.word:
            return render_docx(self.docs[0])
        raise ValueError(f"unknown format {fmt!r}")

    def file(self, fmt: str) -> tuple[bytes, str, str]:
        return self.render(fmt), f"{self.stem}.{fmt}", CONTENT_TYPES[fmt]


def load_class(pk: int) -> Klass:
    return Klass.objects.select_related(
        "centre__province", "version__programme", "room", "head_teacher__person", "plan_line__plan"
    ).get(pk=pk)


def class_lines(klass: Klass) -> tuple[str, ...]:
    venue = klass.venue
    period = f"Thời gian học: từ ngày {short_date(klass.start_date)} đến ngày {short_date(klass.end_date)}"
    return (period + (f"; địa điểm: {venue}." if venue else "."),)


def class_label(klass: Klass) -> str:
    """ "Lớp đảng viên mới khóa 3": the class name, with "Lớp" in front unless it starts with it."""
    return klass.name if klass.name.lower().startswith("lớp") else f"Lớp {klass.name}"


def list_document(klass: Klass, *, doc_type: str, table: DocumentTable, signer=None, landscape: bool = False,
                  lines: tuple[str, ...] | None = None, signature: Signature | None = None,
                  on: dt.date | None = None) -> OfficialDocument:
    """A list in the Party frame of the class's centre: heading, date line, title, the table, signature."""
    on = on or timezone.localdate()
    frame = frame_of(klass.centre, on)
    return OfficialDocument(
        parent_bodies=frame.parents,
        issuer=frame.issuer,
        number="",
        numbered=False,
        place=frame.place,
        date=on,
        doc_type=doc_type,
        title=f"{class_label(klass)} (mã lớp {klass.code})",
        paragraphs=class_lines(klass) if lines is None else lines,
        table=table,
        signature=signature or signature_for(klass.centre, on, signer),
        landscape=landscape,
        font_size=13,
    )


def enrolled(klass: Klass) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED)
        .select_related("person__sending_organisation", "sending_organisation", "result")
        .order_by("person__sort_key", "pk")
    )


def organisation(enrolment: Enrolment) -> str:
    sender = enrolment.sending_organisation or enrolment.person.sending_organisation
    return sender.name if sender else enrolment.person.workplace


def _result(enrolment: Enrolment):
    try:
        return enrolment.result
    except Enrolment.result.RelatedObjectDoesNotExist:
        return None


def _birth(audience: Audience) -> tuple[Column, ...]:
    return (Column("Ngày sinh", 22, "center"),) if audience.personal_data else ()


def _birth_cell(audience: Audience, enrolment: Enrolment) -> tuple[str, ...]:
    return (short_date(enrolment.person.date_of_birth),) if audience.personal_data else ()


# ------------------------------------------------------------------------------------------ lists


def roster(klass: Klass, audience: Audience, signer=None) -> ClassDocument:
    """DANH SÁCH HỌC VIÊN: every enrolled learner with position and sending organisation."""
    people = enrolled(klass)
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Họ và tên", 44), *_birth(audience),
                 Column("Chức vụ", 38), Column("Đơn vị cử đi học"), Column("Ghi chú", 20)),
        rows=tuple(
            (str(i), e.person.full_name, *_birth_cell(audience, e), e.person.position, organisation(e), "")
            for i, e in enumerate(people, start=1)
        ),
    )
    doc = list_document(klass, doc_type="DANH SÁCH HỌC VIÊN", table=table, signer=signer, landscape=True)
    return ClassDocument(f"danh-sach-hoc-vien-{klass.code}", (doc,), ("Danh sách học viên",), word=True)


def _session_line(number: int, session: Session) -> str:
    topic = session.topic.title if session.topic_id else (session.note or "")
    who = f"; giảng viên: {session.lecturer.person.full_name}" if session.lecturer_id else ""
    return (f"Buổi {number}: {WEEKDAYS_VI[session.date.weekday()]}, ngày {short_date(session.date)} "
            f"({PARTS_VI[session.part].lower()}){'; ' + topic if topic else ''}{who}.")


def sign_in_sheets(klass: Klass, audience: Audience, signer=None) -> ClassDocument:
    """DANH SÁCH KÝ ĐIỂM DANH: one sheet per session, a row to sign for every learner."""
    people = enrolled(klass)
    sessions = list(
        Session.objects.filter(klass=klass).select_related("topic", "lecturer__person").order_by("date", "part", "pk")
    )
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Họ và tên", 50), Column("Đơn vị"), Column("Ký tên", 40),
                 Column("Ghi chú", 25)),
        rows=tuple((str(i), e.person.full_name, organisation(e), "", "") for i, e in enumerate(people, start=1)),
        row_height_mm=9,
    )
    head = klass.head_teacher.person.full_name if klass.head_teacher_id else ""
    signature = Signature(title="GIÁO VIÊN CHỦ NHIỆM", name=head)
    blank_line = "Buổi: ......, ngày ...../...../.........."
    lines = [_session_line(n, s) for n, s in enumerate(sessions, start=1)] or [blank_line]
    docs = tuple(
        list_document(klass, doc_type="DANH SÁCH KÝ ĐIỂM DANH", table=table, lines=(line,), signature=signature,
                      landscape=True, on=sessions[n].date if sessions else None)
        for n, line in enumerate(lines)
    )
    titles = tuple(f"Buổi {n} {s.date:%d-%m}" for n, s in enumerate(sessions, start=1)) or ("Điểm danh",)
    return ClassDocument(f"danh-sach-ky-diem-danh-{klass.code}", docs, titles)


def attendance_summary(klass: Klass, audience: Audience, signer=None) -> ClassDocument:
    """BẢNG TỔNG HỢP ĐIỂM DANH: sessions attended and missed per learner."""
    people = enrolled(klass)
    taken = Session.objects.filter(klass=klass, attendance_taken=True).count()
    total = Session.objects.filter(klass=klass).count()
    marks = Counter()
    for row in (Attendance.objects.filter(enrolment__klass=klass, session__attendance_taken=True)
                .values("enrolment_id", "status").annotate(n=Count("pk"))):
        marks[(row["enrolment_id"], row["status"])] = row["n"]
    status = Attendance.Status
    rows = []
    for i, e in enumerate(people, start=1):
        excused, unexcused, late = (marks[(e.pk, s)] for s in (status.EXCUSED, status.UNEXCUSED, status.LATE))
        absent = excused + unexcused
        rate = format_decimal(100 * absent / taken) if taken else ""
        rows.append((str(i), e.person.full_name, *_birth_cell(audience, e), organisation(e), str(taken - absent),
                     str(excused), str(unexcused), str(late), rate))
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Họ và tên", 48), *_birth(audience), Column("Đơn vị"),
                 Column("Có mặt", 18, "center"), Column("Vắng có phép", 20, "center"),
                 Column("Vắng không phép", 22, "center"), Column("Đi muộn", 18, "center"),
                 Column("Tỷ lệ vắng (%)", 22, "center")),
        rows=tuple(rows),
    )
    lines = class_lines(klass) + (f"Số buổi học: {total}; số buổi đã điểm danh: {taken}.",)
    doc = list_document(klass, doc_type="BẢNG TỔNG HỢP ĐIỂM DANH", table=table, signer=signer, landscape=True,
                        lines=lines)
    return ClassDocument(f"tong-hop-diem-danh-{klass.code}", (doc,), ("Tổng hợp điểm danh",))


def score_sheet(klass: Klass, audience: Audience, signer=None) -> ClassDocument:
    """BẢNG ĐIỂM TỔNG HỢP: every component's score, the final score, classification and outcome."""
    people = enrolled(klass)
    components = list(klass.version.components.order_by("order"))
    scores = {(s.enrolment_id, s.component_id): s.value
              for s in Score.objects.filter(enrolment__klass=klass).only("enrolment_id", "component_id", "value")}
    rows = []
    for i, e in enumerate(people, start=1):
        result = _result(e)
        outcome = ("Hoàn thành" if result.completed else "Không hoàn thành") if result else ""
        rows.append((
            str(i), e.person.full_name, *_birth_cell(audience, e),
            *(format_decimal(scores.get((e.pk, c.pk))) for c in components),
            format_decimal(result.final_score) if result else "",
            printed_classification(result.classification) if result and result.classification else "",
            outcome,
        ))
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Họ và tên"), *_birth(audience),
                 *(Column(f"{c.name} ({format_decimal(c.weight, 0)} %)", 26, "center") for c in components),
                 Column("Điểm tổng kết", 22, "center"), Column("Xếp loại", 24, "center"),
                 Column("Kết quả", 30, "center")),
        rows=tuple(rows),
    )
    doc = list_document(klass, doc_type="BẢNG ĐIỂM TỔNG HỢP", table=table, signer=signer, landscape=True)
    return ClassDocument(f"bang-diem-tong-hop-{klass.code}", (doc,), ("Bảng điểm tổng hợp",))


def completers_list(klass: Klass, audience: Audience, signer=None) -> ClassDocument:
    """DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH, citing the recognition decision once it is numbered."""
    people = [e for e in enrolled(klass) if (r := _result(e)) is not None and r.completed]
    table = DocumentTable(
        columns=(Column("STT", 10, "center"), Column("Họ và tên", 46), *_birth(audience), Column("Đơn vị"),
                 Column("Điểm", 16, "center"), Column("Xếp loại", 24, "center")),
        rows=tuple(
            (str(i), e.person.full_name, *_birth_cell(audience, e), organisation(e),
             format_decimal(e.result.final_score), printed_classification(e.result.classification))
            for i, e in enumerate(people, start=1)
        ),
    )
    lines = class_lines(klass)
    if klass.recognition_decision_number:
        cited = citation(klass.recognition_decision_number, klass.recognition_decision_date,
                         f"Giám đốc {klass.centre.name}")
        lines += (f"Được công nhận hoàn thành chương trình theo {cited}.",)
    doc = list_document(klass, doc_type="DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH", table=table, signer=signer,
                        lines=lines)
    return ClassDocument(f"danh-sach-hoan-thanh-{klass.code}", (doc,), ("Hoàn thành",), word=True)


# The lists of the class file in the order they are filed; the certificates app adds the hand-over list.
TITLES = {
    "roster": gettext_lazy("Class roster"),
    "sign-in": gettext_lazy("Sign-in sheets (one per session)"),
    "attendance": gettext_lazy("Attendance summary"),
    "scores": gettext_lazy("Score sheet"),
    "completers": gettext_lazy("Learners who completed"),
}
WORD_KINDS = frozenset({"roster", "completers"})
AFTER_RESULTS = frozenset({"completers"})  # listed once the director approved the results
KINDS = {
    "roster": roster,
    "sign-in": sign_in_sheets,
    "attendance": attendance_summary,
    "scores": score_sheet,
    "completers": completers_list,
}
