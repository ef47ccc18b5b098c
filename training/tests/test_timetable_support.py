"""Builders shared by the timetable and attendance tests: a programme version with topics, a class at
centre A of the `world` fixture, learners enrolled in it, and lecturers who list its topics."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from curriculum.models import Programme, ProgrammeVersion, Topic
from facilities.models import Room
from tests import factories as f
from training.models import Enrolment, Klass, Session

_codes = itertools.count(1)

# Five lessons of the awareness course (Bồi dưỡng nhận thức về Đảng), periods as centres report them.
TOPICS = [
    ("Khái quát lịch sử Đảng Cộng sản Việt Nam", 8),
    ("Cương lĩnh chính trị của Đảng", 4),
    ("Điều lệ Đảng Cộng sản Việt Nam", 6),
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 4),
    ("Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam", 2),
]


def make_version(topics=TOPICS, *, max_absence_percent=20) -> ProgrammeVersion:
    n = next(_codes)
    programme = Programme.objects.create(code=f"NT{n}", name=f"Bồi dưỡng nhận thức về Đảng {n}",
                                         category="political_theory")
    version = ProgrammeVersion.objects.create(programme=programme, number=1, status="published",
                                              max_absence_percent=max_absence_percent,
                                              total_periods=sum(p for _, p in topics))
    for order, (title, periods) in enumerate(topics, start=1):
        Topic.objects.create(version=version, order=order, title=title, lecture_periods=periods)
    return version


def make_class(centre, *, version=None, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 13), room=None,
               status=Klass.Status.OPEN, **extra) -> Klass:
    version = version or make_version()
    n = next(_codes)
    return Klass.objects.create(centre=centre, version=version, code=f"NT-2026-{n:02d}", name=f"Lớp nhận thức {n}",
                                start_date=start, end_date=end, room=room, status=status, **extra)


def make_room(centre, name="Hội trường A") -> Room:
    return Room.objects.create(centre=centre, name=name, seats=80)


def enrol(klass, persons) -> list[Enrolment]:
    return [Enrolment.objects.create(klass=klass, person=p) for p in persons]


def learners(klass, count, centre=None) -> list[Enrolment]:
    people = [f.PersonFactory(centre=centre or klass.centre) for _ in range(count)]
    return enrol(klass, people)


def teacher(centre, *topics, **extra):
    return f.LecturerFactory(centre=centre, topics="\n".join(topics), **extra)


def session(klass, day, part=Session.Part.MORNING, *, topic=None, periods=4, **extra) -> Session:
    topic = topic or klass.version.topics.first()
    return Session.objects.create(klass=klass, date=day, part=part, topic=topic, periods=periods, **extra)


def test_builders_make_a_consistent_class(world):
    klass = make_class(world.centre_a)
    assert [t.total_periods for t in klass.version.topics.order_by("order")] == [8, 4, 6, 4, 2]
    assert len(learners(klass, 3)) == 3
    with pytest.raises(Exception):  # noqa: B017 - the database refuses a second session in the same slot
        from django.db import transaction

        with transaction.atomic():
            session(klass, dt.date(2026, 3, 2))
            session(klass, dt.date(2026, 3, 2))
