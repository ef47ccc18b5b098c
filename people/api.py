"""Endpoints for the person registry. Citizen IDs and birth dates only for roles that need them."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from accounts.scope import scope_of
from core.api_types import PageNumberPagination
from org.models import Centre, SendingOrganisation
from people import services
from people.models import Person

router = Router(tags=["people"])

def _personal_resolver(name: str):
    """A resolver that hides a personal field from roles that must not see it."""

    def resolve(obj, context):
        value = getattr(obj, name) if isinstance(obj, Person) else obj.get(name)
        request = (context or {}).get("request")
        if request is None or not isinstance(obj, Person):
            return value
        scope = scope_of(request.auth)
        return value if scope.sees_personal_data or scope.person_id == obj.pk else None

    return staticmethod(resolve)


class PersonOut(Schema):
    id: int
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    ethnicity: str
    is_party_member: bool
    position: str
    workplace: str
    centre_id: int | None
    sending_organisation_id: int | None
    archived: bool
    # Present only for roles that see personal data; null otherwise.
    national_id: str | None = None
    legacy_id: bool | None = None
    date_of_birth: dt.date | None = None
    place_of_birth: str | None = None
    phone: str | None = None
    email: str | None = None

    @staticmethod
    def resolve_full_name(obj):
        return obj.full_name if isinstance(obj, Person) else obj["full_name"]

    resolve_national_id = _personal_resolver("national_id")
    resolve_legacy_id = _personal_resolver("legacy_id")
    resolve_date_of_birth = _personal_resolver("date_of_birth")
    resolve_place_of_birth = _personal_resolver("place_of_birth")
    resolve_phone = _personal_resolver("phone")
    resolve_email = _personal_resolver("email")


class PersonIn(Schema):
    family_name: str
    middle_name: str = ""
    given_name: str
    gender: str
    national_id: str | None = None
    date_of_birth: dt.date | None = None
    ethnicity: str = "Kinh"
    religion: str = ""
    is_party_member: bool = False
    party_admission_date: dt.date | None = None
    party_full_membership_date: dt.date | None = None
    position: str = ""
    workplace: str = ""
    centre_id: int
    sending_organisation_id: int | None = None
    phone: str = ""
    email: str = ""


@router.get("/persons", response=list[PersonOut])
@paginate(PageNumberPagination, page_size=50)
def list_persons(request, q: str | None = None, centre_id: int | None = None, archived: bool = False):
    scope = scope_of(request.auth)
    queryset = Person.objects.visible_to(request.auth).filter(archived=archived).order_by("sort_key", "id")
    if q:
        queryset = queryset.search(q, by_id=scope.sees_personal_data)
    if centre_id:
        queryset = queryset.filter(centre_id=centre_id)
    return queryset


@router.get("/persons/{person_id}", response=PersonOut)
def read_person(request, person_id: int):
    person = get_object_or_404(Person.objects.visible_to(request.auth), pk=person_id)
    return person


def _apply(person: Person, payload: PersonIn, user) -> Person:
    data = payload.dict()
    centre = get_object_or_404(Centre.objects.visible_to(user), pk=data.pop("centre_id"))
    org_id = data.pop("sending_organisation_id")
    organisation = get_object_or_404(SendingOrganisation.objects.visible_to(user), pk=org_id) if org_id else None
    for name, value in data.items():
        setattr(person, name, value if value is not None or name in ("national_id",) else getattr(person, name))
    person.centre = centre
    person.sending_organisation = organisation
    return person


@router.post("/persons", response={201: PersonOut})
def create_person(request, payload: PersonIn):
    person = _apply(Person(), payload, request.auth)
    services.save_person(actor=request.auth, person=person)
    return Status(201, person)


@router.put("/persons/{person_id}", response=PersonOut)
def update_person(request, person_id: int, payload: PersonIn):
    person = get_object_or_404(Person.objects.visible_to(request.auth), pk=person_id)
    services.save_person(actor=request.auth, person=_apply(person, payload, request.auth))
    return person
