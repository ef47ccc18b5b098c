"""The lecturers pages and endpoints run the same number of queries whatever the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import ApiToken
from lecturers.services import feedback, pay
from lecturers.tests.builders import fee_table, guest, make_class, teach
from tests import factories as f
from training.tests.factories.timetable import learners


def _grow(world, n: int) -> None:
    for index in range(n):
        klass = make_class(world.centre_a)
        lecturer = guest(world.centre_a) if index % 2 else f.LecturerFactory(centre=world.centre_a)
        f.StaffAssignmentFactory(centre=world.centre_a, person=lecturer.person, position="lecturer")
        teach(klass, lecturer, 2)
        teach(klass, guest(world.centre_a), 1)
        learners(klass, 3)
        survey = feedback.open_survey(actor=world.officer_a, klass=klass)
        for code in survey.codes.values_list("code", flat=True)[:2]:
            feedback.submit_answers(survey=survey, code=code,
                                    answers={i.pk: "8" for i in survey.items.filter(kind="rating")})
        pay.finalise_payment_sheet(actor=world.officer_a, klass=klass)


def _urls(world):
    a = world.centre_a.pk
    lecturer = world.lecturer_profile.pk
    return [
        reverse("lecturers:payment_list"), reverse("lecturers:centre_load") + f"?centre={a}",
        reverse("lecturers:province_load"), reverse("lecturers:centre_standards") + f"?centre={a}",
        reverse("lecturers:centre_feedback") + f"?centre={a}", reverse("lecturers:province_feedback"),
        reverse("lecturers:lecturer_statement", args=[lecturer]), reverse("lecturers:lecturer_feedback", args=[lecturer]),
        reverse("lecturers:fee_table_list"), reverse("lecturers:norm_table_list"),
        f"/api/lecturers/loads?centre_id={a}&year=2026", f"/api/lecturers/standards?centre_id={a}",
    ]


def _counts(client, world, headers) -> dict[str, int]:
    counts = {}
    for url in _urls(world):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, **(headers if url.startswith("/api/") else {}))
        assert response.status_code == 200, url
        counts[url] = len(captured)
    return counts


@pytest.mark.django_db
def test_lecturers_pages_constant_queries(client, world):
    fee_table(world.province)
    client.force_login(world.admin)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.admin)[1]}"}
    _grow(world, 2)
    _counts(client, world, headers)  # the token records its first use once
    small = _counts(client, world, headers)
    _grow(world, 5)
    large = _counts(client, world, headers)
    assert large == small
