"""Every reports page and endpoint as every persona: 200 where allowed, 403 in scope but not allowed,
404 outside the scope, 302 to the login page (401 in the API) for anonymous visitors."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports import services
from reports.tests.builders import quarterly, written
from tests.access import expect, token_headers, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(world):
    draft_a = services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=quarterly(), year=2026,
                                       number=2)
    submitted_a = services.generate_report(actor=world.officer_a, centre=world.centre_a, kind=quarterly(), year=2026,
                                           number=1)
    submitted_a = services.submit_report(actor=world.director_a, report=written(submitted_a, world.officer_a))
    draft_b = services.generate_report(actor=world.officer_b, centre=world.centre_b, kind=quarterly(), year=2026,
                                       number=1)
    return {"draft_a": draft_a, "submitted_a": submitted_a, "draft_b": draft_b}


def cases(world, r):
    no_people = dict(lecturer_a=403, learner_a=403)
    of_a = expect(200, officer_b=404, **no_people)
    of_b = expect(404, admin=200, supervisor=200, officer_b=200, **no_people)
    a, b = r["submitted_a"], r["draft_b"]
    period = {"province": world.province.pk, "kind": quarterly().pk, "year": 2026, "number": 1}
    other = {**period, "province": world.other_province.pk}
    query = "&".join(f"{k}={v}" for k, v in period.items())
    other_query = "&".join(f"{k}={v}" for k, v in other.items())
    empty_query = query.replace("number=1", "number=3")
    supervisors = expect(403, admin=200, supervisor=200)
    return [
        ("report list", reverse("reports:report_list"), expect(200, **no_people)),
        ("generate", reverse("reports:report_generate"), expect(200, supervisor=403, viewer_a=403, **no_people)),
        ("report A", reverse("reports:report_detail", args=[a.pk]), of_a),
        ("draft A", reverse("reports:report_detail", args=[r["draft_a"].pk]), of_a),
        ("report B", reverse("reports:report_detail", args=[b.pk]), of_b),
        ("drill A", reverse("reports:drill", args=[a.pk, "plan_actual"]) + "?row=__total__&col=learners", of_a),
        ("drill B", reverse("reports:drill", args=[b.pk, "staff"]) + "?row=__total__&col=total", of_b),
        ("drill unknown section", reverse("reports:drill", args=[a.pk, "nope"]) + "?col=x",
         expect(404, **no_people)),
        ("Word A", reverse("reports:report_download", args=[a.pk, "docx"]), of_a),
        ("Excel A", reverse("reports:report_download", args=[a.pk, "xlsx"]), of_a),
        ("PDF B", reverse("reports:report_download", args=[b.pk, "pdf"]), of_b),
        ("roll-up", reverse("reports:rollup"), supervisors),
        ("roll-up of the province", reverse("reports:rollup") + "?" + query, supervisors),
        ("roll-up of another province", reverse("reports:rollup") + "?" + other_query,
         expect(403, admin=200, supervisor=404)),
        ("roll-up Excel", reverse("reports:rollup_download", args=["xlsx"]) + "?" + query, supervisors),
        ("roll-up Word, nothing submitted", reverse("reports:rollup_download", args=["docx"]) + "?" + empty_query,
         expect(403, admin=302, supervisor=302)),
        ("kinds", reverse("reports:kind_list"), expect(200, **no_people)),
        ("kind edit", reverse("reports:kind_edit", args=[quarterly().pk]), expect(403, admin=200)),
        ("kind create", reverse("reports:kind_create"), expect(403, admin=200)),
        ("dashboard", reverse("reports:dashboard"), expect(200, **no_people)),
        ("dashboard of centre A", reverse("reports:dashboard") + f"?centre={world.centre_a.pk}",
         expect(200, officer_b=404, **no_people)),
        ("chart Excel", reverse("reports:chart_download", args=["trend"]), expect(200, **no_people)),
    ]


def test_every_page_as_every_persona(client, world, reports):
    walk(client, world, cases(world, reports))


@pytest.mark.parametrize("name", ["report_submit", "report_texts", "report_correct"])
def test_actions_on_another_centres_report_are_not_found(client, world, reports, name):
    client.force_login(world.officer_b)
    target = reports["submitted_a"] if name == "report_correct" else reports["draft_a"]
    assert client.post(reverse(f"reports:{name}", args=[target.pk]), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("persona, status", [("officer_a", 403), ("viewer_a", 403), ("supervisor", 403),
                                             ("director_a", 302)])
def test_only_the_director_submits_from_the_page(client, world, reports, persona, status):
    written(reports["draft_a"], world.officer_a)
    client.force_login(world.personas()[persona])
    assert client.post(reverse("reports:report_submit", args=[reports["draft_a"].pk])).status_code == status


def api_cases(world, r):
    no_people = dict(lecturer_a=403, learner_a=403)
    a, b = r["submitted_a"], r["draft_b"]
    rollup = f"/api/reports/rollup?province={world.province.pk}&kind=quarterly&year=2026&number=1"
    return [
        ("kinds", "/api/reports/kinds", expect(200, anonymous=401)),
        ("reports", "/api/reports/reports", expect(200, anonymous=401, **no_people)),
        ("report A", f"/api/reports/reports/{a.pk}", expect(200, officer_b=404, anonymous=401, **no_people)),
        ("report B", f"/api/reports/reports/{b.pk}",
         expect(404, admin=200, supervisor=200, officer_b=200, anonymous=401, **no_people)),
        ("roll-up", rollup, expect(403, admin=200, supervisor=200, anonymous=401)),
        ("roll-up other province", rollup.replace(str(world.province.pk), str(world.other_province.pk), 1),
         expect(403, admin=422, supervisor=404, anonymous=401)),
        ("roll-up nothing submitted", rollup.replace("number=1", "number=4"),
         expect(403, admin=422, supervisor=422, anonymous=401)),
    ]


def test_every_api_endpoint_as_every_persona(client, world, reports):
    walk(client, world, api_cases(world, reports), headers=token_headers(world))


def test_api_lists_only_reports_in_scope(client, world, reports):
    from accounts.models import ApiToken

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.officer_b)[1]}"}
    items = client.get("/api/reports/reports", **auth).json()["items"]
    assert [i["id"] for i in items] == [reports["draft_b"].pk]
