"""The synthetic nation's report data: classes, results, certificates and a submitted report per centre."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from demo.scale_reports import seed_scale_reports
from reports.models import Report
from tests import factories as f
from training.models import Enrolment, Klass
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


def test_scale_centres_get_classes_and_a_submitted_report(world):
    make.version("DVM")
    centre = f.CentreFactory(code="SC0001", province=world.province)
    for i in range(50):
        f.PersonFactory(centre=centre, given_name=f"Số {i}")
    totals = seed_scale_reports(prefix="SC", stdout=io.StringIO(), today=dt.date(2026, 12, 1))
    assert totals == {"classes": 8, "reports": 1}
    assert Enrolment.objects.filter(klass__centre=centre).count() == 8 * 40
    report = Report.objects.get(centre=centre)
    assert report.is_submitted and (report.year, report.number) == (2026, 3)
    plan = next(t for t in report.snapshot["tables"] if t["key"] == "plan_actual")
    assert plan["total"]["classes"] == 2 and plan["total"]["learners"] == 80
    again = seed_scale_reports(prefix="SC", stdout=io.StringIO(), today=dt.date(2026, 12, 1))
    assert again == {"classes": 0, "reports": 0} and Klass.objects.filter(centre=centre).count() == 8
