"""The province's roll-up of one report period: who submitted, who is late, and every table added up.

Read from the submitted snapshots only, in a fixed number of queries whatever the number of centres.
A centre that continued a former district centre during the period reports both halves itself, so a
report the predecessor sent for the same period is shown but not counted again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from org.models import AdministrativeUnit, Centre
from reports.models import Report, ReportKind
from reports.periods import period_dates, period_label
from reports.sections import TABLES, add_up
from reports.selectors import kind_layout


@dataclass
class CentreLine:
    centre: Centre
    report: Report | None = None  # the latest submitted version
    draft: Report | None = None
    counted_in: Centre | None = None  # a predecessor whose period the successor reported
    late: bool = False

    @property
    def status(self) -> str:
        if self.counted_in is not None:
            return "counted_in_successor"
        if self.report is not None:
            return "submitted_late" if self.late else "submitted"
        return "late" if self.late else ("draft" if self.draft else "missing")


@dataclass
class Rollup:
    province: AdministrativeUnit
    kind: ReportKind
    year: int
    number: int
    start: dt.date
    end: dt.date
    deadline: dt.date
    lines: list[CentreLine]
    table_keys: list[str]
    tables: list[dict] = field(default_factory=list)

    @property
    def period_label(self) -> str:
        return period_label(self.kind.period_type, self.year, self.number, self.start, self.end)

    @property
    def expected(self) -> list[CentreLine]:
        return [line for line in self.lines if line.counted_in is None and (
            line.centre.status == Centre.Status.ACTIVE or line.report is not None)]

    @property
    def counted(self) -> list[CentreLine]:
        return [line for line in self.lines if line.report is not None and line.counted_in is None]

    @property
    def late(self) -> list[CentreLine]:
        return [line for line in self.expected if line.late]

    def breakdown(self, key: str) -> list[tuple[CentreLine, dict]]:
        """Each counted centre's total row of one table."""
        out = []
        for line in self.counted:
            table = next((t for t in line.report.snapshot["tables"] if t["key"] == key), None)
            if table is not None:
                out.append((line, table["total"]))
        return out

    def breakdown_tables(self) -> list[dict]:
        """The per-centre breakdown of every table as tables of their own (for Excel)."""
        tables = []
        for table in self.tables:
            rows = [{"key": str(line.centre.pk), "label": line.centre.name, "cells": total}
                    for line, total in self.breakdown(table["key"])]
            tables.append({"key": f"{table['key']}_centres", "title": f"{table['title']} – theo trung tâm",
                           "row_header": "Trung tâm", "columns": table["columns"], "rows": rows,
                           "total": table["total"]})
        return tables

    def comparison(self) -> list[dict]:
        """Centres ranked by plan completion (learners against the yearly plan), then completion rate; with the
        learners' average satisfaction (feedback, 10-point scale) where the snapshot has it."""
        rows = []
        for line in self.counted:
            totals = {t["key"]: t["total"] for t in line.report.snapshot["tables"]}
            plan, done = totals.get("plan_actual", {}), totals.get("completion", {})
            feedback = totals.get("feedback", {})
            rows.append({"centre": line.centre, "report": line.report,
                         "plan_percent": plan.get("pct_learners"), "classes_percent": plan.get("pct_classes"),
                         "learners": plan.get("learners"), "completion_percent": done.get("pct_completed"),
                         "satisfaction": feedback.get("average")})
        rows.sort(key=lambda r: (-(r["plan_percent"] if r["plan_percent"] is not None else -1),
                                 -(r["completion_percent"] if r["completion_percent"] is not None else -1),
                                 r["centre"].sort_key))
        for rank, row in enumerate(rows, start=1):
            row["rank"] = rank
        return rows


def province_ids(province: AdministrativeUnit) -> list[int]:
    """The province and the former provinces merged into it (their centres report to it)."""
    return [province.pk, *AdministrativeUnit.objects.filter(successor=province).values_list("pk", flat=True)]


def build_rollup(*, province: AdministrativeUnit, kind: ReportKind, year: int, number: int | None = 1,
                 start: dt.date | None = None, end: dt.date | None = None, today: dt.date | None = None) -> Rollup:
    first, last = period_dates(kind.period_type, year, 1 if kind.period_type == "ad_hoc" else number, start, end)
    today = today or timezone.localdate()
    deadline = last + dt.timedelta(days=kind.deadline_days)
    centres = list(Centre.objects.filter(province_id__in=province_ids(province), kind=Centre.Kind.CENTRE)
                   .filter(Q(status=Centre.Status.ACTIVE) | Q(reports__kind=kind, reports__start_date=first,
                                                              reports__end_date=last))
                   .distinct().order_by("sort_key"))
    reports = Report.objects.filter(kind=kind, start_date=first, end_date=last, centre__in=[c.pk for c in centres])
    latest: dict[int, Report] = {}
    drafts: dict[int, Report] = {}
    for report in reports.order_by("centre_id", "-version").only(
            "id", "centre_id", "version", "status", "snapshot", "doc_label", "submitted_at", "kind_id", "start_date",
            "end_date", "year", "number"):
        if report.is_submitted:
            latest.setdefault(report.centre_id, report)
        else:
            drafts.setdefault(report.centre_id, report)
    # Predecessors whose period a submitting successor reported.
    successors = {c.predecessor_id: c for c in centres if c.predecessor_id and c.pk in latest}
    lines = []
    for centre in centres:
        line = CentreLine(centre, latest.get(centre.pk), drafts.get(centre.pk), successors.get(centre.pk))
        if line.report is None:
            line.late = today > deadline
        else:
            line.late = timezone.localtime(line.report.submitted_at).date() > deadline
        lines.append(line)
    table_keys, _texts, _mandatory = kind_layout(kind)
    rollup = Rollup(province, kind, year, number or 1, first, last, deadline, lines, table_keys)
    rollup.tables = [add_up(TABLES[key], [t for line in rollup.counted for t in line.report.snapshot["tables"]
                                          if t["key"] == key]) for key in table_keys]
    return rollup
