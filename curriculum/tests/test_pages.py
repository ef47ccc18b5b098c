"""Every page for anonymous (302 to login), out-of-scope (404), lacking the right (403) and permitted users."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curriculum.models import OverlapReview, Programme, ProgrammeVersion, TopicMapping
from curriculum.services import derive_version
from curriculum.tests.conftest import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world, catalogue, local_programme):
    programme, version = local_programme
    draft = derive_version(actor=world.director_a, source=version)
    return {"programme": programme, "version": version, "draft": draft, "national": catalogue["DVM"]}


def _pages(s, world):
    p, v, d = s["programme"], s["version"], s["draft"]
    return [
        reverse("curriculum:programme_detail", args=[p.pk]),
        reverse("curriculum:programme_edit", args=[p.pk]),
        reverse("curriculum:programme_retire", args=[p.pk]),
        reverse("curriculum:version_detail", args=[v.pk]),
        reverse("curriculum:version_edit", args=[d.pk]),
        reverse("curriculum:version_export_json", args=[v.pk]),
        reverse("curriculum:version_export_xlsx", args=[v.pk]),
        reverse("curriculum:version_compare") + f"?a={v.pk}&b={d.pk}",
        reverse("curriculum:person_credits", args=[world.person_a.pk]),
    ]


def test_anonymous_is_sent_to_login(client, world, setup):
    pages = _pages(setup, world) + [reverse(n) for n in ("curriculum:programme_list", "curriculum:programme_create",
                                                       "curriculum:catalogue_import", "curriculum:overlap_report",
                                                       "curriculum:mapping_list")]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_out_of_scope_is_404(client, world, setup):
    client.force_login(world.officer_b)  # centre B does not see centre A's local programme or person
    for url in _pages(setup, world):
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("curriculum:version_derive", args=[setup["version"].pk]))
    assert response.status_code == 404


def test_permitted_users_see_every_page(client, world, setup):
    client.force_login(world.director_a)
    for url in _pages(setup, world):
        assert client.get(url).status_code == 200, url
    for name in ("curriculum:programme_list", "curriculum:programme_create", "curriculum:catalogue_import",
                 "curriculum:overlap_report", "curriculum:mapping_list"):
        assert client.get(reverse(name)).status_code == 200, name
    client.force_login(world.supervisor)
    for url in _pages(setup, world):
        assert client.get(url).status_code == 200, url


def test_reading_is_not_editing(client, world, setup):
    client.force_login(world.viewer_a)
    assert client.get(reverse("curriculum:programme_detail", args=[setup["programme"].pk])).status_code == 200
    assert client.get(reverse("curriculum:programme_edit", args=[setup["programme"].pk])).status_code == 403
    assert client.get(reverse("curriculum:version_edit", args=[setup["draft"].pk])).status_code == 403
    assert client.get(reverse("curriculum:programme_create")).status_code == 403
    client.force_login(world.officer_a)  # centre staff read the national catalogue
    national = setup["national"]
    assert client.get(reverse("curriculum:programme_detail", args=[national.pk])).status_code == 200
    assert client.get(reverse("curriculum:programme_edit", args=[national.pk])).status_code == 403
    response = client.post(reverse("curriculum:version_derive", args=[national.versions.get().pk]))
    assert response.status_code == 403
    assert national.versions.count() == 1


def test_local_programmes_are_visible_only_in_scope(world, setup):
    code = setup["programme"].code
    for user, sees in [(world.director_a, True), (world.officer_a, True), (world.viewer_a, True),
                       (world.supervisor, True), (world.admin, True), (world.officer_b, False),
                       (world.learner_a, True)]:
        assert Programme.objects.visible_to(user).filter(code=code).exists() is sees, user
    other_province, _v = make_programme("TINH-C", owner_province=world.other_province)
    assert not Programme.objects.visible_to(world.supervisor).filter(pk=other_province.pk).exists()
    assert Programme.objects.visible_to(world.officer_b).filter(code="DVM").exists()


def test_list_search_ignores_diacritics(client, world, setup):
    client.force_login(world.officer_a)
    response = client.get(reverse("curriculum:programme_list"), {"q": "dang vien moi"})
    names = [p.code for p in response.context["object_list"]]
    assert names == ["DVM"]
    response = client.get(reverse("curriculum:programme_list"), {"q": "LỊCH SỬ ĐẢNG BỘ"})
    assert [p.code for p in response.context["object_list"]] == ["LSDB-A"]


def test_list_query_count_does_not_grow(client, world, setup):
    client.force_login(world.supervisor)
    url = reverse("curriculum:programme_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(12):
        make_programme(f"EXTRA{i}", owner_province=world.province)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["total"] > 20
    assert len(many) == len(few)


def test_supervisor_reviews_an_overlap_and_it_shows_again(client, world, setup):
    client.force_login(world.supervisor)
    report = client.get(reverse("curriculum:overlap_report")).context["report"]
    pair = report.topic_pairs[0]
    data = {"topic_a": pair.a.pk, "topic_b": pair.b.pk, "verdict": "real", "decision": "shorten",
            "note": "Rút gọn ở chương trình sơ cấp", "score": pair.score, "saved_side": "a", "periods_saved": 1}
    client.force_login(world.officer_a)
    assert client.post(reverse("curriculum:overlap_review"), data).status_code == 403
    assert not OverlapReview.objects.exists()
    client.force_login(world.supervisor)
    assert client.post(reverse("curriculum:overlap_review"), data).status_code == 302
    again = client.get(reverse("curriculum:overlap_report")).context["report"]
    shown = next(p for p in again.topic_pairs if {p.a.pk, p.b.pk} == {pair.a.pk, pair.b.pk})
    assert shown.review.decision == "shorten"
    ranked = again.programme_pairs
    assert ranked == sorted(ranked, key=lambda g: -g.overlap_periods)


def test_overlap_report_is_scoped(client, world, setup):
    client.force_login(world.officer_b)
    report = client.get(reverse("curriculum:overlap_report")).context["report"]
    assert "LSDB-A" not in {p.code for p in report.programmes}


def test_mapping_pages(client, world, setup):
    mapping = TopicMapping.objects.first()
    client.force_login(world.officer_a)
    assert client.post(reverse("curriculum:mapping_delete", args=[mapping.pk])).status_code == 403
    client.force_login(world.supervisor)
    assert client.post(reverse("curriculum:mapping_delete", args=[mapping.pk])).status_code == 302
    assert not TopicMapping.objects.filter(pk=mapping.pk).exists()


def test_edit_a_draft_through_the_form(client, world, setup):
    draft = setup["draft"]
    client.force_login(world.director_a)
    form = client.get(reverse("curriculum:version_edit", args=[draft.pk])).context
    data = {}
    for fs_name in ("topics", "components", "bands", "prerequisites"):
        fs = form[fs_name]
        data.update({f"{fs.prefix}-{k}": v for k, v in fs.management_form.initial.items()})
        for f in fs.forms:
            for name, field in f.fields.items():
                value = f.initial.get(name, field.initial)
                if value is None or value is False:
                    continue
                data[f"{f.prefix}-{name}"] = getattr(value, "pk", value)
    for name in form["header"].fields:
        value = form["header"].initial.get(name)
        if value not in (None, False):
            data[name] = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else value
    data["topics-0-lecture_periods"] = 6
    data["total_periods"] = 11
    response = client.post(reverse("curriculum:version_edit", args=[draft.pk]), data)
    assert response.status_code == 302, response.context and response.context.get("errors")
    assert ProgrammeVersion.objects.get(pk=draft.pk).topics.first().lecture_periods == 6
    data["total_periods"] = 99
    response = client.post(reverse("curriculum:version_edit", args=[draft.pk]), data)
    assert response.status_code == 200
    assert any("Tổng số tiết" in e for e in response.context["errors"])
