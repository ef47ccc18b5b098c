"""Plan pages: access, drafting lines, approval by the director, opening a class from a line."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from training.models import AnnualPlan, PlanLine
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona, expected", [
    ("anonymous", 302), ("learner_a", 403), ("lecturer_a", 403), ("officer_a", 200), ("viewer_a", 200),
    ("supervisor", 200), ("officer_b", 404),
])
def test_plan_detail_access(client, world, persona, expected):
    plan = make.plan(world.centre_a)
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    assert client.get(reverse("training:plan_detail", args=[plan.pk])).status_code == expected


def test_list_is_scoped(client, world):
    make.plan(world.centre_a)
    theirs = make.plan(world.centre_b)
    client.force_login(world.officer_b)
    assert [p.pk for p in client.get(reverse("training:plan_list")).context["object_list"]] == [theirs.pk]


def test_officer_drafts_and_director_approves(client, world):
    programme = make.version().programme
    client.force_login(world.officer_a)
    response = client.post(reverse("training:plan_create"), {"centre": world.centre_a.pk, "year": "2026"})
    plan = AnnualPlan.objects.get()
    assert response["Location"] == reverse("training:plan_detail", args=[plan.pk])
    client.post(reverse("training:plan_line_create", args=[plan.pk]), {
        "programme": programme.pk, "audience": "Đảng viên mới", "quarter": "2", "planned_classes": "3",
        "planned_learners": "120",
    })
    assert plan.lines.get().planned_classes == 3
    bad = client.post(reverse("training:plan_line_create", args=[plan.pk]), {
        "programme": programme.pk, "quarter": "2", "planned_classes": "0", "planned_learners": "10",
    })
    assert bad.status_code == 200 and "planned_classes" in bad.context["form"].errors
    assert plan.lines.count() == 1
    # The officer sees no approval form, and posting it is refused.
    assert client.get(reverse("training:plan_detail", args=[plan.pk])).context["can_approve"] is False
    approval = {"issuer": "Ban Thường vụ Đảng ủy xã Yên Sơn", "number": "45-QĐ/ĐU", "date": "10/01/2026"}
    assert client.post(reverse("training:plan_approve", args=[plan.pk]), approval).status_code == 403
    client.force_login(world.director_a)
    assert client.get(reverse("training:plan_detail", args=[plan.pk])).context["can_approve"] is True
    client.post(reverse("training:plan_approve", args=[plan.pk]), approval)
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approval_number == "45-QĐ/ĐU"
    page = client.get(reverse("training:plan_detail", args=[plan.pk]))
    assert page.context["can_open_classes"] and not page.context["can_edit_lines"]
    assert f"?line={plan.lines.get().pk}".encode() in page.content


def test_line_cannot_be_edited_by_another_centre(client, world):
    plan = make.plan(world.centre_a, lines=[(make.version().programme, 1, 1, 30)])
    line = plan.lines.get()
    client.force_login(world.officer_b)
    assert client.post(reverse("training:plan_line_delete", args=[plan.pk, line.pk])).status_code == 404
    client.force_login(world.viewer_a)
    assert client.get(reverse("training:plan_line_edit", args=[plan.pk, line.pk])).status_code == 403
    assert client.post(reverse("training:plan_line_delete", args=[plan.pk, line.pk])).status_code == 403
    assert PlanLine.objects.filter(pk=line.pk).exists()


def test_plan_pages_keep_a_constant_query_count(client, world):
    ver = make.version()
    plan = make.plan(world.centre_a, approved=True, lines=[(ver.programme, 1, 1, 30)])
    client.force_login(world.director_a)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    detail, listing = reverse("training:plan_detail", args=[plan.pk]), reverse("training:plan_list")
    few = (count(detail), count(listing))
    for quarter in (1, 2, 3, 4, 4, 3):
        line = PlanLine.objects.create(plan=plan, programme=ver.programme, quarter=quarter, planned_classes=2)
        make.enrol(make.klass(world.centre_a, ver, status="open", plan_line=line), world.person_a)
    for year in (2024, 2025, 2027):
        make.plan(world.centre_a, year=year, lines=[(ver.programme, 1, 1, 30)])
    assert (count(detail), count(listing)) == few
