"""Exported cells that begin like a formula are written as text, in every export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from core import excel

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _values(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [(c.value, c.data_type) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
            if c.value is not None]


def _assert_inert(data: bytes, texts=HOSTILE) -> None:
    cells = _values(data)
    for text in texts:
        found = [(v, t) for v, t in cells if v == text]
        assert found, text
        assert all(t == "s" for _v, t in found), found


@pytest.mark.parametrize("write_only", [True, False])
def test_the_writer_keeps_formula_like_text_as_text(write_only):
    book = excel.new_workbook(write_only=write_only)
    sheet = book.create_sheet("x")
    excel.append(sheet, [*HOSTILE, 5, -3, dt.date(2026, 1, 2), "bình thường"])
    data = excel.to_bytes(book)
    _assert_inert(data)
    values = dict(_values(data))
    assert values[5] == "n" and values[-3] == "n"


@pytest.mark.django_db
def test_person_export(world):
    from people.exports import persons_workbook
    from people.models import Person

    world.person_a.workplace, world.person_a.position = HOSTILE[0], HOSTILE[1]
    world.person_a.save()
    data = persons_workbook(Person.objects.filter(pk=world.person_a.pk), personal=True)
    _assert_inert(data, HOSTILE[:2])


def test_register_book():
    from certificates.rendering import RegisterEntry, render_register_book_xlsx

    entry = RegisterEntry(number="0001/2026", learner_name=HOSTILE[0], date_of_birth=dt.date(1990, 1, 1),
                          class_label=HOSTILE[3], classification="Khá", issue_date=dt.date(2026, 3, 1),
                          receiver=HOSTILE[2])
    _assert_inert(render_register_book_xlsx([entry]), [HOSTILE[0], HOSTILE[3], HOSTILE[2]])


@pytest.mark.django_db
def test_programme_export():
    from curriculum.exchange.excel import dumps
    from training.tests.factories.nominations import programme

    version = programme("HOST")
    version.programme.name = HOSTILE[0]
    version.programme.save()
    _assert_inert(dumps(version), [HOSTILE[0]])


def test_nomination_template():
    from training.nominations.importers.template import build_template

    _assert_inert(build_template(sending_organisation=HOSTILE[0]), [HOSTILE[0].upper()])
