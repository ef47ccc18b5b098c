"""Warned steps through the API: refused without `warning_reason` (422 naming the warnings, in Vietnamese),
done with it, and the reason kept in the audit — opening and changing a class, approving results, issuing
certificates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import ApiToken
from certificates.models import Certificate
from core.models import AuditEvent
from training.models import Klass
from training.tests.factories import classes as make
from training.tests.factories import results as res

pytestmark = pytest.mark.django_db

REASON = "Lùi lịch do bầu cử đại biểu Quốc hội"


def _auth(user):
    _, raw = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def _post(client, url, payload, user, method="post"):
    return getattr(client, method)(url, payload, content_type="application/json", **_auth(user))


def _events(obj, action):
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action)


def _assert_refused(response, *words):
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["reason_field"] == "warning_reason" and body["warnings"]
    assert body["detail"]["warning_reason"][:len(body["warnings"])] == body["warnings"]
    assert "Hãy nêu lý do để tiếp tục" in body["detail"]["warning_reason"][-1]
    assert body["message"].startswith("Để tiếp tục dù có các cảnh báo này, hãy gửi lý do trong trường “warning_reason”")
    for word in words:
        assert word in " ".join(body["warnings"]) and word in body["message"]


@pytest.fixture
def plan_line(world):
    version = make.version()
    plan = make.plan(world.centre_a, year=2026, approved=True, lines=[(version.programme, 1, 2, 60)])
    return version, plan.lines.get()


def test_opening_a_class_outside_its_plan_quarter(client, world, plan_line):
    version, line = plan_line
    payload = {"centre_id": world.centre_a.pk, "version_id": version.pk, "plan_line_id": line.pk,
               "start_date": "2026-05-04", "end_date": "2026-05-08"}
    _assert_refused(_post(client, "/api/training/classes", payload, world.officer_a), "quý 2", "quý 1")
    assert not Klass.objects.exists()
    response = _post(client, "/api/training/classes", {**payload, "warning_reason": REASON}, world.officer_a)
    assert response.status_code == 201, response.content
    klass = Klass.objects.get(pk=response.json()["id"])
    assert REASON in _events(klass, "create").get().reason


def test_moving_a_class_out_of_its_plan_quarter(client, world, plan_line):
    version, line = plan_line
    payload = {"centre_id": world.centre_a.pk, "version_id": version.pk, "plan_line_id": line.pk,
               "start_date": "2026-02-02", "end_date": "2026-02-06"}
    class_id = _post(client, "/api/training/classes", payload, world.officer_a).json()["id"]
    url = f"/api/training/classes/{class_id}"
    change = {"start_date": "2026-07-06", "end_date": "2026-07-10"}
    _assert_refused(_post(client, url, change, world.officer_a, "patch"), "quý 3")
    assert Klass.objects.get(pk=class_id).start_date == dt.date(2026, 2, 2)
    response = _post(client, url, {**change, "warning_reason": REASON}, world.officer_a, "patch")
    assert response.status_code == 200, response.content
    klass = Klass.objects.get(pk=class_id)
    assert klass.start_date == dt.date(2026, 7, 6) and REASON in _events(klass, "update").get().reason


def test_approving_results_before_the_class_ends(client, world):
    klass = res.make_class(world, learners=2)
    res.fill_scores(klass, [[8, 7], [9, 9]])
    end = timezone.localdate() + dt.timedelta(days=3)
    Klass.objects.filter(pk=klass.pk).update(end_date=end)
    url = f"/api/training/classes/{klass.pk}/results/approve"
    _assert_refused(_post(client, url, {}, world.director_a), end.strftime("%d/%m/%Y"))
    # No body at all is the same request without a reason.
    assert client.post(url, **_auth(world.director_a)).status_code == 422
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.IN_PROGRESS
    response = _post(client, url, {"warning_reason": "Lớp học dồn, thi xong sớm"}, world.director_a)
    assert response.status_code == 200 and response.json()["locked"] is True
    assert "Lớp học dồn, thi xong sớm" in _events(klass, "approve").get().reason


def test_issuing_certificates_dated_after_today(client, world):
    res.staff_the_centre(world)
    klass = res.approved_class(world, learners=2)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    url = f"/api/certificates/classes/{klass.pk}/issue"
    payload = {"issued_on": tomorrow.isoformat()}
    _assert_refused(_post(client, url, payload, world.officer_a), tomorrow.strftime("%d/%m/%Y"))
    assert not Certificate.objects.exists()
    reason = "Trao giấy tại lễ bế giảng ngày mai"
    response = _post(client, url, {**payload, "warning_reason": reason}, world.officer_a)
    assert response.status_code == 201 and len(response.json()) == 2
    events = AuditEvent.objects.filter(action="issue")
    assert events.exists() and all(reason in e.reason for e in events)


def test_a_refusal_without_warnings_keeps_its_plain_body(client, world):
    response = _post(client, "/api/training/classes", {"centre_id": world.centre_a.pk, "version_id": 0,
                                                       "start_date": "2026-02-02", "end_date": "2026-02-06"},
                     world.officer_a)
    assert response.status_code == 422 and set(response.json()) == {"detail"}


@pytest.mark.parametrize("body, status", [('{"warning_reason": 5}', 422), ("[]", 422), ("{", 400)])
def test_a_malformed_approval_body_is_a_client_error(client, world, body, status):
    klass = res.make_class(world, learners=1)
    res.fill_scores(klass, [[8, 7]])
    response = client.post(f"/api/training/classes/{klass.pk}/results/approve", body,
                           content_type="application/json", **_auth(world.director_a))
    assert response.status_code == status
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.IN_PROGRESS
