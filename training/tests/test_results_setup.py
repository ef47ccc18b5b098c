"""Builders shared by the results and certificates tests: a programme version with its rules and a class.

Kept in a test_ module (the results area owns only those); it holds no tests of its own.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from curriculum.choices import AssessmentKind, CertificateType, GradingScheme, VersionStatus
from curriculum.models import AssessmentComponent, GradeBand, Programme, ProgrammeVersion, Topic
from org.models import CentreHost
from people.models import StaffAssignment
from tests import factories as f
from training.models import Attendance, Enrolment, Klass, Score, Session
from training.results.services import recompute_results

_codes = itertools.count(1)
START = dt.date(2026, 3, 2)  # a Monday

DEFAULT_BANDS = [
    ("excellent", "9.0", "10.0", True),
    ("very_good", "8.0", "9.0", True),
    ("good", "7.0", "8.0", True),
    ("average", "5.0", "7.0", True),
    ("fail", "0.0", "5.0", False),
]


def make_version(
    *,
    scheme=GradingScheme.TEN_POINT,
    components=(("Bài thu hoạch", "40", True), ("Bài kiểm tra", "60", True)),
    topics=(("Chuyên đề 1", 8), ("Chuyên đề 2", 4)),
    certificate_type=CertificateType.CERTIFICATE,
    min_final_score="5.0",
    max_absence="20",
):
    n = next(_codes)
    programme = Programme.objects.create(
        code=f"RS{n}", name=f"Lý luận chính trị dành cho đảng viên mới {n}", category="political_theory"
    )
    version = ProgrammeVersion.objects.create(
        programme=programme,
        number=1,
        status=VersionStatus.PUBLISHED,
        grading_scheme=scheme,
        certificate_type=certificate_type,
        max_absence_percent=Decimal(max_absence),
        min_final_score=Decimal(min_final_score) if min_final_score is not None else None,
        issuer="Ban Tuyên giáo Trung ương",
        document_number="01-HD/BTGTW",
        document_date=dt.date(2024, 1, 2),
    )
    for order, (name, weight, required) in enumerate(components, start=1):
        AssessmentComponent.objects.create(
            version=version,
            order=order,
            kind=AssessmentKind.ESSAY,
            name=name,
            weight=Decimal(weight),
            required=required,
        )
    for order, (classification, lo, hi, passing) in enumerate(DEFAULT_BANDS, start=1):
        GradeBand.objects.create(
            version=version,
            order=order,
            classification=classification,
            min_score=Decimal(lo),
            max_score=Decimal(hi),
            passing=passing,
        )
    for order, (title, periods) in enumerate(topics, start=1):
        Topic.objects.create(version=version, order=order, title=title, lecture_periods=periods)
    return version


def make_class(
    world,
    *,
    version=None,
    learners=3,
    status=Klass.Status.IN_PROGRESS,
    centre=None,
    schedule=True,
    sessions_extra=0,
    **version_options,
) -> Klass:
    """A class of the centre (A by default) with learners and a timetable that covers every topic."""
    version = version or make_version(**version_options)
    centre = centre or world.centre_a
    n = next(_codes)
    klass = Klass.objects.create(
        centre=centre,
        version=version,
        code=f"DVM-2026-{n:02d}",
        name=f"Lớp đảng viên mới khóa {n}",
        start_date=START,
        end_date=START + dt.timedelta(days=11),
        status=status,
        opening_decision_number=f"{n}-QĐ/TTCT",
        opening_decision_date=START - dt.timedelta(days=7),
    )
    for _i in range(learners):
        person = f.PersonFactory(centre=centre)
        Enrolment.objects.create(klass=klass, person=person)
    if schedule:
        day = START
        for topic in version.topics.order_by("order"):
            left = topic.total_periods
            while left > 0:
                periods = min(4, left)
                Session.objects.create(klass=klass, date=day, part=Session.Part.MORNING, periods=periods, topic=topic)
                day += dt.timedelta(days=1)
                left -= periods
        for _i in range(sessions_extra):
            Session.objects.create(klass=klass, date=day, part=Session.Part.AFTERNOON, periods=4)
            day += dt.timedelta(days=1)
    return klass


def enrolments(klass):
    return list(klass.enrolments.select_related("person").order_by("person__sort_key", "pk"))


def fill_scores(klass, values) -> None:
    """values: one list of component scores per learner, in name order (None leaves a cell empty)."""
    components = list(klass.version.components.order_by("order"))
    for enrolment, row in zip(enrolments(klass), values, strict=False):
        for component, value in zip(components, row, strict=True):
            if value is not None:
                Score.objects.create(enrolment=enrolment, component=component, value=Decimal(str(value)))
    recompute_results(klass=klass)


def mark_absent(klass, enrolment, count: int) -> None:
    for session in klass.sessions.order_by("date")[:count]:
        Attendance.objects.create(session=session, enrolment=enrolment, status=Attendance.Status.UNEXCUSED)


def approved_class(world, *, learners=3, scores=None, **options) -> Klass:
    """A class whose results the director approved: everyone completed unless `scores` says otherwise."""
    from training.results.services import approve_results

    klass = make_class(world, learners=learners, **options)
    fill_scores(klass, scores or [[8, 7]] * learners)
    return approve_results(actor=world.director_a, klass=klass)


def staff_the_centre(world) -> None:
    """A director on the staff list and a host committee, for documents and certificates."""
    CentreHost.objects.create(
        centre=world.centre_a, committee_name="Đảng ủy xã Yên Sơn", valid_from=dt.date(2025, 7, 1)
    )
    director = f.PersonFactory(centre=world.centre_a, family_name="Đỗ", middle_name="Minh", given_name="Trí")
    StaffAssignment.objects.create(
        centre=world.centre_a,
        person=director,
        position=StaffAssignment.Position.DIRECTOR,
        start_date=dt.date(2025, 7, 1),
    )


@pytest.fixture
def class_builder(world):
    return lambda **options: make_class(world, **options)
