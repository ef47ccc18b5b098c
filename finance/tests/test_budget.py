"""The yearly budget: plan vs spent arithmetic per line and source, the over-budget warning confirmed with a
reason (audited), negative amounts refused, and the plan's estimated cost with the budget still free."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import AuditEvent
from finance import services
from finance.models import BudgetLine, CostSheet, Spending
from finance.selectors import budget_summary, plan_costs
from finance.tests.builders import budget, costed_class, version
from training.models import AnnualPlan, PlanLine

pytestmark = pytest.mark.django_db
D = Decimal
LOCAL, PROVINCE = "local_budget", "provincial_programme"


def _spend(world, line, amount, reason="", **kw):
    values = dict(date=dt.date(2026, 4, 1), document_number=f"PC-{amount}", payee="Nhà in Tuyên Quang")
    values.update(kw)
    return services.record_spending(actor=world.officer_a, spending=Spending(line=line, amount=D(amount), **values),
                                    over_budget_reason=reason)


def test_plan_vs_spent_per_line_and_source(world):
    b = budget(world.centre_a, lines=[(LOCAL, "training", 50_000_000), (PROVINCE, "training", 30_000_000),
                                      (LOCAL, "facilities", 20_000_000)])
    training, _provincial, facilities = b.lines.order_by("id")
    for _ in range(3):
        _spend(world, training, 1_111_111)
    _spend(world, facilities, 20_000_000)
    summary = budget_summary(b)
    by_line = {(ln.source, ln.purpose): ln.figures for ln in summary.lines}
    assert by_line[(LOCAL, "training")].spent == D(3_333_333)
    assert by_line[(LOCAL, "training")].remaining == D(46_666_667)
    assert by_line[(LOCAL, "facilities")].remaining == 0 and by_line[(LOCAL, "facilities")].percent == 100
    sources = {label: figures for label, figures in summary.by_source}
    assert sources["ngân sách xã, phường"].planned == D(70_000_000)
    assert sources["ngân sách xã, phường"].spent == D(23_333_333)
    assert sources["kinh phí chương trình của tỉnh"].spent == 0
    assert (summary.total.planned, summary.total.spent, summary.total.remaining) == (
        D(100_000_000), D(23_333_333), D(76_666_667))


def test_over_the_remaining_budget_needs_a_reason_which_is_audited(world):
    b = budget(world.centre_a, lines=[(LOCAL, "materials", 1_000_000)])
    line = b.lines.get()
    _spend(world, line, 999_999)
    with pytest.raises(services.OverBudget) as warning:
        _spend(world, line, 2)
    assert warning.value.code == "over_budget" and warning.value.remaining == 1
    assert "1 đ" in warning.value.messages[0] and Spending.objects.count() == 1
    over = _spend(world, line, 2, reason="  In thêm tài liệu   cho lớp bổ sung ")
    assert over.over_budget_reason == "In thêm tài liệu cho lớp bổ sung"
    event = AuditEvent.objects.for_object(over).get()
    assert event.reason == "In thêm tài liệu cho lớp bổ sung"
    figures = budget_summary(b).lines[0].figures
    assert figures.remaining == -1 and figures.over


@pytest.mark.parametrize("amount", [0, -5000])
def test_negative_or_zero_spending_is_refused_and_nothing_saved(world, amount):
    line = budget(world.centre_a, lines=[(LOCAL, "materials", 1_000_000)]).lines.get()
    with pytest.raises(ValidationError) as error:
        _spend(world, line, amount)
    assert error.value.message_dict["amount"] == ["Số tiền phải lớn hơn 0 đồng."]
    assert not Spending.objects.exists()


def test_negative_budget_line_refused_and_spending_guarded(world):
    b = budget(world.centre_a)
    with pytest.raises(ValidationError) as error:
        services.save_budget_line(actor=world.officer_a, line=BudgetLine(budget=b, source=LOCAL, purpose="training",
                                                                          amount=D(-1)))
    assert error.value.message_dict["amount"] == ["Số tiền không được âm."]
    line = services.save_budget_line(actor=world.officer_a, line=BudgetLine(budget=b, source=LOCAL, purpose="training",
                                                                             amount=D("5000000.4")))
    assert line.amount == D(5_000_000)
    _spend(world, line, 3_000_000)
    line.amount = D(2_000_000)
    with pytest.raises(ValidationError):
        services.save_budget_line(actor=world.officer_a, line=line)
    with pytest.raises(ValidationError):
        _spend(world, line, 10, date=dt.date(2025, 12, 31))  # outside the budget year
    with pytest.raises(PermissionDenied):
        services.record_spending(actor=world.officer_b, spending=Spending(
            line=line, amount=D(1), date=dt.date(2026, 1, 5), document_number="1", payee="x"))


def test_spending_page_warns_then_records_with_the_reason(client, world):
    line = budget(world.centre_a, lines=[(LOCAL, "materials", 1_000_000)]).lines.get()
    client.force_login(world.officer_a)
    url = reverse("finance:spending_create", args=[line.budget_id])
    data = {"line": line.pk, "amount": "1.250.000", "date": "05/04/2026", "document_number": "PC-12",
            "payee": "Công ty in", "over_budget_reason": ""}
    page = client.post(url, data)
    assert page.status_code == 200 and "vượt số còn lại" in page.content.decode() and not Spending.objects.exists()
    done = client.post(url, {**data, "over_budget_reason": "Tăng số học viên"})
    assert done.status_code == 302
    assert Spending.objects.get().amount == D(1_250_000)
    detail = client.get(reverse("finance:budget_detail", args=[line.budget_id])).content.decode()
    assert "1.250.000 đ" in detail and "-250.000 đ" in detail


def test_budget_page_in_constant_queries(client, world, django_assert_max_num_queries):
    b = budget(world.centre_a, lines=[(LOCAL, "training", 10_000_000)])
    client.force_login(world.director_a)
    url = reverse("finance:budget_detail", args=[b.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    for n in range(12):
        line = BudgetLine.objects.create(budget=b, source=PROVINCE, purpose="materials", amount=D(1_000_000 + n))
        _spend(world, line, 1000 + n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


def test_plan_shows_the_estimated_cost_of_each_line_and_the_budget_still_free(client, world):
    ver = version(periods=8)
    plan = AnnualPlan.objects.create(centre=world.centre_a, year=2026)
    line = PlanLine.objects.create(plan=plan, programme=ver.programme, quarter=1, planned_classes=2,
                                   planned_learners=60)
    k = costed_class(world.centre_a, ver=ver, plan_line=line)
    services.prepare_cost_sheet(actor=world.officer_a, klass=k, kind=CostSheet.Kind.ESTIMATE)  # 10.030.000
    budget(world.centre_a, lines=[(LOCAL, "training", 50_000_000), (PROVINCE, "training", 30_000_000),
                                  (LOCAL, "facilities", 20_000_000)])
    rows, figures = plan_costs(plan)
    # The class not yet opened: 30 learners × (50.000 + 10.000 + 1 day × (100.000 + 50.000)) + 2 ceremonies
    # + 2 sessions (8 periods) × 300.000, the plan's average lecturer fee = 8.900.000.
    assert rows[0].estimated == D(10_030_000 + 8_900_000) and rows[0].from_classes == 1
    assert figures["training_budget"] == D(80_000_000)
    assert figures["free"] == D(80_000_000 - 18_930_000)
    client.force_login(world.officer_a)
    page = client.get(reverse("finance:plan_cost", args=[plan.pk])).content.decode()
    assert "18.930.000 đ" in page and "61.070.000 đ" in page
    assert reverse("finance:plan_cost", args=[plan.pk]) in client.get(
        reverse("training:plan_detail", args=[plan.pk])).content.decode()


def test_voucher_file_is_attached_and_downloaded_in_scope(client, world, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    b = budget(world.centre_a, lines=[(LOCAL, "materials", 5_000_000)])
    client.force_login(world.officer_a)
    client.post(reverse("finance:spending_create", args=[b.pk]), {
        "line": b.lines.get().pk, "amount": "750000", "date": "02/02/2026", "document_number": "PC-7",
        "payee": "Nhà sách", "file": SimpleUploadedFile("phieu-chi.pdf", b"%PDF voucher")})
    spending = Spending.objects.get()
    url = reverse("finance:spending_file", args=[spending.pk])
    assert b"".join(client.get(url).streaming_content) == b"%PDF voucher"
    client.force_login(world.officer_b)
    assert client.get(url).status_code == 404
