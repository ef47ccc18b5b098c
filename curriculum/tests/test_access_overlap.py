"""Every overlap page as every persona: 200 where the role allows, 403 in scope without the right, 404
outside the scope, 302 to the login page for anonymous visitors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from curriculum.models import OverlapReview, StopPhrase
from curriculum.tests.conftest import make_content, make_programme
from tests.test_access_walk import ALL, expect

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
    failures = []
    for label, url, table in cases(world, overlap_objects):
        for persona, user in world.personas().items():
            client.logout()
            if user is not None:
                client.force_login(user)
            status = client.get(url).status_code
            if status != table[persona]:
                failures.append(f"{label} as {persona}: expected {table[persona]}, got {status} ({url})")
    assert not failures, "\n".join(failures)
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
