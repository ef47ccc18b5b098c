"""Liên thông: mapping centre topics to provincial-school modules, and a person's credits."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from curriculum import lienthong
from curriculum.models import Topic, TopicMapping
from curriculum.services import add_mapping

pytestmark = pytest.mark.django_db


def _topic(programme_code, code):
    return Topic.objects.get(version__programme__code=programme_code, version__status="published", code=code)


def test_catalogue_seeds_default_mappings(catalogue):
    assert TopicMapping.objects.filter(centre_topic__version__programme__code="SCLLCT",
                                       school_module__version__programme__code="TCLLCT-HC").count() == 7


def test_completed_topics_count_toward_modules(world, catalogue):
    history = _topic("SCLLCT", "CĐ4")
    add_mapping(actor=world.supervisor, centre_topic=_topic("NTVD", "Bài 1"), school_module=_topic("TCLLCT-HC", "HP3"),
                coverage="partial")
    add_mapping(actor=world.supervisor, centre_topic=_topic("SCLLCT", "CĐ1"), school_module=_topic("TCLLCT-HC", "HP1"),
                coverage="equivalent")
    completed = [history.pk, _topic("SCLLCT", "CĐ1").pk, _topic("NTVD", "Bài 1").pk, _topic("SCLLCT", "CĐ8").pk]
    by_code = {c.module.code: c for c in lienthong.credited_modules(world.person_a, completed)}
    assert set(by_code) == {"HP1", "HP3"}
    assert by_code["HP1"].is_equivalent
    assert not by_code["HP3"].is_equivalent
    assert {t.code for t, _cov in by_code["HP3"].covered_by} == {"CĐ4", "Bài 1"}
    assert lienthong.credited_modules(world.person_a, []) == []


def test_a_person_without_completed_classes_has_no_credits(world, catalogue):
    assert list(lienthong.completed_topic_ids(world.person_a)) == []
    assert lienthong.credited_modules(world.person_a) == []


def test_only_supervisors_map_and_only_the_right_kinds(world, catalogue):
    centre_topic, module = _topic("DVM", "CĐ1"), _topic("TCLLCT-HC", "HP1")
    with pytest.raises(PermissionDenied):
        add_mapping(actor=world.officer_a, centre_topic=centre_topic, school_module=module, coverage="partial")
    with pytest.raises(ValidationError):
        add_mapping(actor=world.supervisor, centre_topic=module, school_module=centre_topic, coverage="partial")
    assert not TopicMapping.objects.filter(centre_topic=centre_topic).exists()
