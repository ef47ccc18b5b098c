"""The catalogue API, mounted here on a test NinjaAPI whose auth yields the User as the lead's does."""

from __future__ import annotations

import pytest
from ninja import NinjaAPI
from ninja.security import django_auth
from ninja.testing import TestClient

from curriculum.api import router
from curriculum.models import Programme

pytestmark = pytest.mark.django_db

_api = NinjaAPI(urls_namespace="curriculum-api-test", auth=django_auth)
_api.add_router("/curriculum/", router, url_name_prefix="test")


@pytest.fixture
def api():
    return TestClient(_api)


def _get(api, path, user):
    return api.get(path, user=user) if user else api.get(path)


def test_anonymous_gets_401(api, world, catalogue):
    for path in ("/curriculum/programmes", f"/curriculum/programmes/{catalogue['DVM'].pk}",
                 "/curriculum/overlaps"):
        assert _get(api, path, None).status_code == 401


def test_list_is_paginated_and_scoped(api, world, catalogue, local_programme):
    body = _get(api, "/curriculum/programmes?page=1", world.officer_b).json()
    codes = {p["code"] for p in body["items"]}
    assert "LSDB-A" not in codes and "DVM" in codes and body["count"] == Programme.objects.count() - 1
    body = _get(api, "/curriculum/programmes?q=lich su dang bo", world.officer_a).json()
    assert [p["code"] for p in body["items"]] == ["LSDB-A"]


def test_out_of_scope_is_404(api, world, local_programme):
    programme, version = local_programme
    for path in (f"/curriculum/programmes/{programme.pk}", f"/curriculum/programmes/{programme.pk}/versions",
                 f"/curriculum/versions/{version.pk}", f"/curriculum/versions/{version.pk}/topics",
                 f"/curriculum/versions/{version.pk}/rules"):
        assert _get(api, path, world.officer_b).status_code == 404, path
        assert _get(api, path, world.officer_a).status_code == 200, path


def test_version_carries_topics_and_rules(api, world, catalogue):
    version = catalogue["DVM"].versions.get()
    body = _get(api, f"/curriculum/versions/{version.pk}", world.officer_a).json()
    assert len(body["topics"]) == 10 and body["total_periods"] == sum(t["total_periods"] for t in body["topics"])
    assert body["is_locked"] is True
    rules = body["rules"]
    assert rules["components"][0]["kind"] == "essay" and float(rules["components"][0]["weight"]) == 100
    assert [b["classification"] for b in rules["bands"]][0] == "excellent"
    assert rules["prerequisites"][0] == {"kind": "party_admission_window", "required_programme_code": None,
                                         "within_months": 12, "note": rules["prerequisites"][0]["note"]}
    tc = catalogue["TCLLCT-HC"].versions.get()
    rules = _get(api, f"/curriculum/versions/{tc.pk}/rules", world.officer_a).json()
    assert rules["prerequisites"][0]["required_programme_code"] == "SCLLCT"


def test_overlap_report(api, world, catalogue):
    body = _get(api, "/curriculum/overlaps", world.supervisor).json()
    assert body["topic_pairs"] and body["programme_pairs"]
    overlaps = [p["overlap_periods"] for p in body["programme_pairs"]]
    assert overlaps == sorted(overlaps, reverse=True)
    ids = [catalogue["DVM"].pk, catalogue["SCLLCT"].pk]
    body = _get(api, f"/curriculum/overlaps?programme={ids[0]}&programme={ids[1]}", world.supervisor).json()
    assert {(g["a_code"], g["b_code"]) for g in body["programme_pairs"]} == {("DVM", "SCLLCT")}
    assert _get(api, "/curriculum/overlaps?threshold=5", world.supervisor).status_code == 422
