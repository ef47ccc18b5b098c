"""Every page and endpoint of the lecturers app as every persona (see tests/test_access_walk.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lecturers.models import FeeTable, NormTable, StandardSet
from lecturers.services import feedback
from lecturers.tests.builders import fee_table, make_class, teach
from tests import factories as f
from tests.access import ALL, expect, token_headers, walk
from training.tests.factories.timetable import enrol, learners

assert "anonymous" in ALL


@pytest.fixture
def objects(world):
    klass = make_class(world.centre_a)
    teach(klass, world.lecturer_profile, 1)
    enrol(klass, [world.learner_person])
    learners(klass, 3)
    survey = feedback.open_survey(actor=world.officer_a, klass=klass)
    staff = f.StaffAssignmentFactory(centre=world.centre_a, person=world.person_a, position="director",
                                     start_date=dt.date(2025, 7, 1))
    return {
        "klass": klass, "survey": survey, "staff": staff,
        "table_a": fee_table(world.province), "table_c": fee_table(world.other_province),
        "default_table": FeeTable.objects.get(is_editable_default=True),
        "norms": NormTable.objects.get(is_editable_default=True),
        "standard": StandardSet.objects.get(is_editable_default=True),
    }


def cases(world, o):
    w = world
    no_lecturer_learner = dict(lecturer_a=403, learner_a=403)
    own_lecturer = expect(200, officer_b=404, learner_a=404)
    klass_a = expect(200, officer_b=404, lecturer_a=403, learner_a=403)
    managers = dict(supervisor=403, viewer_a=403, officer_b=404, lecturer_a=403, learner_a=403)
    province = expect(403, admin=200, supervisor=200)
    admin_only = expect(403, admin=200)
    lec = w.lecturer_profile.pk
    k = o["klass"].pk
    return [
        ("fee tables", reverse("lecturers:fee_table_list"), expect(200, **no_lecturer_learner)),
        ("fee table A", reverse("lecturers:fee_table_detail", args=[o["table_a"].pk]), expect(200, **no_lecturer_learner)),
        ("default fee table", reverse("lecturers:fee_table_detail", args=[o["default_table"].pk]),
         expect(200, **no_lecturer_learner)),
        ("fee table C", reverse("lecturers:fee_table_detail", args=[o["table_c"].pk]),
         expect(404, admin=200, **no_lecturer_learner)),
        ("fee table create", reverse("lecturers:fee_table_create"), province),
        ("fee table A edit", reverse("lecturers:fee_table_edit", args=[o["table_a"].pk]), province),
        ("default fee table edit", reverse("lecturers:fee_table_edit", args=[o["default_table"].pk]), admin_only),
        ("payment sheets", reverse("lecturers:payment_list"), expect(200, **no_lecturer_learner)),
        ("class payment", reverse("lecturers:class_payment", args=[k]), klass_a),
        ("class payment estimate", reverse("lecturers:class_payment", args=[k]) + "?basis=estimate", klass_a),
        ("class payment xlsx", reverse("lecturers:class_payment_file", args=[k, "xlsx"]), klass_a),
        ("class payment docx", reverse("lecturers:class_payment_file", args=[k, "docx"]), klass_a),
        ("statement", reverse("lecturers:lecturer_statement", args=[lec]), own_lecturer),
        ("statement xlsx", reverse("lecturers:lecturer_statement", args=[lec]) + "?format=xlsx", own_lecturer),
        ("lecturer load", reverse("lecturers:lecturer_load", args=[lec]), own_lecturer),
        ("my load", reverse("lecturers:my_load"), expect(403, lecturer_a=302)),
        ("lecturer standard", reverse("lecturers:lecturer_standard", args=[lec]), own_lecturer),
        ("lecturer feedback", reverse("lecturers:lecturer_feedback", args=[lec]), own_lecturer),
        ("centre load", reverse("lecturers:centre_load"), expect(200, **no_lecturer_learner)),
        ("centre load A", reverse("lecturers:centre_load") + f"?centre={w.centre_a.pk}",
         expect(200, officer_b=404, **no_lecturer_learner)),
        ("centre load A xlsx", reverse("lecturers:centre_load") + f"?centre={w.centre_a.pk}&format=xlsx",
         expect(200, officer_b=404, **no_lecturer_learner)),
        ("province load", reverse("lecturers:province_load"), province),
        ("province load xlsx", reverse("lecturers:province_load") + "?format=xlsx", province),
        ("norms", reverse("lecturers:norm_table_list"), expect(200, **no_lecturer_learner)),
        ("norm table", reverse("lecturers:norm_table_detail", args=[o["norms"].pk]), expect(200, **no_lecturer_learner)),
        ("norm table create", reverse("lecturers:norm_table_create"), admin_only),
        ("norm table edit", reverse("lecturers:norm_table_edit", args=[o["norms"].pk]), admin_only),
        ("centre standards A", reverse("lecturers:centre_standards") + f"?centre={w.centre_a.pk}",
         expect(200, officer_b=404, **no_lecturer_learner)),
        ("training needs A", reverse("lecturers:centre_standards") + f"?centre={w.centre_a.pk}&format=xlsx",
         expect(200, officer_b=404, **no_lecturer_learner)),
        ("staff standard", reverse("lecturers:staff_standard", args=[o["staff"].pk]),
         expect(200, officer_b=404, lecturer_a=404, learner_a=404)),
        ("standard rules", reverse("lecturers:standard_sets"), expect(200, **no_lecturer_learner)),
        ("standard rules create", reverse("lecturers:standard_set_create"), admin_only),
        ("standard rules edit", reverse("lecturers:standard_set_edit", args=[o["standard"].pk]), admin_only),
        ("survey forms", reverse("lecturers:survey_templates"), expect(200, **no_lecturer_learner)),
        ("survey form new version", reverse("lecturers:survey_template_version", args=[o["survey"].template_id]),
         admin_only),
        ("class survey", reverse("lecturers:class_survey", args=[k]), klass_a),
        ("survey", reverse("lecturers:survey_detail", args=[o["survey"].pk]), klass_a),
        ("survey slips", reverse("lecturers:survey_slips", args=[o["survey"].pk]), expect(200, **managers)),
        ("survey form (public)", reverse("lecturers:survey_answer", args=[o["survey"].public_key]),
         expect(200, anonymous=200)),
        ("survey form unknown", reverse("lecturers:survey_answer", args=["nope"]), expect(404, anonymous=404)),
        ("centre feedback", reverse("lecturers:centre_feedback"), expect(200, **no_lecturer_learner)),
        ("centre feedback A xlsx", reverse("lecturers:centre_feedback") + f"?centre={w.centre_a.pk}&format=xlsx",
         expect(200, officer_b=404, **no_lecturer_learner)),
        ("province feedback", reverse("lecturers:province_feedback"), province),
    ]


@pytest.mark.django_db
def test_every_lecturers_page_as_every_persona(client, world, objects):
    walk(client, world, cases(world, objects))


POSTS = [
    ("lecturers:class_payment_finalise", "klass"), ("lecturers:class_payment_reopen", "klass"),
    ("lecturers:survey_close", "survey"), ("lecturers:class_survey", "klass"),
]


@pytest.mark.django_db
def test_changes_refused_outside_the_editors(client, world, objects):
    """Viewers, supervisors, lecturers and other centres' officers change nothing."""
    for persona in ("viewer_a", "supervisor", "lecturer_a", "officer_b"):
        client.force_login(getattr(world, persona))
        for name, key in POSTS:
            status = client.post(reverse(name, args=[objects[key].pk])).status_code
            assert status in (403, 404), f"{name} as {persona}: {status}"
        for name in ("lecturers:load_entry_add", "lecturers:load_post", "lecturers:lecturer_rank"):
            status = client.post(reverse(name, args=[world.lecturer_profile.pk]),
                                 {"kind": "leave", "percent": "10", "post": "director", "rank": "central"}).status_code
            assert status in (403, 404), f"{name} as {persona}: {status}"
    objects["survey"].refresh_from_db()
    assert objects["survey"].status == "open"
    assert not world.lecturer_profile.load_entries.exists()


def api_cases(world, o):
    w = world
    staff = dict(lecturer_a=403, learner_a=403, anonymous=401)
    klass_a = expect(200, officer_b=404, lecturer_a=403, learner_a=403, anonymous=401)
    return [
        ("norms", "/api/lecturers/norms", expect(200, **staff)),
        ("loads A", f"/api/lecturers/loads?centre_id={w.centre_a.pk}&year=2026",
         expect(200, officer_b=404, lecturer_a=403, learner_a=403, anonymous=401)),
        ("load of lecturer", f"/api/lecturers/lecturers/{w.lecturer_profile.pk}/load?year=2026",
         expect(200, officer_b=404, learner_a=404, anonymous=401)),
        ("payment", f"/api/lecturers/classes/{o['klass'].pk}/payment", klass_a),
        ("survey results", f"/api/lecturers/surveys/{o['survey'].pk}/results", klass_a),
        ("standards A", f"/api/lecturers/standards?centre_id={w.centre_a.pk}",
         expect(200, officer_b=404, lecturer_a=403, learner_a=403, anonymous=401)),
        ("standards C", f"/api/lecturers/standards?centre_id={w.centre_c.pk}",
         expect(404, admin=200, anonymous=401)),
    ]


@pytest.mark.django_db
def test_every_lecturers_endpoint_as_every_persona(client, world, objects):
    walk(client, world, api_cases(world, objects), headers=token_headers(world))


@pytest.mark.django_db
def test_api_payment_and_survey_carry_aggregates_only(client, world, objects):
    from accounts.models import ApiToken

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.officer_a)[1]}"}
    payment = client.get(f"/api/lecturers/classes/{objects['klass'].pk}/payment", **auth).json()
    assert payment["lines"][0]["rate"] == "0" and payment["total_in_words"] == "Không đồng"
    results = client.get(f"/api/lecturers/surveys/{objects['survey'].pk}/results", **auth).json()
    assert results["results_visible"] is False and results["items"] == []
    assert "codes" not in results and "texts" not in results
