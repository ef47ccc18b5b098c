"""Anonymous learner feedback: one answer per code, anonymity by schema, thresholds, invalid forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from lecturers.feedback import centre_results, lecturer_results, province_results, survey_results
from lecturers.models import RatingCount, Survey, SurveyCode, SurveyItem, TextAnswer
from lecturers.services import feedback as services
from lecturers.tests.builders import make_class, teach
from tests import factories as f
from training.tests.factories.timetable import learners


@pytest.fixture
def klass(world):
    k = make_class(world.centre_a)
    topic = k.version.topics.first()
    for session in teach(k, world.lecturer_profile, 2):
        session.topic = topic
        session.save()
    learners(k, 10)
    return k


def _answers(survey, score=8, text=None, skip=0):
    answers = {}
    ratings = [i for i in survey.items.all() if i.kind == "rating"]
    for index, item in enumerate(ratings):
        answers[item.pk] = "" if index < skip else str(score)
    if text:
        for item in survey.items.filter(kind="text"):
            answers[item.pk] = text
    return answers


def _codes(survey):
    return list(survey.codes.values_list("code", flat=True))


@pytest.mark.django_db
def test_open_survey_makes_one_code_per_learner_and_lecturer_items(world, klass):
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    assert survey.learners == 10 and survey.codes.count() == 10
    lecturer_items = survey.items.filter(section="lecturer")
    assert lecturer_items.count() == 4 and all(i.lecturer_id == world.lecturer_profile.pk for i in lecturer_items)
    assert RatingCount.objects.filter(item__survey=survey).count() == 10 * survey.items.filter(kind="rating").count()
    with pytest.raises(ValidationError):
        services.open_survey(actor=world.officer_a, klass=klass)  # one open survey per class


@pytest.mark.django_db
def test_a_class_without_learners_cannot_be_surveyed(world):
    empty = make_class(world.centre_a)
    with pytest.raises(ValidationError) as error:
        services.open_survey(actor=world.officer_a, klass=empty)
    assert "klass" in error.value.message_dict
    assert not Survey.objects.exists()


@pytest.mark.django_db
def test_codes_are_one_time_and_belong_to_their_class(world, klass):
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    other_class = make_class(world.centre_a)
    learners(other_class, 2)
    other = services.open_survey(actor=world.officer_a, klass=other_class)
    code = _codes(survey)[0]
    assert services.submit_answers(survey=survey, code=code.lower(), answers=_answers(survey)).counted
    with pytest.raises(ValidationError) as twice:
        services.submit_answers(survey=survey, code=code, answers=_answers(survey))
    assert "code" in twice.value.message_dict
    with pytest.raises(ValidationError) as foreign:
        services.submit_answers(survey=survey, code=_codes(other)[0], answers=_answers(survey))
    assert "lớp khác" in foreign.value.message_dict["code"][0] or "another class" in foreign.value.message_dict["code"][0]
    fresh = _codes(survey)[1]
    with pytest.raises(ValidationError) as outside:
        services.submit_answers(survey=survey, code=fresh, answers=_answers(survey, score=11))
    assert any(key.startswith("item_") for key in outside.value.message_dict)
    survey.refresh_from_db()
    assert survey.valid_forms == 1 and not SurveyCode.objects.get(code=fresh).used
    assert sum(RatingCount.objects.filter(item__survey=survey).values_list("count", flat=True)) == \
        survey.items.filter(kind="rating").count()


@pytest.mark.django_db
def test_anonymity_is_in_the_schema(world, klass):
    """No answer row reaches a person, an enrolment or a code, and none carries a time or a sequence."""
    from people.models import Person
    from training.models import Enrolment

    for model in (RatingCount, TextAnswer):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related not in (Person, Enrolment, SurveyCode), f"{model.__name__}.{field.name}"
            assert not isinstance(field, models.DateTimeField | models.DateField), f"{model.__name__}.{field.name}"
    assert isinstance(TextAnswer._meta.pk, models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField) for f in SurveyCode._meta.get_fields())
    assert {f.name for f in SurveyCode._meta.get_fields()} == {"id", "survey", "code", "used"}
    # The chain from a score goes item → survey → class, never further down to a learner.
    assert {f.name for f in SurveyItem._meta.get_fields() if f.is_relation} == {
        "survey", "question", "lecturer", "topic", "counts", "texts"}
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    services.submit_answers(survey=survey, code=_codes(survey)[0], answers=_answers(survey, text="Rất hay"))
    keys = [str(pk) for pk in TextAnswer.objects.values_list("pk", flat=True)]
    assert keys and all(len(k) == 36 for k in keys)


@pytest.mark.django_db
def test_results_hidden_below_the_thresholds(client, world, klass):
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    codes = _codes(survey)
    services.submit_answers(survey=survey, code=codes[0], answers=_answers(survey, score=9))
    survey.refresh_from_db()
    assert not survey.results_visible  # 1 answer < 2
    services.submit_answers(survey=survey, code=codes[1], answers=_answers(survey, score=7))
    survey.refresh_from_db()
    assert survey.results_visible  # 2 answers, 20 % of 10
    assert lecturer_results(world.lecturer_profile.person_id)[0].average == 8
    survey.template.min_share_percent = 30  # thresholds are data
    survey.template.save()
    survey.refresh_from_db()
    assert not survey.results_visible
    assert lecturer_results(world.lecturer_profile.person_id) == []
    client.force_login(world.director_a)
    page = client.get(reverse("lecturers:survey_detail", args=[survey.pk])).content.decode()
    assert 'id="results-hidden"' in page and 'id="survey-results"' not in page


@pytest.mark.django_db
def test_incomplete_forms_are_confirmed_and_not_counted(world, klass):
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    code = _codes(survey)[0]
    outcome = services.submit_answers(survey=survey, code=code, answers=_answers(survey, skip=1))
    # One of twelve scores unanswered is 8,3 % > 5 %: shown back, nothing written.
    assert outcome.needs_confirmation and outcome.unanswered == 1
    assert not SurveyCode.objects.get(code=code).used
    outcome = services.submit_answers(survey=survey, code=code, answers=_answers(survey, skip=1), confirm_incomplete=True)
    survey.refresh_from_db()
    assert not outcome.counted and survey.invalid_forms == 1 and survey.valid_forms == 0
    assert sum(RatingCount.objects.filter(item__survey=survey).values_list("count", flat=True)) == 0


@pytest.mark.django_db
def test_free_text_is_reviewed_before_others_see_it(client, world, klass):
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    for code in _codes(survey)[:3]:
        services.submit_answers(survey=survey, code=code, answers=_answers(survey, text="Giảng viên nhiệt tình"))
    client.force_login(world.viewer_a)
    assert "Giảng viên nhiệt tình" not in client.get(reverse("lecturers:survey_detail", args=[survey.pk])).content.decode()
    answer = TextAnswer.objects.filter(item__survey=survey).first()
    client.force_login(world.officer_a)
    client.post(reverse("lecturers:text_review", args=[answer.pk]), {"publish": "1"})
    client.force_login(world.viewer_a)
    page = client.get(reverse("lecturers:survey_detail", args=[survey.pk])).content.decode()
    assert page.count("Giảng viên nhiệt tình") == 1


@pytest.mark.django_db
def test_public_form_and_aggregates(client, world, klass, django_assert_max_num_queries):
    survey = services.open_survey(actor=world.officer_a, klass=klass)
    url = reverse("lecturers:survey_answer", args=[survey.public_key])
    for code in _codes(survey)[:4]:
        data = {"code": code, **{f"item_{k}": v for k, v in _answers(survey, score=6).items()}}
        response = client.post(url, data)
        assert response.status_code == 200 and "thanks" in response.content.decode()
    assert client.post(url, {"code": _codes(survey)[0]}).status_code == 400
    results = survey_results(survey)
    assert all(r.n == 4 and r.average == 6 for r in results)
    assert results[0].band == "khá"
    f.CentreFactory(province=world.province)
    with django_assert_max_num_queries(4):
        centre = centre_results([world.centre_a.pk])
        province = province_results([(world.centre_a.pk, "A"), (world.centre_b.pk, "B")])
    assert centre["lecturers"][0].average == 6 and centre["lecturers"][0].surveys == 1
    assert province[0].average == 6 and province[1].average is None
