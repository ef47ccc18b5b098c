"""Eligibility rules and the one-learner workflows: enrol by search, move, withdraw."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from tests import factories as f
from training.models import Enrolment, Klass
from training.nominations.enrolment import enrol_person, move_enrolment, withdraw_enrolment
from training.nominations.rules import Candidate, Eligibility, Rule, add_months
from training.tests.factories import nominations as s

pytestmark = pytest.mark.django_db


def _rules(klass, person, **kwargs):
    found = Eligibility(klass).assess([Candidate(person.pk, person_id=person.pk, **kwargs)])[person.pk]
    return {finding.rule for finding in found.findings}


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 6, 15), 12) == dt.date(2026, 6, 15)


def test_eligible_person_has_no_findings(world):
    klass = s.klass(world.centre_a, s.programme())
    assert _rules(klass, world.person_a) == set()


def test_already_completed_same_version_blocks_but_resit_or_new_version_allows(world):
    version = s.programme("DVM")
    s.completed(world.person_a, s.klass(world.centre_a, version, status=Klass.Status.CLOSED))
    assert _rules(s.klass(world.centre_a, version), world.person_a) == {Rule.ALREADY_COMPLETED}
    assert _rules(s.klass(world.centre_a, version, is_resit=True), world.person_a) == set()
    newer = s.programme("DVM", version_number=2)
    assert _rules(s.klass(world.centre_a, newer), world.person_a) == set()


def test_a_failed_attempt_does_not_count_as_completed(world):
    version = s.programme()
    s.completed(world.person_a, s.klass(world.centre_a, version, status=Klass.Status.CLOSED), completed=False)
    assert _rules(s.klass(world.centre_a, version), world.person_a) == set()


def test_prerequisite_programme_must_be_completed_first(world):
    basic = s.programme("SCLLCT")
    middle = s.programme("TCLLCT", requires=basic.programme)
    target = s.klass(world.centre_a, middle)
    assert _rules(target, world.person_a) == {Rule.PREREQUISITE}
    s.completed(world.person_a, s.klass(world.centre_b, basic, status=Klass.Status.CLOSED))
    assert _rules(target, world.person_a) == set()


@pytest.mark.parametrize("admission, expected", [
    (None, {Rule.ADMISSION_WINDOW}),
    (dt.date(2025, 6, 1), set()),  # the class (April 2026) is inside the 12 months
    (dt.date(2025, 3, 1), {Rule.ADMISSION_WINDOW}),  # the window closed on 01/03/2026
    (dt.date(2026, 5, 1), {Rule.ADMISSION_WINDOW}),  # admitted after the class ends
])
def test_party_admission_window(world, admission, expected):
    klass = s.klass(world.centre_a, s.programme(window_months=12))
    world.person_a.party_admission_date = admission
    world.person_a.is_party_member = admission is not None
    world.person_a.save()
    assert _rules(klass, world.person_a) == expected


def test_admission_date_from_the_file_is_preferred(world):
    klass = s.klass(world.centre_a, s.programme(window_months=12))
    assert _rules(klass, world.person_a, party_admission_date=dt.date(2025, 9, 1)) == set()


def test_capacity_counts_active_enrolments_only(world):
    klass = s.klass(world.centre_a, s.programme(), capacity=1)
    Enrolment.objects.create(klass=klass, person=world.person_b, status=Enrolment.Status.WITHDRAWN)
    assert _rules(klass, world.person_a) == set()
    Enrolment.objects.create(klass=klass, person=world.person_c)
    assert _rules(klass, world.person_a) == {Rule.CAPACITY}


def test_overlapping_class_only_warns(world):
    version = s.programme()
    other = s.klass(world.centre_b, version)
    Enrolment.objects.create(klass=other, person=world.person_a)
    klass = s.klass(world.centre_a, version)
    assert _rules(klass, world.person_a) == {Rule.OVERLAP}
    assert enrol_person(actor=world.officer_a, klass=klass, person=world.person_a).status == "enrolled"


def test_assessing_many_people_takes_a_constant_number_of_queries(world, django_assert_max_num_queries):
    basic = s.programme()
    klass = s.klass(world.centre_a, s.programme(window_months=12, requires=basic.programme))
    people = [f.PersonFactory(centre=world.centre_a) for _ in range(30)]
    rules = Eligibility(klass)
    with django_assert_max_num_queries(6):
        found = rules.assess([Candidate(p.pk, person_id=p.pk) for p in people])
    assert len(found) == 30 and all(Rule.PREREQUISITE in {x.rule for x in a.findings} for a in found.values())


# Enrol one person ----------------------------------------------------------------------------------
def test_enrol_person_writes_enrolment_and_audit(world):
    klass = s.klass(world.centre_a, s.programme())
    enrolment = enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    assert enrolment.status == Enrolment.Status.ENROLLED and enrolment.override_reason == ""
    event = AuditEvent.objects.for_object(enrolment).get()
    assert event.action == "create" and event.actor == world.officer_a


def test_ineligible_person_is_refused_without_a_reason_and_nothing_changes(world):
    klass = s.klass(world.centre_a, s.programme(window_months=12))
    with pytest.raises(ValidationError) as error:
        enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    assert error.value.code == "ineligible"
    assert not Enrolment.objects.exists() and not AuditEvent.objects.filter(object_type="training.enrolment").exists()


def test_override_needs_a_reason_and_is_audited(world):
    klass = s.klass(world.centre_a, s.programme(window_months=12))
    enrolment = enrol_person(actor=world.officer_a, klass=klass, person=world.person_a,
                             override_reason="Quyết định kết nạp đang chờ cập nhật")
    assert enrolment.override_reason == "Quyết định kết nạp đang chờ cập nhật"
    override = AuditEvent.objects.for_object(enrolment).get(action="other")
    assert override.after["overridden_rules"] == [Rule.ADMISSION_WINDOW]
    assert override.reason == "Quyết định kết nạp đang chờ cập nhật"


def test_already_enrolled_cannot_be_overridden(world):
    klass = s.klass(world.centre_a, s.programme())
    enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    with pytest.raises(ValidationError) as error:
        enrol_person(actor=world.officer_a, klass=klass, person=world.person_a, override_reason="x")
    assert error.value.code == "already_enrolled"
    assert Enrolment.objects.count() == 1


@pytest.mark.parametrize("status", [Klass.Status.PLANNED, Klass.Status.RESULTS_APPROVED, Klass.Status.CLOSED])
def test_class_not_accepting_refuses(world, status):
    klass = s.klass(world.centre_a, s.programme(), status=status)
    with pytest.raises(ValidationError) as error:
        enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    assert error.value.code == "class_not_accepting" and not Enrolment.objects.exists()


@pytest.mark.parametrize("persona", ["viewer_a", "officer_b", "lecturer_a", "learner_a", "supervisor"])
def test_only_the_centres_editors_enrol(world, persona):
    klass = s.klass(world.centre_a, s.programme())
    with pytest.raises(PermissionDenied):
        enrol_person(actor=getattr(world, persona), klass=klass, person=world.person_a)
    assert not Enrolment.objects.exists()


# Withdraw and move --------------------------------------------------------------------------------
def test_withdraw_needs_a_reason_and_reenrolling_reactivates(world):
    klass = s.klass(world.centre_a, s.programme())
    enrolment = enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    with pytest.raises(ValidationError):
        withdraw_enrolment(actor=world.officer_a, enrolment=enrolment, reason="  ")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    withdraw_enrolment(actor=world.officer_a, enrolment=enrolment, reason="Ốm dài ngày")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.WITHDRAWN and enrolment.status_reason == "Ốm dài ngày"
    again = enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    assert again.pk == enrolment.pk and again.status == Enrolment.Status.ENROLLED
    assert Enrolment.objects.count() == 1


def test_withdraw_refused_after_results_are_approved(world):
    klass = s.klass(world.centre_a, s.programme())
    enrolment = enrol_person(actor=world.officer_a, klass=klass, person=world.person_a)
    Klass.objects.filter(pk=klass.pk).update(status=Klass.Status.RESULTS_APPROVED)
    enrolment.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        withdraw_enrolment(actor=world.officer_a, enrolment=enrolment, reason="muộn")
    assert error.value.code == "results_locked"


def test_move_to_another_class(world):
    version = s.programme()
    source = s.klass(world.centre_a, version)
    target = s.klass(world.centre_a, version, start=dt.date(2026, 5, 4), end=dt.date(2026, 5, 8))
    enrolment = enrol_person(actor=world.officer_a, klass=source, person=world.person_a)
    moved = move_enrolment(actor=world.officer_a, enrolment=enrolment, to_klass=target, reason="Trùng lịch công tác")
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.MOVED and enrolment.moved_to == target
    assert moved.klass == target and moved.status == Enrolment.Status.ENROLLED
    assert AuditEvent.objects.for_object(enrolment).filter(action="update").exists()


def test_move_to_a_full_class_is_refused_and_nothing_changes(world):
    version = s.programme()
    source = s.klass(world.centre_a, version)
    target = s.klass(world.centre_a, version, capacity=1)
    Enrolment.objects.create(klass=target, person=world.person_b)
    enrolment = enrol_person(actor=world.officer_a, klass=source, person=world.person_a)
    with pytest.raises(ValidationError) as error:
        move_enrolment(actor=world.officer_a, enrolment=enrolment, to_klass=target, reason="x")
    assert error.value.code == "ineligible"
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED and target.enrolments.count() == 1


def test_move_to_another_centres_class_is_forbidden(world):
    version = s.programme()
    enrolment = enrol_person(actor=world.officer_a, klass=s.klass(world.centre_a, version), person=world.person_a)
    with pytest.raises(PermissionDenied):
        move_enrolment(actor=world.officer_a, enrolment=enrolment, to_klass=s.klass(world.centre_b, version),
                       reason="x")
