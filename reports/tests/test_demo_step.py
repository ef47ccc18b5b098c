"""The demo step leaves a submitted quarterly report and a draft, and is safe to repeat."""

from __future__ import annotations

import datetime as dt

import pytest

from demo.report_demo import build_reports
from reports.models import Report
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_demo_reports(world):
    f.grant(f.UserFactory(username="daotao"), f.Role.TRAINING_OFFICER, centre=world.centre_a)
    f.grant(f.UserFactory(username="giamdoc"), f.Role.CENTRE_DIRECTOR, centre=world.centre_a)
    summary = build_reports(today=dt.date(2026, 12, 1))
    assert "01-BC/TTCT" in summary
    submitted, draft = Report.objects.order_by("number")
    assert (submitted.number, submitted.status, draft.number, draft.status) == (3, "submitted", 4, "draft")
    build_reports(today=dt.date(2026, 12, 1))
    assert Report.objects.count() == 2
