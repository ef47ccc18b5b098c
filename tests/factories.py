"""factory_boy factories for the domain, shared by every app's tests."""

from __future__ import annotations

import datetime as dt
import itertools

import factory

from accounts.models import Role, RoleAssignment, User
from org.models import AdministrativeUnit, Centre, CentreName, SendingOrganisation
from people.models import Lecturer, Person, StaffAssignment
from people.national_id import make_valid_id

_serial = itertools.count(1)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{90 + n % 9:02d}{n}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    level = AdministrativeUnit.Level.PROVINCE


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"C{n:05d}")
    name = factory.Sequence(lambda n: f"Xã Số {n}")
    level = AdministrativeUnit.Level.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Centre
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TT{n:03d}")
    name = factory.Sequence(lambda n: f"Trung tâm Chính trị số {n}")
    level = Centre.Level.COMMUNE_CLUSTER
    province = factory.SubFactory(ProvinceFactory)

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            obj.refresh_search()
            obj.save(update_fields=["search_text", "sort_key"])
            CentreName.objects.create(centre=obj, name=obj.name, valid_from=dt.date(2025, 7, 1))


class SendingOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SendingOrganisation

    name = factory.Sequence(lambda n: f"Đảng ủy xã Số {n}")
    kind = SendingOrganisation.Kind.PARTY_COMMITTEE
    centre = factory.SubFactory(CentreFactory)
    province = factory.LazyAttribute(lambda o: o.centre.province if o.centre else ProvinceFactory())


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family_name = "Nguyễn"
    middle_name = "Văn"
    given_name = factory.Iterator(["An", "Bình", "Cường", "Dũng", "Hùng", "Khánh", "Long", "Minh"])
    gender = "male"
    date_of_birth = dt.date(1990, 5, 17)
    national_id = factory.LazyAttribute(lambda o: make_valid_id("001", o.gender, o.date_of_birth.year, next(_serial)))
    centre = factory.SubFactory(CentreFactory)


class StaffAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffAssignment

    centre = factory.SubFactory(CentreFactory)
    person = factory.SubFactory(PersonFactory, centre=factory.SelfAttribute("..centre"))
    position = StaffAssignment.Position.OFFICER
    start_date = dt.date(2025, 7, 1)


class LecturerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lecturer

    centre = factory.SubFactory(CentreFactory)
    person = factory.SubFactory(PersonFactory, centre=factory.SelfAttribute("..centre"))
    kind = Lecturer.Kind.FULL_TIME
    topics = "Lịch sử Đảng\nĐiều lệ Đảng"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Người dùng"
    password = factory.PostGenerationMethodCall("set_password", "matkhau-thu-nghiem")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def grant(user: User, role: str, *, centre: Centre | None = None, province: AdministrativeUnit | None = None) -> User:
    RoleAssignment.objects.create(user=user, role=role, centre=centre, province=province)
    return user


__all__ = [
    "CentreFactory", "CommuneFactory", "LecturerFactory", "PersonFactory", "ProvinceFactory", "Role",
    "SendingOrganisationFactory", "StaffAssignmentFactory", "UserFactory", "grant",
]
