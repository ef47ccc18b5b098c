"""Issuing, numbering, revocation and re-issue of certificates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from certificates import services
from certificates.models import Certificate, CertificateRegister
from core.models import AuditEvent
from curriculum.choices import CertificateType
from training.tests.factories.results import approved_class, enrolments, fill_scores, make_class, staff_the_centre

ISSUED = dt.date(2026, 3, 20)


def test_completers_get_consecutive_numbers_and_frozen_data(world):
    staff_the_centre(world)
    klass = approved_class(world, learners=3, scores=[[9, 9], [7, 7], [2, 2]])
    issued = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    assert [c.number for c in issued] == [1, 2]
    register = CertificateRegister.objects.get(centre=world.centre_a, year=2026)
    assert register.next_number == 3
    completed = {e.person.full_name: e for e in enrolments(klass) if e.result.completed}
    assert {c.learner_name for c in issued} == set(completed)
    first = issued[0]
    assert first.signer_name == "Đỗ Minh Trí" and first.place == "Yên Sơn" and first.signer_title == "GIÁM ĐỐC"
    assert first.programme_name == klass.version.programme.name and first.class_code == klass.code
    assert {c.classification for c in issued} == {"Xuất sắc", "Khá"}
    assert first.number_label == "0001/2026"
    assert first.host_line == "ĐẢNG ỦY XÃ YÊN SƠN" and first.class_name == klass.name
    data = services.certificate_data(issued, verify_url=lambda code: f"https://ttct.example/v/{code}/")
    assert data[0].host_line == "ĐẢNG ỦY XÃ YÊN SƠN" and data[0].verification_url.endswith(f"/{first.code}/")
    # the issuing body as on every document of the centre (its heading, from the host committee)
    assert data[0].centre_name == "TRUNG TÂM CHÍNH TRỊ" and data[0].number == "0001/2026"
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.ISSUE, object_type="certificates.certificate").count() == 2
    )


def test_a_deputy_signs_for_the_director(world):
    klass = approved_class(world, learners=1)
    issued = services.issue_certificates(
        actor=world.officer_a,
        klass=klass,
        issued_on=ISSUED,
        signer_capacity="KT. GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_name="Hà Văn Phó",
    )
    data = services.certificate_data(issued, verify_url=str)
    assert data[0].signer_capacity == ("KT. GIÁM ĐỐC",) and data[0].signer_title == "PHÓ GIÁM ĐỐC"


def test_numbers_continue_across_classes_and_restart_each_year(world):
    one = approved_class(world, learners=2)
    two = approved_class(world, learners=2)
    services.issue_certificates(actor=world.officer_a, klass=one, issued_on=ISSUED)
    second = services.issue_certificates(actor=world.officer_a, klass=two, issued_on=ISSUED)
    assert [c.number for c in second] == [3, 4]
    three = approved_class(world, learners=1)
    next_year = services.issue_certificates(actor=world.officer_a, klass=three, issued_on=dt.date(2027, 1, 5),
                                               warning_reason="Cấp đầu năm sau")
    assert next_year[0].number == 1 and next_year[0].register.year == 2027


def test_issuing_again_only_covers_those_without_a_certificate(world):
    klass = approved_class(world, learners=2)
    services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    with pytest.raises(ValidationError) as caught:
        services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    assert caught.value.code == "nothing_to_issue"
    assert Certificate.objects.count() == 2
    assert CertificateRegister.objects.get().next_number == 3


def test_a_non_completer_is_refused_by_name_and_nothing_changes(world):
    klass = approved_class(world, learners=2, scores=[[9, 9], [2, 2]])
    failed = next(e for e in enrolments(klass) if not e.result.completed)
    passed = next(e for e in enrolments(klass) if e.result.completed)
    with pytest.raises(ValidationError) as caught:
        services.issue_certificates(
            actor=world.officer_a, klass=klass, enrolment_ids=[passed.pk, failed.pk], issued_on=ISSUED
        )
    assert failed.person.full_name in " ".join(caught.value.messages)
    assert Certificate.objects.count() == 0
    assert not CertificateRegister.objects.filter(next_number__gt=1).exists()


def test_certificates_wait_for_approved_results(world):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[9, 9]])
    with pytest.raises(ValidationError) as caught:
        services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    assert caught.value.code == "results_not_approved"
    assert Certificate.objects.count() == 0


def test_programmes_without_certificates_issue_none(world):
    klass = approved_class(world, learners=1, certificate_type=CertificateType.NONE)
    with pytest.raises(ValidationError):
        services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)


def test_issue_date_before_the_class_is_refused(world):
    klass = approved_class(world, learners=1)
    with pytest.raises(ValidationError):
        services.issue_certificates(
            actor=world.officer_a, klass=klass, issued_on=klass.start_date - dt.timedelta(days=1)
        )
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("persona", ["officer_b", "viewer_a", "supervisor", "learner_a", "lecturer_a"])
def test_only_the_centres_editors_issue(world, persona):
    klass = approved_class(world, learners=1)
    with pytest.raises(PermissionDenied):
        services.issue_certificates(actor=getattr(world, persona), klass=klass, issued_on=ISSUED)
    assert Certificate.objects.count() == 0


def test_revoke_needs_a_reason_and_keeps_the_number(world):
    klass = approved_class(world, learners=1)
    certificate = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)[0]
    with pytest.raises(ValidationError):
        services.revoke_certificate(actor=world.officer_a, certificate=certificate, reason=" ")
    assert Certificate.objects.get(pk=certificate.pk).status == Certificate.Status.VALID
    services.revoke_certificate(actor=world.director_a, certificate=certificate, reason="Cấp nhầm người")
    revoked = Certificate.objects.get(pk=certificate.pk)
    assert revoked.status == Certificate.Status.REVOKED and revoked.revoked_by == world.director_a
    assert revoked.revoked_reason == "Cấp nhầm người" and revoked.number == 1
    event = AuditEvent.objects.get(action=AuditEvent.Action.REVOKE)
    assert event.reason == "Cấp nhầm người" and event.before["status"] == "valid"
    with pytest.raises(ValidationError):
        services.revoke_certificate(actor=world.director_a, certificate=revoked, reason="again")


def test_reissue_gives_a_new_number_with_current_data(world):
    klass = approved_class(world, learners=2)
    old = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)[0]
    person = old.enrolment.person
    person.given_name = "Anh"
    person.save()
    new = services.reissue_certificate(actor=world.officer_a, certificate=old, reason="Sửa tên theo CCCD")
    old.refresh_from_db()
    assert old.status == Certificate.Status.REVOKED and "Sửa tên theo CCCD" in old.revoked_reason
    assert new.replaces == old and new.number == 3 and new.learner_name.endswith("Anh")
    assert new.status == Certificate.Status.VALID
    with pytest.raises(ValidationError) as caught:
        services.reissue_certificate(actor=world.officer_a, certificate=old, reason="again")
    assert caught.value.code == "already_reissued"
    assert Certificate.objects.count() == 3


def test_reissue_refuses_when_the_learner_no_longer_completes(world):
    from training.models import Score
    from training.results.services import correct_score

    klass = approved_class(world, learners=1)
    certificate = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)[0]
    score = Score.objects.filter(enrolment=certificate.enrolment).first()
    correct_score(actor=world.officer_a, score=score, value="0", reason="Gian lận")
    with pytest.raises(ValidationError):
        services.reissue_certificate(actor=world.officer_a, certificate=certificate, reason="Mất")
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().status == Certificate.Status.VALID


def test_register_entries_keep_revoked_lines(world):
    klass = approved_class(world, learners=2)
    first, _second = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=ISSUED)
    new = services.reissue_certificate(actor=world.officer_a, certificate=first, reason="Mất")
    entries = services.register_entries(CertificateRegister.objects.get())
    assert [e.number for e in entries] == ["0001/2026", "0002/2026", "0003/2026"]
    assert entries[0].replaced_by == new.number_label and entries[0].revoked_on is not None
    assert entries[2].replaces == "0001/2026"
    assert "Đã thu hồi" in entries[0].notes
