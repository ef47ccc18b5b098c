"""Liên thông reads completions from the classes a person completed (through reverse relations, no registry)."""

from __future__ import annotations

import pytest

from curriculum import lienthong
from curriculum.models import TopicMapping
from training.tests.factories import EnrolmentFactory, KlassFactory, ResultFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_topics_of_a_completed_class_count_toward_mapped_modules(world):
    klass = KlassFactory(centre=world.centre_a)
    topic = TopicFactory(version=klass.version, order=1, code="CĐ1")
    school_class = KlassFactory(centre=world.centre_a)
    module = TopicFactory(version=school_class.version, order=1, code="HP1")
    TopicMapping.objects.create(centre_topic=topic, school_module=module, coverage="equivalent")
    ResultFactory(enrolment=EnrolmentFactory(klass=klass, person=world.person_a), completed=True)
    ResultFactory(enrolment=EnrolmentFactory(klass=klass, person=world.person_b), completed=False)

    assert list(lienthong.completed_topic_ids(world.person_a)) == [topic.pk]
    assert [c.module.code for c in lienthong.credited_modules(world.person_a)] == ["HP1"]
    assert list(lienthong.completed_topic_ids(world.person_b)) == []
