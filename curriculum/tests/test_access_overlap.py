"""Every overlap page as every persona: 200 where the role allows, 403 in scope without the right, 404
outside the scope, 302 to the login page for anonymous visitors."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from ninja.testing import TestClient

from curriculum.exchange import excel
from curriculum.exchange.common import export_version
from curriculum.models import OverlapReview, Programme, StopPhrase
from curriculum.tests.conftest import make_content, make_programme
from curriculum.tests.test_api import _api
from tests.access import ALL, expect, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def overlap_objects(world):
    topics = make_content(titles=["Công tác dân vận ở cơ sở", "Lịch sử Đảng bộ xã"])
    _p, province_version = make_programme("TINH", owner_province=world.province, content=topics)
    _p, draft_a = make_programme("DRAFT-A", owner_centre=world.centre_a, content=topics, publish=False)
    _p, draft_c = make_programme("DRAFT-C", owner_centre=world.centre_c, content=topics, publish=False)
    return {"province": province_version, "draft_a": draft_a, "draft_c": draft_c,
            "topic_p": province_version.topics.first(), "topic_a": draft_a.topics.first(),
            "topic_c": draft_c.topics.first()}


def cases(world, o):
    readers = dict(lecturer_a=403, learner_a=403)
    analysts_a = dict(officer_b=404, viewer_a=403, lecturer_a=403, learner_a=403)
    return [
        ("overlap report", reverse("curriculum:overlap_report"), expect(200, **readers)),
        ("overlap matrix", reverse("curriculum:overlap_matrix"), expect(200, **readers)),
        ("overlap export", reverse("curriculum:overlap_export"), expect(200, **readers)),
        ("explained pair in scope", reverse("curriculum:overlap_pair", args=[o["topic_p"].pk, o["topic_a"].pk]),
         expect(200, officer_b=404, **readers)),
        ("explained pair out of scope",
         reverse("curriculum:overlap_pair", args=[o["topic_p"].pk, o["topic_c"].pk]),
         expect(404, admin=200, lecturer_a=403, learner_a=403)),
        ("draft A overlaps", reverse("curriculum:version_overlaps", args=[o["draft_a"].pk]),
         expect(200, **analysts_a)),
        ("draft A overlaps export", reverse("curriculum:version_overlaps_export", args=[o["draft_a"].pk]),
         expect(200, **analysts_a)),
        ("province version overlaps", reverse("curriculum:version_overlaps", args=[o["province"].pk]),
         expect(403, admin=200, supervisor=200)),
        ("draft C overlaps", reverse("curriculum:version_overlaps", args=[o["draft_c"].pk]), expect(404, admin=200)),
        ("detector rules", reverse("curriculum:overlap_rules"), expect(403, admin=200, supervisor=200)),
        ("import", reverse("curriculum:catalogue_import"),
         expect(403, admin=200, supervisor=200, director_a=200, officer_a=200, officer_b=200)),
    ]


def test_every_overlap_page_as_every_persona(client, world, overlap_objects):
    walk(client, world, cases(world, overlap_objects))
    assert set(world.personas()) == set(ALL)


def test_reviews_and_rule_changes_are_refused_without_the_right(client, world, overlap_objects):
    o = overlap_objects
    review = {"topic_a": o["topic_p"].pk, "topic_b": o["topic_a"].pk, "verdict": "real", "decision": "keep"}
    out_of_scope = {**review, "topic_b": o["topic_c"].pk}
    for persona in ("officer_a", "director_a", "viewer_a", "lecturer_a"):
        client.force_login(getattr(world, persona))
        assert client.post(reverse("curriculum:overlap_review"), review).status_code == 403, persona
        assert client.post(reverse("curriculum:overlap_rules"), {"action": "add", "phrase-phrase": "thử nghiệm"}
                           ).status_code == 403, persona
    client.force_login(world.supervisor)
    assert client.post(reverse("curriculum:overlap_review"), out_of_scope).status_code == 404
    assert client.post(reverse("curriculum:overlap_rules"), {"action": "add", "phrase-phrase": "thử nghiệm"}).status_code == 403
    assert client.post(reverse("curriculum:overlap_review"), review).status_code == 302
    client.logout()
    assert client.post(reverse("curriculum:overlap_review"), review).status_code == 302  # to the login page
    assert OverlapReview.objects.count() == 1
    assert not StopPhrase.objects.filter(phrase="thử nghiệm").exists()


def test_publishing_another_centres_draft_is_404(client, world, overlap_objects):
    client.force_login(world.officer_b)
    url = reverse("curriculum:version_publish", args=[overlap_objects["draft_a"].pk])
    assert client.post(url, {"confirm_overlaps": "1"}).status_code == 404
    overlap_objects["draft_a"].refresh_from_db()
    assert overlap_objects["draft_a"].status == "draft"


def test_the_overlap_link_is_shown_only_to_those_who_may_open_it(client, world, overlap_objects):
    url = reverse("curriculum:overlap_report")
    for persona in ("supervisor", "officer_a", "viewer_a"):
        client.force_login(getattr(world, persona))
        assert url in client.get(reverse("curriculum:programme_list")).content.decode(), persona
    for persona in ("lecturer_a", "learner_a"):
        client.force_login(getattr(world, persona))
        response = client.get(reverse("curriculum:programme_list"))
        assert response.status_code == 200 and url not in response.content.decode(), persona


# --- the API: a draft version and an uploaded catalogue file analysed before publishing or importing ---

@pytest.fixture
def api():
    return TestClient(_api)


def _upload(version, code):
    data = export_version(version)
    data["programme"].update(code=code, name="Chương trình từ tệp")
    for topic in data["topics"]:
        topic["lineage"] = ""
    return json.dumps(data, ensure_ascii=False).encode()


def test_the_api_analyses_a_draft_version_scoped_like_the_pages(api, world, overlap_objects):
    o = overlap_objects
    table = {
        "draft A": (o["draft_a"], expect(200, officer_b=404, viewer_a=403, lecturer_a=403, learner_a=403,
                                         anonymous=401)),
        "province version": (o["province"], expect(403, admin=200, supervisor=200, anonymous=401)),
        "draft C": (o["draft_c"], expect(404, admin=200, anonymous=401)),
    }
    failures = []
    for label, (version, statuses) in table.items():
        for persona, user in world.personas().items():
            path = f"/curriculum/versions/{version.pk}/overlaps"
            status = (api.get(path, user=user) if user else api.get(path)).status_code
            if status != statuses[persona]:
                failures.append(f"{label} as {persona}: expected {statuses[persona]}, got {status}")
    assert not failures, "\n".join(failures)
    body = api.get(f"/curriculum/versions/{o['draft_a'].pk}/overlaps", user=world.officer_a).json()
    pair = next(p for p in body["topic_pairs"] if {p["a"]["programme_code"], p["b"]["programme_code"]}
                == {"DRAFT-A", "TINH"})
    assert pair["score"] >= body["threshold"] and pair["shared_phrases"]
    assert pair["periods_at_stake"] == min(pair["a"]["total_periods"], pair["b"]["total_periods"]) > 0
    assert not any("DRAFT-C" in (p["a"]["programme_code"], p["b"]["programme_code"]) for p in body["topic_pairs"])
    response = api.get(f"/curriculum/versions/{o['draft_a'].pk}/overlaps?threshold=3", user=world.officer_a)
    assert response.status_code == 422 and "Ngưỡng" in response.json()["detail"]


def test_the_api_analyses_an_uploaded_catalogue_file_without_storing_it(api, world, overlap_objects):
    raw = _upload(overlap_objects["draft_a"], "TEPMOI")
    before = Programme.objects.count()
    allowed = {"admin", "supervisor", "director_a", "officer_a", "officer_b"}
    for persona, user in world.personas().items():
        files = {"file": SimpleUploadedFile("tep.json", raw, content_type="application/json")}
        response = (api.post("/curriculum/overlaps/file", FILES=files, user=user) if user
                    else api.post("/curriculum/overlaps/file", FILES=files))
        assert response.status_code == (200 if persona in allowed else 401 if user is None else 403), persona
        if persona == "officer_a":
            body = response.json()
            pairs = [p for p in body["topic_pairs"] if p["b"]["programme_code"] in ("TINH", "DRAFT-A")]
            assert pairs and all(p["a"]["id"] is None and p["a"]["programme_code"] == "TEPMOI" for p in pairs)
            assert all(p["shared_phrases"] and p["periods_at_stake"] > 0 for p in pairs)
        if persona == "officer_b":  # another centre's draft is outside B's scope
            codes = {p["b"]["programme_code"] for p in response.json()["topic_pairs"]}
            assert "DRAFT-A" not in codes and "TINH" in codes
    assert Programme.objects.count() == before

    workbook = SimpleUploadedFile("tep.xlsx", excel.dumps(overlap_objects["province"]))
    response = api.post("/curriculum/overlaps/file", FILES={"file": workbook}, user=world.supervisor)
    assert response.status_code == 200 and response.json()["topic_pairs"]

    bad = {
        "tep.json": b"{not json",
        "tep.xlsx": b"PK not a workbook",
        "tep.pdf": b"%PDF-1.4",
    }
    for name, data in bad.items():
        response = api.post("/curriculum/overlaps/file", FILES={"file": SimpleUploadedFile(name, data)},
                            user=world.supervisor)
        assert response.status_code == 422, name
        assert any(c in response.json()["detail"] for c in "ệạữợớ"), response.json()  # a Vietnamese message
    files = {"file": SimpleUploadedFile("tep.json", raw)}
    response = api.post("/curriculum/overlaps/file?threshold=0", FILES=files, user=world.supervisor)
    assert response.status_code == 422
