"""Every finance page and endpoint as every persona."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import ApiToken
from finance import services
from finance.models import CostSheet, Spending
from finance.tests.builders import budget, costed_class
from tests.access import expect, token_headers, walk
from training.models import AnnualPlan

pytestmark = pytest.mark.django_db
NO_STAFF = dict(lecturer_a=403, learner_a=403)
EDITORS = dict(supervisor=403, viewer_a=403, **NO_STAFF)


@pytest.fixture
def money(world):
    b = budget(world.centre_a, lines=[("local_budget", "training", 10_000_000)])
    services.record_spending(actor=world.officer_a, spending=Spending(
        line=b.lines.get(), amount=Decimal(500_000), date=dt.date(2026, 3, 1), document_number="PC-1", payee="X"))
    k = costed_class(world.centre_a)
    services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)
    c_budget = budget(world.centre_c)
    plan = AnnualPlan.objects.create(centre=world.centre_a, year=2026)
    return {"budget": b, "klass": k, "c_budget": c_budget, "plan": plan}



def test_every_finance_page_as_every_persona(client, world, money):
    b, k = money["budget"], money["klass"]
    walk(client, world, [
        ("budget list", reverse("finance:budget_list"), expect(200, **NO_STAFF)),
        ("budget A", reverse("finance:budget_detail", args=[b.pk]), expect(200, officer_b=404, **NO_STAFF)),
        ("budget C", reverse("finance:budget_detail", args=[money["c_budget"].pk]), expect(404, admin=200, **NO_STAFF)),
        ("budget create", reverse("finance:budget_create"), expect(200, **EDITORS)),
        ("budget A edit", reverse("finance:budget_edit", args=[b.pk]), expect(200, officer_b=404, **EDITORS)),
        ("line create", reverse("finance:line_create", args=[b.pk]), expect(200, officer_b=404, **EDITORS)),
        ("spending create", reverse("finance:spending_create", args=[b.pk]), expect(200, officer_b=404, **EDITORS)),
        ("cost rules", reverse("finance:cost_rules"), expect(200, **NO_STAFF)),
        ("cost rule create", reverse("finance:cost_rule_create"),
         expect(403, admin=200, supervisor=200)),
        ("class costs A", reverse("finance:class_costs", args=[k.pk]), expect(200, officer_b=404, **NO_STAFF)),
        ("class estimate xlsx", reverse("finance:export_sheet", args=[k.pk, "estimate", "xlsx"]),
         expect(200, officer_b=404, **NO_STAFF)),
        ("class estimate docx", reverse("finance:export_sheet", args=[k.pk, "estimate", "docx"]),
         expect(200, officer_b=404, **NO_STAFF)),
        ("class settlement (none yet)", reverse("finance:export_sheet", args=[k.pk, "settlement", "xlsx"]),
         expect(404, **NO_STAFF)),
        ("plan cost", reverse("finance:plan_cost", args=[money["plan"].pk]), expect(200, officer_b=404, **NO_STAFF)),
        ("comparison", reverse("finance:comparison"), expect(403, admin=200, supervisor=200)),
    ])


def test_finance_posts_are_refused_outside_the_editors(client, world, money):
    k = money["klass"]
    for persona in ("viewer_a", "supervisor"):
        client.force_login(getattr(world, persona))
        assert client.post(reverse("finance:prepare_sheet", args=[k.pk, "estimate"])).status_code == 403
    client.force_login(world.officer_b)
    assert client.post(reverse("finance:prepare_sheet", args=[k.pk, "estimate"])).status_code == 404


def test_every_finance_endpoint_as_every_persona(client, world, money):
    headers = token_headers(world)
    no_staff = dict(lecturer_a=403, learner_a=403, anonymous=401)
    b, k = money["budget"], money["klass"]
    walk(client, world, [
        ("api budgets", "/api/finance/budgets", expect(200, **no_staff)),
        ("api budget A", f"/api/finance/budgets/{b.pk}", expect(200, officer_b=404, **no_staff)),
        ("api budget C", f"/api/finance/budgets/{money['c_budget'].pk}", expect(404, admin=200, **no_staff)),
        ("api class costs", f"/api/finance/classes/{k.pk}/costs", expect(200, officer_b=404, **no_staff)),
    ], headers=headers)
    detail = client.get(f"/api/finance/budgets/{b.pk}", **headers["viewer_a"]).json()
    assert detail["total"] == {"planned": "10000000", "spent": "500000", "remaining": "9500000"}
    costs = client.get(f"/api/finance/classes/{k.pk}/costs", **headers["director_a"]).json()
    assert costs["estimate"]["total"] == "10030000" and costs["settlement"] is None


def test_api_spending_warns_over_budget_then_records_with_a_reason(client, world, money):
    b = money["budget"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.officer_a)[1]}"}
    payload = {"line_id": b.lines.get().pk, "amount": "9600000", "date": "2026-05-02", "document_number": "PC-2",
               "payee": "Nhà hàng"}
    over = client.post(f"/api/finance/budgets/{b.pk}/spending", payload, content_type="application/json", **auth)
    assert over.status_code == 422 and Spending.objects.count() == 1
    done = client.post(f"/api/finance/budgets/{b.pk}/spending", {**payload, "over_budget_reason": "Thêm lớp"},
                       content_type="application/json", **auth)
    assert done.status_code == 201 and done.json()["over_budget_reason"] == "Thêm lớp"
    viewer = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.viewer_a)[1]}"}
    assert client.post(f"/api/finance/budgets/{b.pk}/spending", payload, content_type="application/json",
                       **viewer).status_code == 403
