"""Every number of the dashboard pinned on the reports fixtures, at a fixed day: the figures, the alerts and
each chart's series (the queries behind them are merged where they read the same table)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from reports.tests.builders import build
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db


@pytest.fixture
def march(monkeypatch):
    monkeypatch.setattr("reports.dashboard.timezone.localdate", lambda *args, **kwargs: dt.date(2026, 3, 15))


def _numbers(dashboard) -> dict:
    alerts = dashboard["alerts"]
    return {
        "figures": dashboard["figures"],
        "alerts": {"waiting": alerts["waiting"], "waiting_classes": [k.code for k in alerts["waiting_classes"]],
                   "not_issued": alerts["not_issued"], "broken_equipment": alerts["broken_equipment"],
                   "expiring_agreements": alerts["expiring_agreements"]},
        "charts": {c.key: (c.labels, [(s.name, s.values) for s in c.series]) for c in dashboard["charts"]},
    }


def test_director_dashboard_numbers(client, world, march):
    build(world)
    ver = make.version("NTVD", name="Nhận thức về Đảng")
    late = make.klass(world.centre_a, ver, status="in_progress", start_date=dt.date(2026, 2, 2),
                      end_date=dt.date(2026, 3, 6))
    make.enrol(late, world.person_a)
    make.klass(world.centre_a, ver, status="open", start_date=dt.date(2026, 4, 6), end_date=dt.date(2026, 4, 10))
    make.klass(world.centre_a, ver, status="closed", start_date=dt.date(2024, 5, 6), end_date=dt.date(2024, 5, 10))
    client.force_login(world.director_a)
    numbers = _numbers(client.get(reverse("home"), {"year": 2026}).context["dashboard"])
    assert numbers == {
        "figures": {"running": 2, "coming": 2, "opened": 4, "planned_classes": 3, "learners": 5, "planned_learners": 140,
                    "plan_percent": 4, "classes_percent": 133, "certificates": 1},
        "alerts": {"waiting": 1, "waiting_classes": [late.code], "not_issued": 1, "broken_equipment": 0,
                   "expiring_agreements": 0},
        "charts": {
            "plan_by_month": ([f"{m:02d}" for m in range(1, 13)],
                              [("dự kiến", [0.7, 0.7, 0.7, 0.3, 0.3, 0.3] + [0.0] * 6),
                               ("đã mở", [0, 1, 2, 1] + [0] * 8)]),
            "learners_by_programme": (["Lý luận chính trị dành cho đảng viên mới", "Nhận thức về Đảng"],
                                      [("học viên", [4, 1])]),
            "trend": (["2022", "2023", "2024", "2025", "2026"], [("lớp", [0, 0, 1, 2, 4]), ("học viên", [0, 0, 0, 3, 5])]),
        },
    }
