"""Every standards page and endpoint as every persona: 200 where allowed, 403 in scope but not allowed,
404 outside the scope, 302 to the login page for anonymous visitors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from standards.services import assessments, frameworks
from standards.tests.support import declare_everything, lenient_framework, pdf
from tests.access import ALL, expect, token_headers, walk


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def objects(world):
    national = frameworks.install_default_framework()
    draft = frameworks.new_version(actor=world.admin, framework=national)
    lenient = lenient_framework(world)
    lenient.published_at = national.published_at - dt.timedelta(days=1)  # the default stays the current one
    lenient.save(update_fields=["published_at"])
    a = assessments.open_assessment(actor=world.director_a, centre=world.centre_a, framework=national, year=2025)
    row = a.values.get(indicator__code="1.1.1")
    evidence = assessments.add_evidence(actor=world.officer_a, value=row, upload=pdf())
    b = assessments.open_assessment(actor=world.officer_b, centre=world.centre_b, framework=lenient, year=2025)
    declare_everything(world.officer_b, b)
    from tests import factories as f

    director_b = f.grant(f.UserFactory(username="director_b"), f.Role.CENTRE_DIRECTOR, centre=world.centre_b)
    assessments.submit_assessment(actor=director_b, assessment=b)
    director_c = f.grant(f.UserFactory(username="director_c"), f.Role.CENTRE_DIRECTOR, centre=world.centre_c)
    c = assessments.open_assessment(actor=director_c, centre=world.centre_c, framework=national, year=2025)
    computed = national.indicators.get(code="3.1.3")
    return {"national": national, "draft": draft, "a": a, "b": b, "c": c, "evidence": evidence,
            "computed": computed, "indicator": draft.indicators.get(code="2.2.2")}


def cases(world, o):
    w = world
    no_staff = dict(lecturer_a=403, learner_a=403)
    supervisors = dict.fromkeys(ALL, 403) | {"admin": 200, "supervisor": 200, "anonymous": 302}
    a_readers = expect(200, officer_b=404, **no_staff)
    a = o["a"].pk
    return [
        ("index", reverse("standards:index"), expect(302)),
        ("province", reverse("standards:province"), supervisors),
        ("province export", reverse("standards:province_export"), supervisors),
        ("province of another", reverse("standards:province") + f"?province={w.other_province.pk}",
         expect(403, admin=200, supervisor=404)),
        ("centre A", reverse("standards:centre", args=[w.centre_a.pk]), a_readers),
        ("centre C", reverse("standards:centre", args=[w.centre_c.pk]), expect(404, admin=200, **no_staff)
         | {"lecturer_a": 404, "learner_a": 404}),
        ("centre A drill", reverse("standards:centre_drill", args=[w.centre_a.pk, o["computed"].pk]), a_readers),
        ("framework list", reverse("standards:framework_list"), expect(200, **no_staff)),
        ("framework", reverse("standards:framework_detail", args=[o["national"].pk]), expect(200, **no_staff)),
        ("framework json", reverse("standards:framework_export", args=[o["national"].pk, "json"]),
         expect(200, **no_staff)),
        ("framework xlsx", reverse("standards:framework_export", args=[o["national"].pk, "xlsx"]),
         expect(200, **no_staff)),
        ("framework import", reverse("standards:framework_import"), supervisors),
        ("framework copy", reverse("standards:framework_copy", args=[o["national"].pk]), supervisors),
        ("framework edit (national draft)", reverse("standards:framework_edit", args=[o["draft"].pk]),
         expect(403, admin=200)),
        ("indicator edit (national draft)", reverse("standards:indicator_edit", args=[o["indicator"].pk]),
         expect(403, admin=200)),
        ("assessment list", reverse("standards:assessment_list"), expect(200, **no_staff)),
        ("assessment open", reverse("standards:assessment_open"),
         expect(200, supervisor=403, viewer_a=403, **no_staff)),
        ("assessment A", reverse("standards:assessment_detail", args=[a]), a_readers),
        ("assessment C", reverse("standards:assessment_detail", args=[o["c"].pk]), expect(404, admin=200, **no_staff)),
        ("assessment A drill", reverse("standards:drill", args=[a, o["computed"].pk]), a_readers),
        ("assessment A report docx", reverse("standards:document", args=[a, "report", "docx"]), a_readers),
        ("assessment A report pdf", reverse("standards:document", args=[a, "report", "pdf"]), a_readers),
        ("assessment A decision (not recognised)", reverse("standards:document", args=[a, "decision", "pdf"]),
         expect(404, **no_staff)),
        ("evidence of A", reverse("standards:evidence_file", args=[o["evidence"].pk]), a_readers),
        ("close B", reverse("standards:assessment_close", args=[o["b"].pk]),
         expect(404, admin=200, supervisor=200, officer_b=403)),
    ]


@pytest.mark.django_db
def test_every_standards_page_as_every_persona(client, world, objects):
    walk(client, world, cases(world, objects))


@pytest.mark.django_db
def test_posts_outside_scope_are_404_and_change_nothing(client, world, objects):
    client.force_login(world.officer_b)
    a = objects["a"]
    row = a.values.get(indicator__code="1.1.2")
    response = client.post(reverse("standards:value_declare", args=[a.pk, row.pk]), {"value": "1"})
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.value is None
    client.force_login(world.supervisor)
    other = objects["c"]
    assert client.post(reverse("standards:assessment_return", args=[other.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("standards:assessment_submit", args=[a.pk])).status_code == 403


def api_cases(world, o):
    staff = expect(200, lecturer_a=403, learner_a=403, anonymous=401)
    return [
        ("api frameworks", "/api/standards/frameworks", staff),
        ("api framework", f"/api/standards/frameworks/{o['national'].pk}", staff),
        ("api assessments", "/api/standards/assessments", staff),
        ("api assessment A", f"/api/standards/assessments/{o['a'].pk}", staff | {"officer_b": 404}),
        ("api assessment C", f"/api/standards/assessments/{o['c'].pk}",
         expect(404, admin=200, lecturer_a=403, learner_a=403, anonymous=401)),
        ("api overview", "/api/standards/province-overview",
         dict.fromkeys(ALL, 403) | {"admin": 200, "supervisor": 200, "anonymous": 401}),
        ("api overview other province", f"/api/standards/province-overview?province_id={world.other_province.pk}",
         dict.fromkeys(ALL, 403) | {"admin": 200, "supervisor": 404, "anonymous": 401}),
    ]


@pytest.mark.django_db
def test_every_standards_endpoint_as_every_persona(client, world, objects):
    walk(client, world, api_cases(world, objects), headers=token_headers(world))


@pytest.mark.django_db
def test_api_assessment_list_is_scoped(client, world, objects):
    from accounts.models import ApiToken

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.supervisor)[1]}"}
    ids = {a["id"] for a in client.get("/api/standards/assessments", **auth).json()["items"]}
    assert ids == {objects["a"].pk, objects["b"].pk}
    detail = client.get(f"/api/standards/assessments/{objects['b'].pk}", **auth).json()
    assert detail["status"] == "submitted" and detail["values"][0]["indicator_code"] == "1.1.1"
    assert detail["values"][0]["value"] is not None
