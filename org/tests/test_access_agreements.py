"""Every coordination-agreement page and endpoint as every persona."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from org import agreements
from org.models import CoordinationAgreement
from tests import factories as f
from tests.access import expect, token_headers, walk

pytestmark = pytest.mark.django_db
NO_STAFF = dict(lecturer_a=403, learner_a=403)


def _agreement(world, centre, officer, name):
    org = f.SendingOrganisationFactory(centre=centre, name=name)
    return agreements.save_agreement(actor=officer, agreement=CoordinationAgreement(
        centre=centre, counterpart=org, title="Quy chế phối hợp", document_number=f"QC-{centre.code}",
        signed_on=dt.date(2026, 1, 2), valid_from=dt.date(2026, 1, 2)))



def test_every_agreement_page_as_every_persona(client, world):
    a = _agreement(world, world.centre_a, world.officer_a, "Hội Phụ nữ xã Yên Sơn")
    c = _agreement(world, world.centre_c, world.admin, "Hội Phụ nữ xã Hòa An")
    editors = dict(supervisor=403, viewer_a=403, **NO_STAFF)
    walk(client, world, [
        ("agreement list", reverse("org:agreement_list"), expect(200, **NO_STAFF)),
        ("agreement A", reverse("org:agreement_detail", args=[a.pk]), expect(200, officer_b=404, **NO_STAFF)),
        ("agreement C", reverse("org:agreement_detail", args=[c.pk]), expect(404, admin=200, **NO_STAFF)),
        ("agreement A edit", reverse("org:agreement_edit", args=[a.pk]), expect(200, officer_b=404, **editors)),
        ("agreement create", reverse("org:agreement_create"), expect(200, **editors)),
        ("agreement A file (none)", reverse("org:agreement_file", args=[a.pk]),
         expect(404, **NO_STAFF)),
    ])


def test_every_agreement_endpoint_as_every_persona(client, world):
    a = _agreement(world, world.centre_a, world.officer_a, "Hội Phụ nữ xã Yên Sơn")
    headers = token_headers(world)
    no_staff = dict(lecturer_a=403, learner_a=403, anonymous=401)
    walk(client, world, [
        ("api agreements", "/api/agreements", expect(200, **no_staff)),
        ("api agreement A", f"/api/agreements/{a.pk}", expect(200, officer_b=404, **no_staff)),
    ], headers=headers)
    listed = client.get("/api/agreements", **headers["officer_b"]).json()["items"]
    assert listed == []
    detail = client.get(f"/api/agreements/{a.pk}", **headers["viewer_a"]).json()
    assert detail["counterpart"] == "Hội Phụ nữ xã Yên Sơn" and detail["years"] == []
