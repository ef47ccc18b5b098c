"""Coordination agreements: dates, expiry warnings with a frozen clock, classes and learners per year,
and the counterparts that send learners without an agreement in force."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEvent
from curriculum.choices import Category, VersionStatus
from curriculum.models import Programme, ProgrammeVersion
from org import agreements
from org.models import CoordinationAgreement
from tests import factories as f

pytestmark = pytest.mark.django_db
Klass = CoordinationAgreement._meta.get_field("classes").related_model
Enrolment = Klass._meta.get_field("enrolments").related_model


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the clock at noon (Hà Nội) of the given day."""
    def freeze(day: dt.date):
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        monkeypatch.setattr(timezone, "now", lambda: moment)
    return freeze


def _agreement(world, counterpart=None, **kw):
    values = dict(centre=world.centre_a, title="Quy chế phối hợp", document_number="01-QC/TTCT-BCHQS",
                  signed_on=dt.date(2025, 1, 5), valid_from=dt.date(2025, 1, 5), valid_to=dt.date(2026, 12, 31))
    values.update(kw)
    counterpart = counterpart or f.SendingOrganisationFactory(centre=world.centre_a, name="Ban Chỉ huy Quân sự xã",
                                                             kind="military")
    return agreements.save_agreement(actor=world.officer_a,
                                     agreement=CoordinationAgreement(counterpart=counterpart, **values))


def _class(world, start, agreement=None, learners=()):
    prog = Programme.objects.get_or_create(code="QP4", defaults=dict(
        name="Bồi dưỡng kiến thức quốc phòng – an ninh", category=Category.POLITICAL_THEORY))[0]
    version = ProgrammeVersion.objects.get_or_create(programme=prog, number=1,
                                                     defaults=dict(status=VersionStatus.PUBLISHED))[0]
    k = Klass.objects.create(centre=world.centre_a, version=version, code=f"QP-{start:%Y%m%d}", name="Lớp QP",
                             start_date=start, end_date=start + dt.timedelta(days=3), agreement=agreement)
    for person, org, status in learners:
        Enrolment.objects.create(klass=k, person=person, sending_organisation=org, status=status)
    return k


def test_an_agreement_that_ends_before_it_starts_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as error:
        _agreement(world, valid_from=dt.date(2026, 5, 1), valid_to=dt.date(2026, 4, 30))
    assert error.value.message_dict["valid_to"] == [
        "Ngày hết hiệu lực (30/04/2026) trước ngày bắt đầu hiệu lực (01/05/2026)."]
    assert not CoordinationAgreement.objects.exists()


def test_save_is_audited_and_scoped(world):
    agreement = _agreement(world)
    assert AuditEvent.objects.for_object(agreement).filter(action="create").exists()
    agreement.valid_to = dt.date(2027, 12, 31)
    with pytest.raises(PermissionDenied):
        agreements.save_agreement(actor=world.officer_b, agreement=agreement)
    with pytest.raises(PermissionDenied):
        agreements.save_agreement(actor=world.viewer_a, agreement=agreement)
    other = f.SendingOrganisationFactory(centre=world.centre_b, name="Hội Nông dân xã Hàm Yên")
    with pytest.raises(ValidationError) as error:
        _agreement(world, counterpart=other, document_number="02")
    assert "counterpart" in error.value.message_dict


def test_expiry_warning_sixty_days_before_with_a_frozen_clock(client, world, frozen):
    agreement = _agreement(world, valid_to=dt.date(2026, 12, 31))
    client.force_login(world.officer_a)
    frozen(dt.date(2026, 11, 1))  # 60 days before the end
    assert list(agreements.expiring_agreements(world.officer_a, timezone.localdate())) == [agreement]
    page = client.get(reverse("org:agreement_detail", args=[agreement.pk])).content.decode()
    assert "còn 60 ngày nữa hết hiệu lực" in page
    assert "Quy chế sắp hết hiệu lực trong 60 ngày" in client.get(reverse("org:agreement_list")).content.decode()
    frozen(dt.date(2026, 10, 31))  # 61 days before: no warning yet
    assert not agreements.expiring_agreements(world.officer_a, timezone.localdate()).exists()
    assert agreement.status_on(timezone.localdate()) == "in_force"
    assert "hết hiệu lực" not in client.get(reverse("org:agreement_detail", args=[agreement.pk])).content.decode().split("<dl")[0]
    frozen(dt.date(2027, 1, 1))
    assert agreement.status_on(timezone.localdate()) == "expired"
    assert not agreements.expiring_agreements(world.officer_a, timezone.localdate()).exists()


def test_classes_and_learners_per_year_and_organisations_without_agreement(world, frozen):
    frozen(dt.date(2026, 6, 1))
    military = f.SendingOrganisationFactory(centre=world.centre_a, name="Ban Chỉ huy Quân sự xã", kind="military")
    front = f.SendingOrganisationFactory(centre=world.centre_a, name="Ủy ban MTTQ xã", kind="fatherland_front")
    agreement = _agreement(world, counterpart=military)
    people = [f.PersonFactory(centre=world.centre_a) for _ in range(5)]
    _class(world, dt.date(2025, 3, 2), agreement, [(people[0], military, "enrolled"), (people[1], military, "enrolled")])
    _class(world, dt.date(2026, 3, 2), agreement, [(people[2], military, "enrolled"), (people[3], military, "withdrawn")])
    _class(world, dt.date(2026, 4, 6), agreement, [(people[4], front, "enrolled"), (people[0], front, "enrolled")])
    _class(world, dt.date(2026, 5, 4), None, [(people[1], front, "enrolled")])
    assert agreements.classes_by_year(agreement) == [
        {"year": 2026, "classes": 2, "learners": 3}, {"year": 2025, "classes": 1, "learners": 2}]
    without = list(agreements.counterparts_without_agreement([world.centre_a.pk], timezone.localdate()))
    assert [(o.name, o.learners) for o in without] == [("Ủy ban MTTQ xã", 3)]
    # Once the military command's agreement has expired, it is listed too.
    frozen(dt.date(2027, 2, 1))
    names = {o.name for o in agreements.counterparts_without_agreement([world.centre_a.pk], timezone.localdate())}
    assert names == {"Ủy ban MTTQ xã", "Ban Chỉ huy Quân sự xã"}


def test_form_with_file_and_the_scoped_download(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    org = f.SendingOrganisationFactory(centre=world.centre_a, name="Hội Cựu chiến binh xã", kind="mass_organisation")
    client.force_login(world.officer_a)
    response = client.post(reverse("org:agreement_create"), {
        "centre": world.centre_a.pk, "counterpart": org.pk, "title": "Quy chế phối hợp", "document_number": "05-QC",
        "signed_on": "10/01/2026", "valid_from": "10/01/2026", "valid_to": "09/01/2031",
        "file": SimpleUploadedFile("quy-che.pdf", b"%PDF-1.4 signed", content_type="application/pdf"),
    })
    agreement = CoordinationAgreement.objects.get()
    assert response["Location"] == reverse("org:agreement_detail", args=[agreement.pk])
    download = client.get(reverse("org:agreement_file", args=[agreement.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed"
    client.force_login(world.officer_b)
    assert client.get(reverse("org:agreement_file", args=[agreement.pk])).status_code == 404
    client.force_login(world.officer_a)
    bad = client.post(reverse("org:agreement_create"), {
        "centre": world.centre_a.pk, "counterpart": org.pk, "title": "Quy chế", "document_number": "06-QC",
        "signed_on": "10/01/2026", "valid_from": "10/01/2026", "valid_to": "09/01/2025"})
    assert bad.status_code == 200 and "trước ngày bắt đầu hiệu lực" in bad.content.decode()
    assert CoordinationAgreement.objects.count() == 1


def test_class_form_links_a_class_to_the_agreement(client, world):
    agreement = _agreement(world)
    k = _class(world, dt.date(2026, 9, 7))
    client.force_login(world.officer_a)
    form = client.get(reverse("training:class_edit", args=[k.pk])).context["form"]
    assert list(form.fields["agreement"].queryset) == [agreement]
