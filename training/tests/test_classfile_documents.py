"""Every document of the class file, generated from fixtures and read back as PDF, Excel and Word:
the heading lines, the date line, the title, the signature, and no birth date for a viewer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from certificates.classfile import handover_list
from core.documents.party import Audience
from core.text import long_date
from org.models import DocumentHeading
from people.models import StaffAssignment
from tests import factories as f
from tests.documents import BIRTH_DATE, assert_times_family, docx_paragraphs, pdf_pages, pdf_text, xlsx_rows, xlsx_text
from training.attendance import tallies
from training.documents import classfile
from training.models import Attendance
from training.tests.factories.results import approved_class, staff_the_centre

pytestmark = pytest.mark.django_db

VIEWER, OFFICE = Audience(personal_data=False), Audience(personal_data=True)
BIRTH = dt.date(1988, 7, 14)
TITLES = {
    "roster": "DANH SÁCH HỌC VIÊN",
    "sign-in": "DANH SÁCH KÝ ĐIỂM DANH",
    "attendance": "BẢNG TỔNG HỢP ĐIỂM DANH",
    "scores": "BẢNG ĐIỂM TỔNG HỢP",
    "completers": "DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH",
    "handover": "DANH SÁCH GIAO NHẬN GIẤY CHỨNG NHẬN",
}
BUILDERS = {**classfile.KINDS, "handover": handover_list}


@pytest.fixture
def klass(world):
    staff_the_centre(world)
    DocumentHeading.objects.create(centre=world.centre_a, superior_body="ĐẢNG ỦY XÃ YÊN SƠN",
                                   issuing_body="TRUNG TÂM CHÍNH TRỊ", valid_from=dt.date(2025, 7, 1))
    k = approved_class(world, learners=2)
    org = f.SendingOrganisationFactory(centre=world.centre_a, name="Chi bộ thôn Đồng Cướm")
    for n, e in enumerate(k.enrolments.select_related("person"), start=1):
        e.person.date_of_birth, e.person.position = BIRTH, f"Bí thư chi bộ {n}"
        e.person.save()
        e.sending_organisation = org
        e.save()
    first = k.sessions.order_by("date").first()
    first.attendance_taken = True
    first.save()
    Attendance.objects.create(session=first, enrolment=k.enrolments.first(), status=Attendance.Status.EXCUSED)
    tallies.refresh_classes([k.pk])
    return classfile.load_class(k.pk)


def _heading_and_signature(text: str) -> None:
    assert "ĐẢNG ỦY XÃ YÊN SƠN" in text and "TRUNG TÂM CHÍNH TRỊ" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Yên Sơn, ngày" in text


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_pdf_of_each_list(klass, kind):
    document = BUILDERS[kind](klass, OFFICE)
    pdf = document.render("pdf")
    assert_times_family(pdf)
    text = pdf_text(pdf)
    _heading_and_signature(text)
    assert TITLES[kind] in text
    assert f"(mã lớp {klass.code})" in text
    people = list(klass.enrolments.select_related("person").order_by("person__sort_key"))
    assert people[0].person.full_name in text
    if kind == "sign-in":
        assert "GIÁO VIÊN CHỦ NHIỆM" in text and "Ký tên" in text
        assert len(pdf_pages(pdf)) == klass.sessions.count()  # one sheet per session
        assert "Buổi 1: Thứ Hai, ngày 02/03/2026 (sáng)" in text
    else:
        assert "GIÁM ĐỐC" in text and "Đỗ Minh Trí" in text
    if kind in ("roster", "attendance", "scores", "completers"):
        assert "14/07/1988" in text
    if kind == "roster":
        assert "Bí thư chi bộ 1" in text and "Chi bộ thôn Đồng Cướm" in text
    if kind == "scores":
        assert "Bài thu" in text and "Khá" in text and "Hoàn thành" in text
    if kind == "attendance":
        assert "số buổi đã điểm danh: 1" in text


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_a_viewer_gets_no_birth_dates(klass, kind):
    document = BUILDERS[kind](klass, VIEWER)
    for fmt in document.formats:
        content = document.render(fmt)
        if fmt == "pdf":
            text = pdf_text(content)
        elif fmt == "xlsx":
            text = xlsx_text(content)
        else:
            text = " ".join(docx_paragraphs(content))
        assert "14/07/1988" not in text and "1988-07-14" not in text and "Ngày sinh" not in text, (kind, fmt)


@pytest.mark.parametrize("kind", list(BUILDERS))
def test_excel_of_each_list_prints_like_the_pdf(klass, kind):
    content = BUILDERS[kind](klass, OFFICE).render("xlsx")
    rows = xlsx_rows(content)
    flat = [v for row in rows for v in row if v is not None]
    assert flat[:2] == ["ĐẢNG ỦY XÃ YÊN SƠN", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert "TRUNG TÂM CHÍNH TRỊ" in flat and TITLES[kind] in flat
    assert any(isinstance(v, str) and v.startswith("Yên Sơn, ngày") for v in flat)
    header = next(i for i, row in enumerate(rows, start=1) if row[0] == "STT")
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert "&P" in sheet.oddFooter.center.text
    assert rows[header][0] == 1  # numbers stay numbers
    if kind in ("roster", "scores"):
        assert dt.datetime(1988, 7, 14) in flat


@pytest.mark.parametrize("kind", ["roster", "completers", "handover"])
def test_word_lists_for_editing(klass, kind):
    document = BUILDERS[kind](klass, OFFICE)
    paragraphs = docx_paragraphs(document.render("docx"))
    assert paragraphs[:2] == ["ĐẢNG ỦY XÃ YÊN SƠN", "TRUNG TÂM CHÍNH TRỊ"]
    assert TITLES[kind] in paragraphs and "GIÁM ĐỐC" in paragraphs and "Đỗ Minh Trí" in paragraphs


def test_a_deputy_signs_the_lists(klass, world):
    deputy = f.PersonFactory(centre=world.centre_a, family_name="Hà", middle_name="Văn", given_name="Phó")
    staff = StaffAssignment.objects.create(centre=world.centre_a, person=deputy,
                                           position=StaffAssignment.Position.DEPUTY_DIRECTOR,
                                           start_date=dt.date(2025, 7, 1))
    text = pdf_text(classfile.roster(klass, OFFICE, signer=staff.pk).render("pdf"))
    assert text.index("K/T GIÁM ĐỐC") < text.index("PHÓ GIÁM ĐỐC") < text.index("Hà Văn Phó")
    # someone who is not a director or deputy cannot be chosen: the director signs
    text = pdf_text(classfile.roster(klass, OFFICE, signer=999999).render("pdf"))
    assert "Đỗ Minh Trí" in text and "K/T" not in text


def test_every_list_dated_today_except_the_sign_in_sheets(klass):
    today = long_date(timezone.localdate())
    assert today in pdf_text(classfile.roster(klass, OFFICE).render("pdf"))
    first = klass.sessions.order_by("date").first()
    assert long_date(first.date) in pdf_text(classfile.sign_in_sheets(klass, OFFICE).render("pdf"))


def test_birth_date_pattern_catches_dates():
    assert BIRTH_DATE.search("sinh 14/07/1988") and not BIRTH_DATE.search("Số 12-QĐ/TTCT")


def test_queries_do_not_grow_with_the_class(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff_the_centre(world)
    counts = []
    for learners in (2, 12):
        k = classfile.load_class(approved_class(world, learners=learners).pk)
        with CaptureQueriesContext(connection) as captured:
            for build in BUILDERS.values():
                build(k, OFFICE)
        counts.append(len(captured))
    assert counts[0] == counts[1]
