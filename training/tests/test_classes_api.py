"""API for classes and plans: scoped reads, writes through the services, errors as 403 / 404 / 422."""

from __future__ import annotations

import pytest

from accounts.models import ApiToken
from training.models import AnnualPlan, Klass
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


def _auth(user):
    _, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_class_list_is_scoped_and_filtered(client, world):
    mine = make.klass(world.centre_a, status="open")
    make.klass(world.centre_a)
    theirs = make.klass(world.centre_b)
    items = client.get("/api/training/classes", **_auth(world.officer_b)).json()["items"]
    assert [i["code"] for i in items] == [theirs.code]
    items = client.get("/api/training/classes", {"status": "open"}, **_auth(world.officer_a)).json()["items"]
    assert [i["code"] for i in items] == [mine.code]
    assert client.get("/api/training/classes", **_auth(world.learner_a)).status_code == 403
    assert client.get("/api/training/classes").status_code == 401


def test_read_class_with_figures_and_transitions(client, world):
    klass = make.klass(world.centre_a, status="open")
    make.enrol(klass, world.person_a)
    data = client.get(f"/api/training/classes/{klass.pk}", **_auth(world.viewer_a)).json()
    assert data["enrolled"] == 1 and data["programme_code"] == "DVM"
    forward = next(t for t in data["transitions"] if t["to_status"] == "in_progress")
    assert forward["possible"] is False and len(forward["blockers"]) == 1
    assert client.get(f"/api/training/classes/{klass.pk}", **_auth(world.officer_b)).status_code == 404


def test_open_change_and_move_a_class(client, world):
    ver = make.version()
    auth = _auth(world.officer_a)
    payload = {"centre_id": world.centre_a.pk, "version_id": ver.pk, "start_date": "2026-03-02",
               "end_date": "2026-03-06", "capacity": 40}
    response = client.post("/api/training/classes", payload, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    class_id = response.json()["id"]
    assert response.json()["code"] == "DVM-2026-01"
    response = client.patch(f"/api/training/classes/{class_id}", {"opening_decision_number": "3-QĐ/TTCT",
                            "opening_decision_date": "2026-02-20"}, content_type="application/json", **auth)
    assert response.status_code == 200, response.content
    response = client.post(f"/api/training/classes/{class_id}/transition", {"to_status": "open"},
                           content_type="application/json", **auth)
    assert response.json()["status"] == "open"
    refused = client.post(f"/api/training/classes/{class_id}/transition", {"to_status": "in_progress"},
                          content_type="application/json", **auth)
    assert refused.status_code == 422
    assert Klass.objects.get(pk=class_id).status == "open"
    decision = client.get(f"/api/training/classes/{class_id}/opening-decision", {"format": "docx"}, **auth)
    assert decision.status_code == 200 and decision.content[:2] == b"PK"


def test_bad_input_and_missing_rights(client, world):
    ver = make.version()
    payload = {"centre_id": world.centre_a.pk, "version_id": ver.pk, "start_date": "2026-03-06",
               "end_date": "2026-03-02"}
    bad = client.post("/api/training/classes", payload, content_type="application/json", **_auth(world.officer_a))
    assert bad.status_code == 422 and "end_date" in bad.json()["detail"]
    ok = {**payload, "end_date": "2026-03-09"}
    assert client.post("/api/training/classes", ok, content_type="application/json",
                       **_auth(world.viewer_a)).status_code == 403
    assert client.post("/api/training/classes", {**ok, "room_id": 999999}, content_type="application/json",
                       **_auth(world.officer_a)).status_code == 422
    assert client.post("/api/training/classes", {**ok, "centre_id": world.centre_c.pk},
                       content_type="application/json", **_auth(world.officer_a)).status_code == 404
    assert not Klass.objects.exists()


def test_code_suggestion(client, world):
    ver = make.version()
    make.klass(world.centre_b, ver, code="DVM-2026-04")
    data = client.get("/api/training/classes/code-suggestion", {"version_id": ver.pk, "year": 2026},
                      **_auth(world.officer_a)).json()
    assert data == {"code": "DVM-2026-05"}


def test_plans_through_the_api(client, world):
    programme = make.version().programme
    officer, director = _auth(world.officer_a), _auth(world.director_a)
    created = client.post("/api/training/plans", {"centre_id": world.centre_a.pk, "year": 2026},
                          content_type="application/json", **officer)
    assert created.status_code == 201
    plan_id = created.json()["id"]
    line = {"programme_id": programme.pk, "quarter": 1, "planned_classes": 2, "planned_learners": 70}
    added = client.post(f"/api/training/plans/{plan_id}/lines", line, content_type="application/json", **officer)
    assert added.status_code == 201 and added.json()["planned_classes"] == 2
    bad = client.post(f"/api/training/plans/{plan_id}/lines", {**line, "quarter": 7},
                      content_type="application/json", **officer)
    assert bad.status_code == 422
    approval = {"issuer": "Ban Thường vụ", "number": "45-QĐ/ĐU", "date": "2026-01-10"}
    assert client.post(f"/api/training/plans/{plan_id}/approve", approval, content_type="application/json",
                       **officer).status_code == 403
    approved = client.post(f"/api/training/plans/{plan_id}/approve", approval, content_type="application/json",
                           **director)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    line_id = approved.json()["lines"][0]["id"]
    klass = make.klass(world.centre_a, status="open", plan_line_id=line_id)
    make.enrol(klass, world.person_a)
    detail = client.get(f"/api/training/plans/{plan_id}", **_auth(world.viewer_a)).json()
    assert detail["lines"][0]["opened_classes"] == 1 and detail["enrolled"] == 1
    assert client.get(f"/api/training/plans/{plan_id}", **_auth(world.officer_b)).status_code == 404
    listed = client.get("/api/training/plans", **_auth(world.officer_b)).json()["items"]
    assert listed == []
    assert AnnualPlan.objects.get().lines.count() == 1
