"""A programme's audience by party membership (data on the programme): a party member enrolled in the
awareness course for candidates for admission (NTVD) is a warning that needs a reason kept in the audit,
on every path: one person, the import's preview and confirm, the API."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import ApiToken
from core.models import AuditEvent
from curriculum.choices import PartyAudience
from training.models import Enrolment
from training.nominations import sample_workbooks as w
from training.nominations.enrolment import enrol_person
from training.nominations.rules import Candidate, Eligibility, Rule
from training.nominations.services import Choices, import_nominations, preview_nominations
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db

REASON = "Chi bộ đề nghị học lại để làm cảm tình Đảng cho đoàn viên"
# party_list(): rows 10 and 11 are party members (admission dates in column H); 13, 14 and 16 have errors.
BAD_ROWS = {13, 14, 16}


@pytest.fixture
def ntvd(world):
    version = s.programme("NTVD", name="Bồi dưỡng nhận thức về Đảng", party_audience=PartyAudience.NON_MEMBERS)
    return s.klass(world.centre_a, version)


@pytest.fixture
def member(world):
    person = world.person_a
    person.is_party_member, person.party_admission_date = True, dt.date(2019, 5, 19)
    person.save()
    return person


def _findings(klass, person):
    return Eligibility(klass).assess([Candidate(person.pk, person_id=person.pk)])[person.pk].findings


def _warning_events(enrolment):
    return AuditEvent.objects.for_object(enrolment).filter(after__has_key="warning_reason")


def _auth(user):
    _, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# The rule -------------------------------------------------------------------------------------------
def test_a_party_member_in_the_candidates_course_is_warned_by_name(ntvd, member):
    (finding,) = _findings(ntvd, member)
    assert finding.rule == Rule.AUDIENCE and finding.needs_reason and not finding.blocking
    assert finding.text == ("Nguyễn Thị Hường là đảng viên (kết nạp ngày 19/05/2019); chương trình “Bồi dưỡng "
                            "nhận thức về Đảng” dành cho người chưa vào Đảng (quần chúng ưu tú, cảm tình Đảng).")


def test_a_non_member_is_not_warned_nor_a_member_in_a_course_open_to_all(world, ntvd, member):
    assert _findings(ntvd, world.person_b) == []
    open_to_all = s.klass(world.centre_a, s.programme("SCLLCT"))
    assert _findings(open_to_all, member) == []


def test_a_members_only_course_warns_for_a_non_member(world):
    klass = s.klass(world.centre_a, s.programme(party_audience=PartyAudience.MEMBERS))
    (finding,) = _findings(klass, world.person_b)
    assert finding.rule == Rule.AUDIENCE and "Phạm Văn Bắc" in finding.text


# One person -----------------------------------------------------------------------------------------
def test_enrolling_a_member_without_a_reason_is_refused_and_nothing_is_written(world, ntvd, member):
    with pytest.raises(ValidationError) as refused:
        enrol_person(actor=world.officer_a, klass=ntvd, person=member)
    assert "Nguyễn Thị Hường là đảng viên" in refused.value.message_dict["warning_reason"][0]
    assert not Enrolment.objects.exists() and not AuditEvent.objects.filter(object_type="training.enrolment").exists()


def test_enrolling_a_member_with_a_reason_keeps_it_in_the_audit(world, ntvd, member):
    enrolment = enrol_person(actor=world.officer_a, klass=ntvd, person=member, warning_reason=REASON)
    event = _warning_events(enrolment).get()
    assert event.actor == world.officer_a and event.after["warning_reason"] == REASON
    assert REASON in event.reason and "Nguyễn Thị Hường là đảng viên" in event.reason


def test_enrolling_a_non_member_asks_nothing(world, ntvd):
    enrolment = enrol_person(actor=world.officer_a, klass=ntvd, person=world.person_b)
    assert not _warning_events(enrolment).exists()


def test_the_search_page_shows_the_warning_beside_the_person(client, world, ntvd, member):
    client.force_login(world.officer_a)
    page = client.get(reverse("training:enrol_person", args=[ntvd.pk]), {"q": "Hường"}).content.decode()
    assert "Nguyễn Thị Hường là đảng viên" in page and 'name="override_reason"' in page
    client.post(reverse("training:enrol_person", args=[ntvd.pk]), {"person": member.pk})
    assert not Enrolment.objects.exists()
    client.post(reverse("training:enrol_person", args=[ntvd.pk]), {"person": member.pk, "override_reason": REASON})
    assert _warning_events(Enrolment.objects.get()).get().after["warning_reason"] == REASON


# The import -----------------------------------------------------------------------------------------
def _preview(world, klass, **choices):
    return preview_nominations(actor=world.officer_a, klass=klass, source=w.party_list(),
                               choices=Choices(skipped=BAD_ROWS, **choices), today=w.TODAY)


def test_the_preview_flags_party_members_as_a_warning_not_an_error(world, ntvd):
    preview = _preview(world, ntvd)
    for number, name in ((10, "Nguyễn Văn An"), (11, "Nguyễn Thị Hường")):
        row = preview.result.row(number)
        assert row.status == "warning" and not row.has_errors
        texts = [m.display for m in row.messages if m.level == "warning"]
        assert any(f"Dòng {number}, cột H" in t and f"{name} là đảng viên" in t for t in texts)
    assert not preview.blocked_rows and len(preview.summary()["needs_reason"]) == 2
    assert not preview.can_confirm
    assert _preview(world, ntvd, warning_reason=REASON).can_confirm


def test_confirming_needs_the_reason_then_audits_each_enrolment(world, ntvd):
    def run(**choices):
        return import_nominations(actor=world.officer_a, klass=ntvd, source=w.party_list(),
                                  choices=Choices(skipped=BAD_ROWS, **choices), today=w.TODAY, filename="ds.xlsx")

    with pytest.raises(ValidationError) as refused:
        run()
    messages = refused.value.message_dict["warning_reason"]
    assert any(m.startswith("Dòng 10:") and "Nguyễn Văn An là đảng viên" in m for m in messages)
    assert not Enrolment.objects.exists()
    outcome = run(warning_reason=REASON)
    assert len(outcome.enrolments) == 2
    for enrolment in outcome.enrolments:
        event = _warning_events(enrolment).get()
        assert event.after["warning_reason"] == REASON and "là đảng viên" in event.reason


def test_the_preview_page_asks_for_the_reason_and_keeps_it(client, world, ntvd, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.officer_a)
    file = io.BytesIO(w.party_list())
    file.name = "ds.xlsx"
    preview_url = client.post(reverse("training:nomination_upload", args=[ntvd.pk]), {"file": file})["Location"]
    skip = [str(r) for r in BAD_ROWS]
    page = client.post(preview_url, {"action": "preview", "skip": skip}).content.decode()
    assert "data-warnings" in page and 'name="warning_reason"' in page and "Nguyễn Văn An là đảng viên" in page
    refused = client.post(preview_url, {"action": "confirm", "skip": skip})
    assert refused.status_code == 200 and not Enrolment.objects.exists()
    reopened = client.post(preview_url, {"action": "preview", "skip": skip, "warning_reason": REASON})
    assert REASON in reopened.content.decode()
    done = client.post(preview_url, {"action": "confirm", "skip": skip, "warning_reason": REASON})
    assert done.status_code == 302 and Enrolment.objects.count() == 2


# The API --------------------------------------------------------------------------------------------
def test_api_enrolment_names_the_warning_then_takes_the_reason(client, world, ntvd, member):
    url = f"/api/training/classes/{ntvd.pk}/enrolments"
    refused = client.post(url, {"person_id": member.pk}, content_type="application/json", **_auth(world.officer_a))
    assert refused.status_code == 422
    body = refused.json()
    assert body["reason_field"] == "warning_reason"
    assert body["warnings"] == [_findings(ntvd, member)[0].text]
    assert "Nguyễn Thị Hường là đảng viên" in body["message"] and "warning_reason" in body["message"]
    assert not Enrolment.objects.exists()
    done = client.post(url, {"person_id": member.pk, "warning_reason": REASON}, content_type="application/json",
                       **_auth(world.officer_a))
    assert done.status_code == 201
    assert _warning_events(Enrolment.objects.get(pk=done.json()["id"])).get().after["warning_reason"] == REASON


def test_api_import_preview_flags_the_rows_and_the_commit_needs_the_reason(client, world, ntvd):
    base = f"/api/training/classes/{ntvd.pk}/nominations"
    options = {"skip_rows": "13,14,16"}

    def post(path, **extra):
        upload = SimpleUploadedFile("ds.xlsx", w.party_list())
        return client.post(f"{base}/{path}", {"file": upload, **options, **extra}, **_auth(world.officer_a))

    preview = post("preview")
    assert preview.status_code == 200
    rows = {r["row"]: r for r in preview.json()["rows"]}
    assert rows[10]["status"] == "warning" and any("Nguyễn Văn An là đảng viên" in m for m in rows[10]["messages"])
    assert len(preview.json()["summary"]["needs_reason"]) == 2
    refused = post("import")
    assert refused.status_code == 422 and len(refused.json()["warnings"]) == 2
    assert not Enrolment.objects.exists()
    done = post("import", warning_reason=REASON)
    assert done.status_code == 201 and Enrolment.objects.count() == 2
    assert all(_warning_events(e).get().after["warning_reason"] == REASON for e in Enrolment.objects.all())


def test_the_command_needs_the_reason_too(capsys, world, ntvd, tmp_path):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(w.party_list())
    args = ["import_nominations", ntvd.code, str(path), "--skip-rows", "13,14,16", "--today", "2026-03-12"]
    with pytest.raises(CommandError) as refused:
        call_command(*args)
    assert "Nguyễn Văn An là đảng viên" in str(refused.value) and not Enrolment.objects.exists()
    call_command(*args, "--warning-reason", REASON)
    assert Enrolment.objects.filter(klass=ntvd).count() == 2
