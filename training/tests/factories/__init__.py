"""factory_boy factories for the class lifecycle: programme versions with their topics and rules, classes,
enrolments, sessions, scores and results. The persons, centres and users come from `tests.factories`.

The builders of each stage's tests are the modules of this package (`classes`, `nominations`,
`timetable`, `results`): they put the factories together into the situations the tests talk about
("an approved class of centre A", "a programme that requires another one").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from curriculum.choices import AssessmentKind, Category, VersionStatus
from curriculum.models import AssessmentComponent, GradeBand, Programme, ProgrammeVersion, Topic
from tests import factories as f
from training.models import Enrolment, Klass, Result, Score, Session

START = dt.date(2026, 3, 2)  # a Monday


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"P{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Chương trình {o.code}")
    category = Category.POLITICAL_THEORY


class ProgrammeVersionFactory(factory.django.DjangoModelFactory):
    """A published version; `topics=[(title, periods), …]` adds its topics in order."""

    class Meta:
        model = ProgrammeVersion
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    number = factory.LazyAttribute(lambda o: o.programme.versions.count() + 1 if o.programme.pk else 1)
    status = VersionStatus.PUBLISHED
    total_periods = 40

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        for order, (title, periods) in enumerate(extracted or (), start=1):
            TopicFactory(version=self, order=order, title=title, lecture_periods=periods)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    version = factory.SubFactory(ProgrammeVersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.LazyAttribute(lambda o: f"Chuyên đề {o.order}")
    lecture_periods = 4


class AssessmentComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentComponent

    version = factory.SubFactory(ProgrammeVersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = AssessmentKind.ESSAY
    name = "Bài thu hoạch"
    weight = Decimal("100")
    required = True


class GradeBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GradeBand

    version = factory.SubFactory(ProgrammeVersionFactory)
    order = factory.Sequence(lambda n: n + 1)
    classification = "average"
    min_score = Decimal("5.0")
    max_score = Decimal("7.0")
    passing = True


class KlassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Klass

    centre = factory.SubFactory(f.CentreFactory)
    version = factory.SubFactory(ProgrammeVersionFactory)
    code = factory.Sequence(lambda n: f"L-2026-{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Lớp {o.code}")
    start_date = START
    end_date = factory.LazyAttribute(lambda o: o.start_date + dt.timedelta(days=4))
    status = Klass.Status.OPEN
    capacity = 60


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    klass = factory.SubFactory(KlassFactory)
    person = factory.SubFactory(f.PersonFactory, centre=factory.SelfAttribute("..klass.centre"))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    klass = factory.SubFactory(KlassFactory)
    date = factory.LazyAttribute(lambda o: o.klass.start_date)
    part = Session.Part.MORNING
    topic = factory.LazyAttribute(lambda o: o.klass.version.topics.order_by("order").first())
    periods = 4


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    enrolment = factory.SubFactory(EnrolmentFactory)
    component = factory.SubFactory(AssessmentComponentFactory, version=factory.SelfAttribute("..enrolment.klass.version"))
    value = Decimal("7.0")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    enrolment = factory.SubFactory(EnrolmentFactory)
    final_score = Decimal("7.0")
    completed = True
