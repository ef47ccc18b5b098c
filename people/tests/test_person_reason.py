"""A person edit keeps its reason in the audit, with the values before and after."""

import pytest
from django.urls import reverse

from core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_reason_of_an_edit_is_audited_with_before_and_after(client, world):
    person = world.person_a
    client.force_login(world.officer_a)
    url = reverse("people:person_edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {name: ("" if value is None else value) for name, value in form.initial.items()
            if name in form.fields and value is not None}
    data.update(position="Phó Bí thư", reason="Theo quyết định số 15-QĐ/ĐU", date_of_birth=person.date_of_birth.strftime("%d/%m/%Y"))
    data["centre"] = person.centre_id
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    event = AuditEvent.objects.filter(object_id=str(person.pk), action=AuditEvent.Action.UPDATE).latest("pk")
    assert event.reason == "Theo quyết định số 15-QĐ/ĐU"
    assert event.after["position"] == "Phó Bí thư" and event.before["position"] != "Phó Bí thư"
