"""The results API: the same services as the pages, scoped, with per-cell errors."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import ApiToken
from training.models import Klass, Score
from training.results.services import cell_name
from training.tests.factories.results import approved_class, enrolments, fill_scores, make_class


def auth(user):
    _token, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def base(klass):
    return f"/api/training/classes/{klass.pk}"


def test_results_need_a_login(client, world):
    klass = make_class(world, learners=1)
    assert client.get(f"{base(klass)}/results").status_code == 401


@pytest.mark.parametrize(
    "persona, status", [("officer_b", 404), ("officer_a", 200), ("viewer_a", 200), ("supervisor", 200)]
)
def test_results_are_scoped(client, world, persona, status):
    klass = make_class(world, learners=1)
    assert client.get(f"{base(klass)}/results", **auth(getattr(world, persona))).status_code == status


def test_read_grid_rows(client, world):
    klass = make_class(world, learners=3)
    fill_scores(klass, [[7, 8], [9, 9], [3, 4]])
    head = client.get(f"{base(klass)}/results", **auth(world.officer_a)).json()
    assert [c["name"] for c in head["components"]] == ["Bài thu hoạch", "Bài kiểm tra"]
    rows = client.get(f"{base(klass)}/results/rows", **auth(world.officer_a)).json()
    assert rows["count"] == 3
    by_name = {r["full_name"]: r for r in rows["items"]}
    assert {r["completed"] for r in by_name.values()} == {True, False}
    assert all(len(r["scores"]) == 2 for r in rows["items"])


def test_rows_cost_the_same_queries_for_any_class_size(client, world):
    small, big = make_class(world, learners=2), make_class(world, learners=20)
    fill_scores(small, [[7, 8]] * 2)
    fill_scores(big, [[7, 8]] * 20)
    headers = auth(world.officer_a)
    client.get(f"{base(small)}/results", **headers)  # the token's first use is stamped once
    counts = []
    for klass in (small, big):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{base(klass)}/results/rows", **headers).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0


def test_put_scores_and_the_whole_batch_is_refused_on_one_bad_cell(client, world):
    klass = make_class(world, learners=1)
    enrolment = enrolments(klass)[0]
    first, second = klass.version.components.order_by("order")
    payload = {
        "scores": [
            {"enrolment_id": enrolment.pk, "component_id": first.pk, "value": "7,5"},
            {"enrolment_id": enrolment.pk, "component_id": second.pk, "value": "10,5"},
        ]
    }
    response = client.put(f"{base(klass)}/scores", payload, content_type="application/json", **auth(world.officer_a))
    assert response.status_code == 422
    assert list(response.json()["detail"]) == [cell_name(enrolment.pk, second.pk)]
    assert Score.objects.count() == 0
    payload["scores"][1]["value"] = "9"
    response = client.put(f"{base(klass)}/scores", payload, content_type="application/json", **auth(world.officer_a))
    assert response.status_code == 200 and response.json()["created"] == 2


def test_viewer_cannot_write_scores(client, world):
    klass = make_class(world, learners=1)
    enrolment = enrolments(klass)[0]
    component = klass.version.components.first()
    payload = {"scores": [{"enrolment_id": enrolment.pk, "component_id": component.pk, "value": "7"}]}
    response = client.put(f"{base(klass)}/scores", payload, content_type="application/json", **auth(world.viewer_a))
    assert response.status_code == 403 and Score.objects.count() == 0


def test_approve_and_correct_through_the_api(client, world):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[8, 8]])
    assert client.post(f"{base(klass)}/results/approve", **auth(world.officer_a)).status_code == 403
    response = client.post(f"{base(klass)}/results/approve", **auth(world.director_a))
    assert response.status_code == 200 and response.json()["locked"] is True
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.RESULTS_APPROVED

    enrolment = enrolments(klass)[0]
    component = klass.version.components.order_by("order").first()
    body = {"enrolment_id": enrolment.pk, "component_id": component.pk, "value": "9", "reason": ""}
    response = client.post(
        f"{base(klass)}/scores/correct", body, content_type="application/json", **auth(world.officer_a)
    )
    assert response.status_code == 422
    body["reason"] = "Phúc khảo"
    response = client.post(
        f"{base(klass)}/scores/correct", body, content_type="application/json", **auth(world.officer_a)
    )
    assert response.status_code == 200 and response.json()["final_score"] == "8.4"


def test_correction_of_an_out_of_scope_class_is_missing(client, world):
    klass = approved_class(world, learners=1)
    enrolment = enrolments(klass)[0]
    body = {
        "enrolment_id": enrolment.pk,
        "component_id": klass.version.components.first().pk,
        "value": "9",
        "reason": "x",
    }
    response = client.post(
        f"{base(klass)}/scores/correct", body, content_type="application/json", **auth(world.officer_b)
    )
    assert response.status_code == 404
