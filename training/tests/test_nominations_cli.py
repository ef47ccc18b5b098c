"""`manage.py import_nominations <class code> <file.xlsx> [--dry-run] [--json]`."""

import json

import pytest
from django.core.management import CommandError, call_command

from people.models import Person
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db

ROW_KEYS = {"row", "status", "full_name", "national_id", "date_of_birth", "messages"}


@pytest.fixture
def listing(tmp_path):
    path = tmp_path / "danh_sach.xlsx"
    path.write_bytes(w.party_list())
    return path


@pytest.fixture
def klass(world):
    return s.klass(world.centre_a, s.programme("DVM"), code="DVM-2026-03")


def _run(capsys, *args):
    call_command("import_nominations", *args)
    return json.loads(capsys.readouterr().out)


def test_dry_run_json_has_the_documented_shape_and_writes_nothing(capsys, klass, listing):
    with pytest.raises(CommandError):  # rows 14 and 16 have errors: it could not be imported as it is
        call_command("import_nominations", "DVM-2026-03", str(listing), "--dry-run", "--json", "--today", "2026-03-12")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"summary", "rows"}
    assert [r["row"] for r in data["rows"]] == [10, 11, 13, 14, 15, 16]
    assert all(set(r) == ROW_KEYS for r in data["rows"])
    by_row = {r["row"]: r for r in data["rows"]}
    assert by_row[11] == {**by_row[11], "status": "ok", "national_id": w.HUONG_ID, "date_of_birth": "1992-05-17"}
    assert by_row[14]["status"] == "error" and by_row[15]["status"] == "duplicate"
    assert any("14" in m for m in by_row[14]["messages"])
    assert data["summary"]["total"] == 6 and data["summary"]["written"] is False
    assert not Enrolment.objects.exists() and not Person.objects.filter(national_id=w.AN_ID).exists()


def test_dry_run_that_would_succeed_exits_cleanly(capsys, klass, listing):
    data = _run(capsys, "dvm-2026-03", str(listing), "--dry-run", "--json", "--skip-errors", "--today", "2026-03-12")
    assert data["summary"]["to_enrol"] == 3 and not Enrolment.objects.exists()


def test_import_with_skip_errors_enrols(capsys, klass, listing):
    data = _run(capsys, "DVM-2026-03", str(listing), "--json", "--skip-errors", "--today", "2026-03-12")
    assert data["summary"]["written"] is True and data["summary"]["enrolled"] == 3
    assert sorted(Enrolment.objects.values_list("source_row", flat=True)) == [10, 11, 13]


def test_import_with_errors_kept_is_refused_and_writes_nothing(capsys, klass, listing):
    with pytest.raises(CommandError):
        call_command("import_nominations", "DVM-2026-03", str(listing), "--json", "--today", "2026-03-12")
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["written"] is False and "refused" in data["summary"]
    assert not Enrolment.objects.exists()


def test_acting_user_needs_the_right(world, klass, listing):
    with pytest.raises(CommandError):
        call_command("import_nominations", "DVM-2026-03", str(listing), "--user", "officer_b", "--skip-errors")
    with pytest.raises(CommandError):
        call_command("import_nominations", "DVM-2026-03", str(listing), "--user", "viewer_a", "--skip-errors")
    assert not Enrolment.objects.exists()
    call_command("import_nominations", "DVM-2026-03", str(listing), "--user", "officer_a", "--skip-errors",
                 "--today", "2026-03-12")
    assert Enrolment.objects.count() == 3


def test_unknown_class_or_file(klass, listing, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_nominations", "NOPE-1", str(listing))
    with pytest.raises(CommandError):
        call_command("import_nominations", "DVM-2026-03", str(tmp_path / "missing.xlsx"))


def test_human_output_lists_the_problems(capsys, klass, listing):
    with pytest.raises(CommandError):
        call_command("import_nominations", "DVM-2026-03", str(listing), "--dry-run", "--today", "2026-03-12")
    out = capsys.readouterr().out
    assert "DVM-2026-03: 6" in out and "[error]" in out
