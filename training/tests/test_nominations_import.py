"""Importing nomination lists into a class: the preview, the user's decisions, and the one-transaction confirm."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from core.models import AuditEvent
from people.models import Person
from training.models import Enrolment, Klass
from training.nominations import sample_workbooks as w
from training.nominations.importers import ImportBlocked
from training.nominations.rules import Rule
from training.nominations.services import Choices, import_nominations, preview_nominations
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db

# party_list(): rows 10 and 11 are good; 13 has a year-only birth date and no admission date; 14 has 31/02;
# 15 repeats row 10's ID; 16's ID says female where the column says male.
BAD_ROWS = {13, 14, 16}


@pytest.fixture
def new_member_class(world):
    return s.klass(world.centre_a, s.programme("DVM", window_months=12))


def _preview(world, klass, data=None, **choices):
    return preview_nominations(actor=world.officer_a, klass=klass, source=data or w.party_list(),
                               choices=Choices(**choices), today=w.TODAY)


def _import(world, klass, data=None, **choices):
    return import_nominations(actor=world.officer_a, klass=klass, source=data or w.party_list(),
                              choices=Choices(**choices), today=w.TODAY, filename="ds.xlsx")


def _nothing_written():
    return (not Enrolment.objects.exists() and Person.objects.filter(national_id=w.AN_ID).count() == 0
            and not AuditEvent.objects.filter(action="import").exists())


def test_preview_shows_every_row_and_writes_nothing(world, new_member_class):
    preview = _preview(world, new_member_class)
    statuses = {row.row: row.status for row in preview.result.rows}
    assert statuses == {10: "warning", 11: "ok", 13: "error", 14: "error", 15: "duplicate", 16: "error"}
    assert {r.row for r in preview.blocked_rows} == BAD_ROWS
    assert not preview.can_confirm
    assert _nothing_written()


def test_eligibility_messages_name_the_row_and_column(world, new_member_class):
    row = _preview(world, new_member_class).result.row(13)
    window = [m for m in row.messages if m.column == "H"]
    assert window and window[0].row == 13 and window[0].level == "error"
    assert row.extra["eligibility"] == [Rule.ADMISSION_WINDOW]


def test_confirm_with_errors_kept_is_refused_and_nothing_changes(world, new_member_class):
    with pytest.raises(ImportBlocked) as error:
        _import(world, new_member_class)
    assert "13" in str(error.value) and "16" in str(error.value)
    assert _nothing_written()


def test_confirm_after_skipping_bad_rows_enrols_the_rest(world, new_member_class):
    outcome = _import(world, new_member_class, skipped=BAD_ROWS)
    enrolled = Enrolment.objects.filter(klass=new_member_class).select_related("person")
    assert sorted(e.person.national_id for e in enrolled) == sorted([w.AN_ID, w.HUONG_ID])
    assert {e.source_row for e in enrolled} == {10, 11}
    assert outcome.new_persons == 2 and len(outcome.enrolments) == 2
    event = AuditEvent.objects.for_object(new_member_class).get(action="import")
    assert event.actor == world.officer_a and event.after["enrolled"] == 2
    assert sorted(row for _id, _person, row in event.after["enrolments"]) == [10, 11]
    assert Person.objects.get(national_id=w.HUONG_ID).centre == world.centre_a


def test_fixing_a_cell_clears_its_error(world, new_member_class):
    fixes = {14: {"dob_male": "28/02/1991", "party_admission_date": "01/09/2025"}}
    preview = _preview(world, new_member_class, fixes=fixes, skipped={13, 16})
    assert preview.result.row(14).status == "ok"
    assert preview.result.row(14).date_of_birth == dt.date(1991, 2, 28)
    assert preview.can_confirm


def test_override_with_a_reason_turns_the_rule_into_a_warning_and_is_audited(world, new_member_class):
    reason = "Chi bộ xác nhận đã kết nạp, chờ quyết định"
    preview = _preview(world, new_member_class, skipped={14, 16}, overrides={13: reason})
    assert preview.result.row(13).status == "warning"
    _import(world, new_member_class, skipped={14, 16}, overrides={13: reason})
    enrolment = Enrolment.objects.get(klass=new_member_class, source_row=13)
    assert enrolment.override_reason == reason
    event = AuditEvent.objects.for_object(enrolment).get(action="other")
    assert event.after["overridden_rules"] == [Rule.ADMISSION_WINDOW] and event.reason == reason


def test_existing_person_is_updated_only_with_consent(world, new_member_class):
    person = Person.objects.create(family_name="Nguyễn", middle_name="Văn", given_name="An", gender="male",
                                   date_of_birth=dt.date(1990, 5, 17), national_id=w.AN_ID, centre=world.centre_a,
                                   ethnicity="Tày")
    preview = _preview(world, new_member_class, skipped=BAD_ROWS)
    assert preview.result.row(10).person_id == person.pk
    assert {d.field for d in preview.result.row(10).differences} >= {"ethnicity"}
    _import(world, new_member_class, skipped=BAD_ROWS)
    person.refresh_from_db()
    assert person.ethnicity == "Tày"
    Enrolment.objects.all().delete()
    _import(world, new_member_class, skipped=BAD_ROWS, consented={10})
    person.refresh_from_db()
    assert person.ethnicity == "Kinh" and person.party_admission_date == dt.date(2025, 6, 1)


def test_possible_match_linked_by_the_user(world, new_member_class):
    person = Person.objects.create(family_name="Nguyễn", middle_name="Thị", given_name="Hường", gender="female",
                                   date_of_birth=dt.date(1992, 5, 17), centre=world.centre_a)
    preview = _preview(world, new_member_class, skipped=BAD_ROWS)
    assert preview.result.row(11).candidate_ids == [person.pk]
    _import(world, new_member_class, skipped=BAD_ROWS, links={11: person.pk}, consented={11})
    enrolment = Enrolment.objects.get(source_row=11)
    assert enrolment.person_id == person.pk
    person.refresh_from_db()
    assert person.national_id == w.HUONG_ID


def test_already_enrolled_rows_are_duplicates_and_skipped(world, new_member_class):
    _import(world, new_member_class, skipped=BAD_ROWS)
    preview = _preview(world, new_member_class, skipped=BAD_ROWS)
    assert preview.result.row(10).status == "duplicate" and preview.result.row(11).status == "duplicate"
    assert preview.summary()["already_enrolled"] == 2 and not preview.can_confirm
    with pytest.raises(ImportBlocked):
        _import(world, new_member_class, skipped=BAD_ROWS)
    assert Enrolment.objects.count() == 2


def test_withdrawn_learner_in_the_list_is_enrolled_again(world, new_member_class):
    _import(world, new_member_class, skipped=BAD_ROWS)
    Enrolment.objects.filter(source_row=10).update(status=Enrolment.Status.WITHDRAWN, status_reason="ốm")
    Enrolment.objects.filter(source_row=11).delete()
    outcome = _import(world, new_member_class, skipped=BAD_ROWS)
    assert outcome.reactivated == 1 and Enrolment.objects.filter(status="enrolled").count() == 2


def test_capacity_marks_the_rows_beyond_the_free_places(world):
    klass = s.klass(world.centre_a, s.programme(), capacity=1)
    preview = _preview(world, klass, skipped=BAD_ROWS)
    assert preview.result.row(10).status != "error"
    assert preview.result.row(11).status == "error"
    assert preview.result.row(11).extra["eligibility"] == [Rule.CAPACITY]
    assert _preview(world, klass, skipped=BAD_ROWS | {10}).result.row(11).status == "ok"


def test_unreadable_file_is_a_file_error(world, new_member_class):
    preview = _preview(world, new_member_class, data=b"not a workbook")
    assert preview.result.errors and not preview.can_confirm
    with pytest.raises(ImportBlocked):
        _import(world, new_member_class, data=b"not a workbook")
    assert _nothing_written()


def test_import_into_a_class_not_accepting_is_refused(world):
    klass = s.klass(world.centre_a, s.programme(), status=Klass.Status.PLANNED)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        _import(world, klass, skipped=BAD_ROWS)
    assert _nothing_written()


@pytest.mark.parametrize("persona", ["viewer_a", "officer_b", "learner_a"])
def test_import_needs_the_right(world, new_member_class, persona):
    with pytest.raises(PermissionDenied):
        import_nominations(actor=getattr(world, persona), klass=new_member_class, source=w.party_list(),
                           choices=Choices(skipped=BAD_ROWS), today=w.TODAY)
    assert _nothing_written()


def test_office_list_with_grouped_rows_uses_the_group_as_sending_organisation(world):
    from tests import factories as f

    organisation = f.SendingOrganisationFactory(name="Đảng bộ xã Hàm Yên", centre=world.centre_a)
    klass = s.klass(world.centre_a, s.programme())
    preview = _preview(world, klass, data=w.office_list())
    bad = {r.row for r in preview.result.rows if r.has_errors}
    _import(world, klass, data=w.office_list(), skipped=bad)
    enrolment = Enrolment.objects.get(klass=klass, source_row=6)
    assert enrolment.sending_organisation == organisation


def test_large_list_preview_and_import_in_constant_queries(world, django_assert_max_num_queries):
    klass = s.klass(world.centre_a, s.programme(), capacity=500)
    data = w.large_list(120, serial_start=700_000)
    with django_assert_max_num_queries(40):
        outcome = _import(world, klass, data=data)
    assert len(outcome.enrolments) == 120
