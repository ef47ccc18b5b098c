import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from org import services
from org.models import Centre, SendingOrganisation
from tests import factories as f


@pytest.mark.django_db
def test_rename_keeps_old_name_in_history(world):
    services.rename_centre(actor=world.supervisor, centre=world.centre_a, new_name="Trung tâm Chính trị xã Yên Sơn mới",
                           valid_from=dt.date(2026, 1, 1), decision="QĐ 5-QĐ/TU")
    names = list(world.centre_a.names.order_by("valid_from").values_list("name", "valid_to"))
    assert names == [("Trung tâm Chính trị xã Yên Sơn", dt.date(2025, 12, 31)),
                     ("Trung tâm Chính trị xã Yên Sơn mới", None)]
    world.centre_a.refresh_from_db()
    assert world.centre_a.name == "Trung tâm Chính trị xã Yên Sơn mới"
    assert AuditEvent.objects.for_object(world.centre_a).filter(action="update").exists()


@pytest.mark.django_db
def test_rename_refuses_earlier_date_and_director(world):
    with pytest.raises(ValidationError):
        services.rename_centre(actor=world.supervisor, centre=world.centre_a, new_name="X", valid_from=dt.date(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        services.rename_centre(actor=world.director_a, centre=world.centre_a, new_name="X", valid_from=dt.date(2027, 1, 1))
    assert world.centre_a.names.count() == 1


@pytest.mark.django_db
def test_rename_through_page(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("org:centre_rename", args=[world.centre_a.pk]),
                           {"new_name": "Trung tâm Chính trị xã Yên Sơn (mới)", "valid_from": "01/01/2026"})
    assert response.status_code == 302
    assert world.centre_a.names.count() == 2
    response = client.post(reverse("org:centre_rename", args=[world.centre_a.pk]),
                           {"new_name": "Tên sai ngày", "valid_from": "01/01/2020"})
    assert response.status_code == 200 and "valid_from" in response.context["form"].errors
    assert world.centre_a.names.count() == 2


@pytest.mark.django_db
def test_service_area_is_dated_and_scoped(world):
    commune = f.CommuneFactory(parent=world.province)
    link = services.add_service_area(actor=world.supervisor, centre=world.centre_a, unit=commune,
                                     valid_from=dt.date(2025, 7, 1))
    with pytest.raises(ValidationError):
        services.add_service_area(actor=world.supervisor, centre=world.centre_a, unit=commune, valid_from=None)
    services.end_service_area(actor=world.supervisor, link=link, valid_to=dt.date(2026, 6, 30))
    assert world.centre_a.service_area.current(dt.date(2026, 1, 1)).count() == 1
    assert world.centre_a.service_area.current(dt.date(2026, 7, 1)).count() == 0
    outside = f.CommuneFactory(parent=world.other_province)
    with pytest.raises(ValidationError):
        services.add_service_area(actor=world.supervisor, centre=world.centre_a, unit=outside, valid_from=None)


@pytest.mark.django_db
def test_host_change_is_dated(world):
    services.change_host(actor=world.supervisor, centre=world.centre_a, committee_name="Đảng ủy xã Yên Sơn",
                         valid_from=dt.date(2025, 7, 1))
    services.change_host(actor=world.supervisor, centre=world.centre_a, committee_name="Đảng ủy xã Yên Sơn mới",
                         valid_from=dt.date(2026, 1, 1))
    hosts = list(world.centre_a.hosts.order_by("valid_from").values_list("committee_name", "valid_to"))
    assert hosts == [("Đảng ủy xã Yên Sơn", dt.date(2025, 12, 31)), ("Đảng ủy xã Yên Sơn mới", None)]


@pytest.mark.django_db
def test_sending_org_cannot_sit_under_itself(world):
    parent = f.SendingOrganisationFactory(centre=world.centre_a, name="Đảng ủy xã A")
    child = f.SendingOrganisationFactory(centre=world.centre_a, name="Chi bộ thôn 1", parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError) as error:
        services.save_sending_organisation(actor=world.officer_a, organisation=parent)
    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_sending_org_duplicate_name_rejected(world):
    f.SendingOrganisationFactory(centre=world.centre_a, name="Hội Phụ nữ xã")
    duplicate = SendingOrganisation(name="hội phụ nữ xã", kind="mass_organisation", centre=world.centre_a,
                                    province=world.province)
    with pytest.raises(ValidationError):
        services.save_sending_organisation(actor=world.officer_a, organisation=duplicate)
    assert SendingOrganisation.objects.filter(name__iexact="hội phụ nữ xã").count() == 1


@pytest.mark.django_db
def test_delete_with_dependents_refused_and_nothing_changes(client, world):
    org = f.SendingOrganisationFactory(centre=world.centre_a, name="Đoàn Thanh niên xã")
    world.person_a.sending_organisation = org
    world.person_a.save()
    client.force_login(world.officer_a)
    response = client.post(reverse("org:sending_org_delete", args=[org.pk]), follow=True)
    assert SendingOrganisation.objects.filter(pk=org.pk).exists()
    assert "lưu trữ" in response.content.decode().lower()
    assert not AuditEvent.objects.filter(action="delete").exists()


@pytest.mark.django_db
def test_delete_unused_org_is_audited(world):
    org = f.SendingOrganisationFactory(centre=world.centre_a, name="Hội Nông dân xã")
    services.delete_sending_organisation(actor=world.officer_a, organisation=org)
    assert not SendingOrganisation.objects.filter(pk=org.pk).exists()
    assert AuditEvent.objects.get(action="delete").before["name"] == "Hội Nông dân xã"


@pytest.mark.django_db
def test_officer_of_b_cannot_touch_a(world):
    org = f.SendingOrganisationFactory(centre=world.centre_a, name="Hội Cựu chiến binh xã")
    with pytest.raises(PermissionDenied):
        services.archive_sending_organisation(actor=world.officer_b, organisation=org)
    org.refresh_from_db()
    assert not org.archived


@pytest.mark.django_db
def test_create_centre_through_page(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("org:centre_create"), {
        "code": "tt-moi", "kind": "centre", "level": "commune_cluster", "province": world.province.pk,
        "status": "active", "name": "Trung tâm Chính trị xã Mới", "name_from": "01/07/2025",
        "host_committee": "Đảng ủy xã Mới",
    })
    assert response.status_code == 302
    centre = Centre.objects.get(code="TT-MOI")
    assert centre.names.get().valid_from == dt.date(2025, 7, 1)
    assert centre.hosts.get().committee_name == "Đảng ủy xã Mới"


@pytest.mark.django_db
def test_supervisor_cannot_create_centre_in_other_province(client, world):
    client.force_login(world.supervisor)
    response = client.post(reverse("org:centre_create"), {
        "code": "X1", "kind": "centre", "level": "commune_cluster", "province": world.other_province.pk,
        "status": "active", "name": "Trung tâm X",
    })
    assert response.status_code == 200  # the form refuses a province outside the scope
    assert "province" in response.context["form"].errors
    assert not Centre.objects.filter(code="X1").exists()


@pytest.mark.django_db
def test_predecessor_history_visible_from_successor(client, world):
    client.force_login(world.officer_a)
    html = client.get(reverse("org:centre_history", args=[world.centre_a.pk])).content.decode()
    assert world.centre_a0.name in html


@pytest.mark.django_db
def test_unit_edit_by_supervisor_is_audited(client, world):
    commune = f.CommuneFactory(parent=world.province, name="Xã Cũ")
    client.force_login(world.supervisor)
    response = client.post(reverse("org:unit_edit", args=[commune.pk]), {
        "code": commune.code, "name": "Xã Mới Đổi Tên", "level": "commune", "parent": world.province.pk,
        "valid_from": "01/07/2025",
    })
    assert response.status_code == 302
    commune.refresh_from_db()
    assert commune.name == "Xã Mới Đổi Tên"
    assert AuditEvent.objects.for_object(commune).get().before["name"] == "Xã Cũ"
