"""Builders of the timetable and attendance tests: a programme version with topics, a class at centre A of
the `world` fixture, learners enrolled in it, and lecturers who list its topics."""

from __future__ import annotations

import datetime as dt

from facilities.models import Room
from tests import factories as f
from training.models import Enrolment, Klass, Session
from training.tests.factories import EnrolmentFactory, KlassFactory, ProgrammeVersionFactory, SessionFactory

# Five lessons of the awareness course (Bồi dưỡng nhận thức về Đảng), periods as centres report them.
TOPICS = [
    ("Khái quát lịch sử Đảng Cộng sản Việt Nam", 8),
    ("Cương lĩnh chính trị của Đảng", 4),
    ("Điều lệ Đảng Cộng sản Việt Nam", 6),
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 4),
    ("Phấn đấu trở thành đảng viên Đảng Cộng sản Việt Nam", 2),
]


def make_version(topics=TOPICS, *, max_absence_percent=20):
    return ProgrammeVersionFactory(programme__name="Bồi dưỡng nhận thức về Đảng", topics=topics,
                                   max_absence_percent=max_absence_percent, total_periods=sum(p for _, p in topics))


def make_class(centre, *, version=None, start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 13), room=None,
               status=Klass.Status.OPEN, **extra) -> Klass:
    return KlassFactory(centre=centre, version=version or make_version(), start_date=start, end_date=end, room=room,
                        status=status, **extra)


def make_room(centre, name="Hội trường A") -> Room:
    return Room.objects.create(centre=centre, name=name, seats=80)


def enrol(klass, persons) -> list[Enrolment]:
    return [EnrolmentFactory(klass=klass, person=p) for p in persons]


def learners(klass, count, centre=None) -> list[Enrolment]:
    return enrol(klass, [f.PersonFactory(centre=centre or klass.centre) for _ in range(count)])


def teacher(centre, *topics, **extra):
    return f.LecturerFactory(centre=centre, topics="\n".join(topics), **extra)


def session(klass, day, part=Session.Part.MORNING, *, topic=None, periods=4, **extra) -> Session:
    return SessionFactory(klass=klass, date=day, part=part, topic=topic or klass.version.topics.first(),
                          periods=periods, **extra)
