"""The two decisions of a class and its timetable, read back: the same heading lines as every other
document of the centre, grounds and citations in the Party wording, the recognition list as an
annex after the signature, drafts, the signer, and the timetable over several readable pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from core.documents import render_docx, render_pdf
from core.documents.party import Audience
from org.models import DocumentHeading
from tests.documents import assert_times_family, docx_paragraphs, pdf_font_sizes, pdf_pages, pdf_text
from training.classes.documents import opening_decision
from training.documents import classfile
from training.documents.timetable import render_timetable_pdf
from training.models import Klass, Session
from training.results import services as results_services
from training.results.documents import recognition_document
from training.tests.factories.results import approved_class, make_class, staff_the_centre

pytestmark = pytest.mark.django_db
HEADING = ("ĐẢNG ỦY XÃ YÊN SƠN", "TRUNG TÂM CHÍNH TRỊ")


@pytest.fixture
def klass(world):
    staff_the_centre(world)
    k = approved_class(world, learners=2)
    for e in k.enrolments.select_related("person"):
        e.person.date_of_birth = dt.date(1979, 12, 30)
        e.person.save()
    results_services.set_recognition_decision(actor=world.officer_a, klass=k, number="15-QĐ/TTCT",
                                              date=dt.date(2026, 3, 20))
    return Klass.objects.select_related("centre", "version__programme", "plan_line__plan", "room",
                                        "head_teacher__person", "co_organiser").get(pk=k.pk)


def test_every_document_of_a_centre_carries_the_same_heading(klass):
    docs = [opening_decision(klass), recognition_document(klass), classfile.roster(klass, Audience()).docs[0]]
    assert {(d.parent_bodies, d.issuer) for d in docs} == {((HEADING[0],), HEADING[1])}


def test_recorded_heading_replaces_the_default_from_its_date(klass, world):
    DocumentHeading.objects.create(centre=world.centre_a, superior_body="ĐẢNG BỘ XÃ YÊN SƠN",
                                   issuing_body="TRUNG TÂM CHÍNH TRỊ XÃ YÊN SƠN", symbol="TTCTYS",
                                   valid_from=dt.date(2026, 3, 1))
    doc = opening_decision(Klass.objects.get(pk=klass.pk))
    assert doc.parent_bodies == ("ĐẢNG BỘ XÃ YÊN SƠN",) and doc.issuer == "TRUNG TÂM CHÍNH TRỊ XÃ YÊN SƠN"


def test_opening_decision_reads_as_the_format_asks(klass):
    doc = opening_decision(klass)
    pdf = render_pdf(doc)
    assert_times_family(pdf)
    text = pdf_text(pdf)
    assert f"Số {klass.opening_decision_number}" in text
    assert "Yên Sơn, ngày 23 tháng 02 năm 2026" in text
    assert f"QUYẾT ĐỊNH về việc mở lớp {klass.name}" in text
    assert ("- Căn cứ Hướng dẫn số 01-HD/BTGTW, ngày 02/01/2024 của Ban Tuyên giáo Trung ương về việc ban hành "
            "chương trình") in text
    assert "Thường trực Đảng ủy xã Yên Sơn (để báo cáo)" in text and "Lưu Trung tâm." in text
    assert "GIÁM ĐỐC" in text and "Đỗ Minh Trí" in text and "DỰ THẢO" not in text


def test_an_unnumbered_opening_decision_is_a_draft_keeping_its_symbol(klass):
    klass.opening_decision_number, klass.opening_decision_date = "", None
    text = " ".join(pdf_text(render_pdf(opening_decision(klass))).replace("\u00a0", " ").split())
    assert "DỰ THẢO" in text and "Số -QĐ/TTCT" in text
    assert docx_paragraphs(render_docx(opening_decision(klass)))[0] == "DỰ THẢO"


def test_recognition_decision_grounds_citation_and_annex(klass):
    doc = recognition_document(klass, Audience(personal_data=True))
    pdf = render_pdf(doc)
    assert_times_family(pdf)
    pages = [" ".join(p.split()) for p in pdf_pages(pdf)]
    first, annex = pages[0], " ".join(pages[1:])
    assert "Số 15-QĐ/TTCT" in first and "Yên Sơn, ngày 20 tháng 3 năm 2026" in first
    assert f"- Căn cứ Quyết định số {klass.opening_decision_number}, ngày 23/02/2026 của Giám đốc" in first
    assert "- Căn cứ Hướng dẫn số 01-HD/BTGTW, ngày 02/01/2024 của Ban Tuyên giáo Trung ương" in first
    assert "Căn cứ Ban Tuyên giáo" not in first
    assert "(có danh sách kèm theo)" in first and "Đỗ Minh Trí" in first and "Nơi nhận" in first
    learner = klass.enrolments.select_related("person").first().person.full_name
    assert learner not in first
    assert "DANH SÁCH HỌC VIÊN ĐƯỢC CÔNG NHẬN HOÀN THÀNH CHƯƠNG TRÌNH" in annex
    assert "(Kèm theo Quyết định số 15-QĐ/TTCT, ngày 20/03/2026)" in annex
    assert learner in annex and "30/12/1979" in annex
    word = docx_paragraphs(render_docx(doc))
    assert word.index("Đỗ Minh Trí") < word.index("(Kèm theo Quyết định số 15-QĐ/TTCT, ngày 20/03/2026)")


def test_viewer_reads_the_recognition_decision_without_birth_dates(client, world, klass):
    client.force_login(world.viewer_a)
    page = client.get(reverse("training:recognition_decision", args=[klass.pk])).content.decode()
    assert "30/12/1979" not in page
    for fmt in ("pdf", "docx"):
        body = client.get(reverse("training:recognition_download", args=[klass.pk, fmt])).content
        text = pdf_text(body) if fmt == "pdf" else " ".join(docx_paragraphs(body))
        assert "30/12/1979" not in text and "Ngày sinh" not in text
    client.force_login(world.officer_a)
    assert "30/12/1979" in pdf_text(client.get(reverse("training:recognition_download", args=[klass.pk, "pdf"])).content)


def test_sixty_session_timetable_spans_pages_at_a_readable_size(world):
    staff_the_centre(world)
    k = make_class(world, learners=1, sessions_extra=57)
    assert k.sessions.count() == 60
    Session.objects.filter(klass=k).update(venue="Hội trường A")
    pdf = render_timetable_pdf(k)
    pages = pdf_pages(pdf)
    assert len(pages) >= 3
    assert min(pdf_font_sizes(pdf)) >= 10
    assert_times_family(pdf)
    text = " ".join(" ".join(pages).split())
    last = k.sessions.order_by("-date").first().date
    assert f"Từ ngày 02/03/2026 đến ngày {last:%d/%m/%Y}" in text
    assert "Tuần 1 (từ 02/03/2026 đến 08/03/2026)" in text and "Tuần 9" in text
    assert "Yên Sơn, ngày" in text and "GIÁM ĐỐC" in pages[-1] and "Đỗ Minh Trí" in pages[-1]
    assert "Tổng số: 60 buổi" in text
