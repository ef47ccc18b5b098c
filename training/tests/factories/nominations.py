"""Builders of the nomination tests: programmes with their rules, classes, past results, and the production
preview of a nomination list."""

from __future__ import annotations

import datetime as dt
import itertools

from curriculum.choices import PrerequisiteKind
from curriculum.models import Prerequisite
from tests import factories as f
from training.models import Enrolment, Klass
from training.nominations.services import Choices, preview_nominations
from training.tests.factories import (
    EnrolmentFactory,
    KlassFactory,
    ProgrammeFactory,
    ProgrammeVersionFactory,
    ResultFactory,
)

_serial = itertools.count(1)


def programme(code: str | None = None, *, name: str = "", window_months: int | None = None, requires=None,
              version_number: int = 1, party_audience: str = "anyone"):
    """A published version of a programme; `requires` is a Programme that must be completed first."""
    code = code or f"P{next(_serial)}"
    prog = ProgrammeFactory(code=code, party_audience=party_audience, **({"name": name} if name else {}))
    version = ProgrammeVersionFactory(programme=prog, number=version_number)
    order = itertools.count(1)
    if window_months:
        Prerequisite.objects.create(version=version, order=next(order), kind=PrerequisiteKind.PARTY_ADMISSION_WINDOW,
                                    within_months=window_months)
    if requires is not None:
        Prerequisite.objects.create(version=version, order=next(order), kind=PrerequisiteKind.PROGRAMME_COMPLETED,
                                    required_programme=requires)
    return version


def klass(centre, version, *, status=Klass.Status.OPEN, capacity=60, start=dt.date(2026, 4, 6),
          end=dt.date(2026, 4, 10), is_resit=False, code: str | None = None):
    code = code or f"{version.programme.code}-2026-{next(_serial):02d}"
    return KlassFactory(centre=centre, version=version, code=code, start_date=start, end_date=end, status=status,
                        capacity=capacity, is_resit=is_resit)


def completed(person, klass_obj, *, completed: bool = True) -> Enrolment:
    """A past enrolment with a result (completed or not)."""
    enrolment = EnrolmentFactory(klass=klass_obj, person=person)
    ResultFactory(enrolment=enrolment, final_score=7 if completed else 3, completed=completed)
    return enrolment


def preview_rows(data, *, actor=None, overrides=None, today=None):
    """The production preview of a nomination list, into an open class without rules of its own at the
    actor's centre: what the importer made of each row."""
    assignment = actor.role_assignments.filter(centre__isnull=False).first() if actor is not None else None
    centre = assignment.centre if assignment else f.CentreFactory()
    target = klass(centre, programme(), capacity=10_000)
    return preview_nominations(actor=actor, klass=target, source=data, choices=Choices(fixes=overrides or {}),
                               today=today or dt.date(2026, 3, 12)).result
