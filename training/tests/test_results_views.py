"""The results pages: access by persona, the grid round trip, approval, corrections, the decision files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape as html_escape

from core.models import AuditEvent
from training.models import Klass, Score
from training.results import selectors
from training.results.rules import REASON_LABELS
from training.results.services import cell_name
from training.tests.factories.results import approved_class, enrolments, fill_scores, make_class, staff_the_centre


def get_as(client, user, url, **kwargs):
    client.force_login(user)
    return client.get(url, **kwargs)


@pytest.mark.parametrize(
    "persona, status",
    [
        ("anonymous", 302),
        ("officer_b", 404),
        ("learner_a", 403),
        ("lecturer_a", 404),
        ("viewer_a", 200),
        ("supervisor", 200),
        ("director_a", 200),
        ("officer_a", 200),
        ("admin", 200),
    ],
)
def test_grid_access_by_persona(client, world, persona, status):
    klass = make_class(world, learners=1)
    # The learner persona is enrolled, so the class is visible to them, but not its grid.
    klass.enrolments.create(person=world.learner_person)
    user = world.personas()[persona]
    if user:
        client.force_login(user)
    response = client.get(reverse("training:results_grid", args=[klass.pk]))
    assert response.status_code == status


def test_viewer_sees_the_grid_without_inputs(client, world):
    klass = make_class(world, learners=1)
    response = get_as(client, world.viewer_a, reverse("training:results_grid", args=[klass.pk]))
    assert b'class="score"' not in response.content
    response = client.post(reverse("training:results_grid", args=[klass.pk]), {})
    assert response.status_code == 403


def test_officer_saves_the_grid(client, world):
    klass = make_class(world, learners=2)
    url = reverse("training:results_grid", args=[klass.pk])
    page = get_as(client, world.officer_a, url)
    components = list(klass.version.components.order_by("order"))
    first, second = enrolments(klass)
    assert cell_name(first.pk, components[0].pk).encode() in page.content
    data = {
        cell_name(first.pk, components[0].pk): "7,5",
        cell_name(first.pk, components[1].pk): "8.5",
        cell_name(second.pk, components[0].pk): "6",
        cell_name(second.pk, components[1].pk): "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert Score.objects.filter(enrolment__klass=klass).count() == 3
    assert first.result.final_score == Decimal("8.1")


def test_grid_rows_read_back_scores_results_and_reasons(client, world):
    # The grid's rows come from compiled reads as the driver returns them (decimals, booleans and the
    # reasons' JSON differ between PostgreSQL and SQLite): the texts must be the same either way.
    klass = make_class(world, learners=2)
    url = reverse("training:results_grid", args=[klass.pk])
    components = list(klass.version.components.order_by("order"))
    first, second = enrolments(klass)
    client.force_login(world.officer_a)
    client.post(url, {cell_name(first.pk, components[0].pk): "7,5", cell_name(first.pk, components[1].pk): "8.5",
                      cell_name(second.pk, components[0].pk): "6"})
    second.refresh_from_db()
    assert second.result.reasons, "the second learner lacks a required score"
    rows = {row.enrolment_id: row for row in selectors.score_grid(klass, components)}
    assert rows[first.pk].texts == ["7,5", "8,5"] and rows[first.pk].final == "8,1"
    assert rows[first.pk].completed is True and rows[first.pk].reasons == ""
    assert rows[second.pk].texts == ["6,0", ""] and rows[second.pk].completed is False
    assert rows[second.pk].reasons == "; ".join(str(REASON_LABELS[r]) for r in second.result.reasons)
    assert html_escape(rows[second.pk].reasons) in client.get(url).content.decode()


def test_bad_cells_come_back_marked_and_nothing_is_saved(client, world):
    klass = make_class(world, learners=1)
    components = list(klass.version.components.order_by("order"))
    enrolment = enrolments(klass)[0]
    client.force_login(world.officer_a)
    response = client.post(
        reverse("training:results_grid", args=[klass.pk]),
        {
            cell_name(enrolment.pk, components[0].pk): "7,5",
            cell_name(enrolment.pk, components[1].pk): "12",
        },
    )
    assert response.status_code == 400
    assert b'aria-invalid="true"' in response.content
    assert b'value="12"' in response.content  # what was typed stays for the user to fix
    assert f"err-{cell_name(enrolment.pk, components[1].pk)}".encode() in response.content
    assert Score.objects.count() == 0


def test_typed_values_and_names_are_escaped(client, world):
    klass = make_class(world, learners=1)
    enrolment = enrolments(klass)[0]
    type(enrolment.person).objects.filter(pk=enrolment.person_id).update(given_name='<b>Mai</b>')
    first = klass.version.components.order_by("order").first()
    client.force_login(world.officer_a)
    response = client.post(reverse("training:results_grid", args=[klass.pk]),
                           {cell_name(enrolment.pk, first.pk): '"><script>x</script>'})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html and "<script>x" not in html
    assert "&lt;b&gt;Mai&lt;/b&gt;</td>" in html and "<b>Mai" not in html
    enrolment.person.refresh_from_db()
    assert f'aria-label="{html_escape(enrolment.person.full_name)} – {first.name}"' in html


def test_grid_queries_do_not_grow_with_learners(client, world):
    small = make_class(world, learners=2)
    big = make_class(world, learners=25)
    fill_scores(small, [[7, 8]] * 2)
    fill_scores(big, [[7, 8]] * 25)
    client.force_login(world.officer_a)
    client.get(reverse("training:results_grid", args=[small.pk]))  # warm caches (sessions, content types)
    counts = []
    for klass in (small, big):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("training:results_grid", args=[klass.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] > 0


def test_saving_the_grid_takes_the_same_queries_for_many_learners(client, world):
    """Scores, their audit events and the learners' results are written in bulk: a save of 20 learners'
    cells costs the queries of a save of 2 (one changed score, one new score per learner)."""
    client.force_login(world.officer_a)
    counts = []
    for size in (2, 20):
        klass = make_class(world, learners=size)
        fill_scores(klass, [[7, None]] * size)
        first, second = klass.version.components.order_by("order")
        data = {}
        for enrolment in enrolments(klass):
            data[cell_name(enrolment.pk, first.pk)] = "8"
            data[cell_name(enrolment.pk, second.pk)] = "6,5"
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("training:results_grid", args=[klass.pk]), data)
        assert response.status_code == 302
        assert Score.objects.filter(enrolment__klass=klass, value__in=[Decimal(8), Decimal("6.5")]).count() == 2 * size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_refused_save_takes_the_same_queries_for_many_learners(client, world):
    """A refused save comes back as the grid with the cells marked, whatever the class size."""
    client.force_login(world.officer_a)
    counts = []
    for size in (2, 20):
        klass = make_class(world, learners=size)
        first = klass.version.components.order_by("order").first()
        data = {cell_name(e.pk, first.pk): "12" for e in enrolments(klass)}
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("training:results_grid", args=[klass.pk]), data)
        assert response.status_code == 400
        assert response.content.count(b'aria-invalid="true"') == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_director_approves_from_the_grid(client, world):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[8, 8]])
    grid = get_as(client, world.director_a, reverse("training:results_grid", args=[klass.pk]))
    assert reverse("training:results_approve", args=[klass.pk]).encode() in grid.content
    response = client.post(reverse("training:results_approve", args=[klass.pk]))
    assert response.status_code == 302
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.RESULTS_APPROVED


def test_officer_cannot_approve(client, world):
    klass = make_class(world, learners=1)
    fill_scores(klass, [[8, 8]])
    client.force_login(world.officer_a)
    assert client.post(reverse("training:results_approve", args=[klass.pk])).status_code == 403
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.IN_PROGRESS


def test_refused_approval_is_explained(client, world):
    klass = make_class(world, learners=1)
    client.force_login(world.director_a)
    response = client.post(reverse("training:results_approve", args=[klass.pk]), follow=True)
    assert Klass.objects.get(pk=klass.pk).status == Klass.Status.IN_PROGRESS
    assert len(list(response.context["messages"])) == 1


def test_correction_page(client, world):
    klass = approved_class(world, learners=1)
    enrolment = enrolments(klass)[0]
    component = klass.version.components.order_by("order").first()
    url = reverse("training:score_correct", args=[klass.pk, enrolment.pk, component.pk])
    grid = get_as(client, world.officer_a, reverse("training:results_grid", args=[klass.pk]))
    assert url.encode() in grid.content and b'class="score"' not in grid.content
    assert client.get(url).status_code == 200
    response = client.post(url, {"value": "9,5", "reason": ""})
    assert response.status_code == 200 and Score.objects.get(enrolment=enrolment, component=component).value == 8
    response = client.post(url, {"value": "9,5", "reason": "Nhập nhầm điểm"})
    assert response.status_code == 302
    assert Score.objects.get(enrolment=enrolment, component=component).value == Decimal("9.5")
    assert AuditEvent.objects.filter(action="correct", reason="Nhập nhầm điểm").exists()


def test_viewer_cannot_correct(client, world):
    klass = approved_class(world, learners=1)
    enrolment = enrolments(klass)[0]
    component = klass.version.components.first()
    response = get_as(
        client, world.viewer_a, reverse("training:score_correct", args=[klass.pk, enrolment.pk, component.pk])
    )
    assert response.status_code == 403


def test_recognition_decision_page_and_files(client, world):
    staff_the_centre(world)
    klass = approved_class(world, learners=2)
    url = reverse("training:recognition_decision", args=[klass.pk])
    assert get_as(client, world.officer_a, url).status_code == 200
    response = client.post(url, {"number": "15-QĐ/TTCT", "date": "20/03/2026"})
    assert response.status_code == 302
    klass.refresh_from_db()
    assert (klass.recognition_decision_number, klass.recognition_decision_date) == ("15-QĐ/TTCT", dt.date(2026, 3, 20))
    word = client.get(reverse("training:recognition_download", args=[klass.pk, "docx"]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    pdf = client.get(reverse("training:recognition_download", args=[klass.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_recognition_files_wait_for_approval(client, world):
    klass = make_class(world, learners=1)
    client.force_login(world.officer_a)
    assert client.get(reverse("training:recognition_download", args=[klass.pk, "pdf"])).status_code == 404
    assert (
        client.post(reverse("training:recognition_decision", args=[klass.pk]), {"number": "1", "date": ""}).status_code
        == 403
    )


def test_recognition_out_of_scope_is_missing(client, world):
    klass = approved_class(world, learners=1)
    assert (
        get_as(client, world.officer_b, reverse("training:recognition_download", args=[klass.pk, "docx"])).status_code
        == 404
    )


def test_correction_that_fails_a_certificate_holder_warns(client, world):
    from certificates.services import issue_certificates

    klass = approved_class(world, learners=1)
    certificate = issue_certificates(actor=world.officer_a, klass=klass)[0]
    enrolment = enrolments(klass)[0]
    component = klass.version.components.order_by("order").first()
    client.force_login(world.officer_a)
    response = client.post(
        reverse("training:score_correct", args=[klass.pk, enrolment.pk, component.pk]),
        {"value": "0", "reason": "Bài thu hoạch sao chép"},
        follow=True,
    )
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1 and certificate.number_label in str(warnings[0])
    certificate.refresh_from_db()
    assert certificate.status == "valid"  # revoking stays a decision of its own
