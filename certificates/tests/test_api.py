"""The certificates API: scoped lists, issuing, revocation and re-issue through the same services."""

from __future__ import annotations

import pytest

from accounts.models import ApiToken
from certificates import services
from certificates.models import Certificate
from training.tests.factories.results import approved_class, enrolments


def auth(user):
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_issue_list_revoke_reissue(client, world):
    klass = approved_class(world, learners=2)
    response = client.post(
        f"/api/certificates/classes/{klass.pk}/issue",
        {"issued_on": "2026-03-20"},
        content_type="application/json",
        **auth(world.officer_a),
    )
    assert response.status_code == 201
    issued = response.json()
    assert [c["number"] for c in issued] == ["0001/2026", "0002/2026"]
    listed = client.get(f"/api/certificates/?class_id={klass.pk}", **auth(world.viewer_a)).json()
    assert listed["count"] == 2
    code = issued[0]["code"]
    assert (
        client.post(
            f"/api/certificates/{code}/revoke", {"reason": ""}, content_type="application/json", **auth(world.officer_a)
        ).status_code
        == 422
    )
    response = client.post(
        f"/api/certificates/{code}/reissue",
        {"reason": "Mất bản gốc"},
        content_type="application/json",
        **auth(world.officer_a),
    )
    assert response.status_code == 201
    assert response.json()["replaces_code"] == code and response.json()["number"] == "0003/2026"
    assert client.get(f"/api/certificates/{code}", **auth(world.officer_a)).json()["status"] == "revoked"


def test_issuing_to_a_non_completer_is_refused(client, world):
    klass = approved_class(world, learners=2, scores=[[9, 9], [1, 1]])
    failed = next(e for e in enrolments(klass) if not e.result.completed)
    response = client.post(
        f"/api/certificates/classes/{klass.pk}/issue",
        {"enrolment_ids": [failed.pk]},
        content_type="application/json",
        **auth(world.officer_a),
    )
    assert response.status_code == 422 and failed.person.full_name in str(response.json())
    assert Certificate.objects.count() == 0


@pytest.mark.parametrize("persona, status", [("officer_b", 404), ("viewer_a", 403)])
def test_issue_out_of_scope_or_without_right(client, world, persona, status):
    klass = approved_class(world, learners=1)
    response = client.post(
        f"/api/certificates/classes/{klass.pk}/issue",
        {},
        content_type="application/json",
        **auth(getattr(world, persona)),
    )
    assert response.status_code == status and Certificate.objects.count() == 0


def test_learner_sees_only_their_own(client, world):
    from training.results.services import approve_results
    from training.tests.factories.results import fill_scores, make_class

    klass = make_class(world, learners=1)
    klass.enrolments.create(person=world.learner_person)
    fill_scores(klass, [[8, 8], [8, 8]])
    approve_results(actor=world.director_a, klass=klass)
    services.issue_certificates(actor=world.officer_a, klass=klass)
    items = client.get("/api/certificates/", **auth(world.learner_a)).json()["items"]
    assert [c["person_id"] for c in items] == [world.learner_person.pk]
    other = Certificate.objects.exclude(enrolment__person=world.learner_person).get()
    assert client.get(f"/api/certificates/{other.code}", **auth(world.learner_a)).status_code == 404
    assert client.get("/api/certificates/", **auth(world.officer_b)).json()["count"] == 0
    assert client.get("/api/certificates/").status_code == 401
