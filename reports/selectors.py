"""Reads for reports: the frame a report counts, its live tables, and what changed since submission."""

from __future__ import annotations

from org.models import Centre
from reports.models import Report, ReportKind
from reports.sections import TABLES, TEXTS, Frame, compute_tables


def lineage_ids(centre: Centre) -> tuple[int, ...]:
    """The centre and the predecessors it continued (their records count in its reports), in one query."""
    links = dict(Centre.objects.filter(predecessor__isnull=False).values_list("pk", "predecessor_id"))
    ids, current = [centre.pk], centre.pk
    while links.get(current) and links[current] not in ids:
        current = links[current]
        ids.append(current)
    return tuple(ids)


def frame_of(report: Report) -> Frame:
    return Frame(lineage_ids(report.centre), report.start_date, report.end_date)


def kind_layout(kind: ReportKind) -> tuple[list[str], list[str], set[str]]:
    """(table keys, text keys, mandatory text keys) of a kind, in its order; unknown keys left out."""
    sections = list(kind.sections.all())
    tables = [s.key for s in sections if s.key in TABLES]
    texts = [s.key for s in sections if s.key in TEXTS]
    mandatory = {s.key for s in sections if s.key in TEXTS and s.mandatory}
    return tables, texts, mandatory


def live_tables(report: Report) -> list[dict]:
    tables, _texts, _mandatory = kind_layout(report.kind)
    return compute_tables(tables, frame_of(report))


def report_tables(report: Report) -> list[dict]:
    """What the report shows: the frozen figures once submitted, the live ones while it is a draft."""
    if report.is_submitted and report.snapshot:
        return report.snapshot["tables"]
    return live_tables(report)


def differences(report: Report, live: list[dict] | None = None) -> list[dict]:
    """Every cell whose value today differs from the submitted snapshot."""
    if not report.is_submitted or not report.snapshot:
        return []
    live = live if live is not None else live_tables(report)
    now = {t["key"]: t for t in live}
    changes = []
    for table in report.snapshot["tables"]:
        current = now.get(table["key"])
        if current is None:
            continue
        labels = {c["key"]: c["label"] for c in table["columns"]}
        was_rows = {r["key"]: r for r in table["rows"]} | {"__total__": {"label": "Tổng cộng", "cells": table["total"]}}
        now_rows = {r["key"]: r for r in current["rows"]} | {"__total__": {"label": "Tổng cộng", "cells": current["total"]}}
        for key in [*was_rows, *[k for k in now_rows if k not in was_rows]]:
            before, after = was_rows.get(key), now_rows.get(key)
            row_label = (before or after)["label"]
            for column in table["columns"]:
                was = before["cells"].get(column["key"]) if before else None
                is_ = after["cells"].get(column["key"]) if after else None
                if (was or 0) != (is_ or 0):
                    changes.append({"section": table["title"], "section_key": table["key"], "row": row_label,
                                    "row_key": key, "column": labels[column["key"]], "was": was, "now": is_})
    return changes


def summary_line(tables: list[dict]) -> str:
    """"180 lớp, 16.212 học viên, đạt 64 % kế hoạch năm" from the plan-against-actual table, if present."""
    plan = next((t for t in tables if t["key"] == "plan_actual"), None)
    if plan is None:
        return ""
    total = plan["total"]
    def dotted(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    text = f"{dotted(total['classes'])} lớp, {dotted(total['learners'])} học viên"
    if total.get("pct_learners") is not None:
        text += f", đạt {total['pct_learners']} % kế hoạch năm về số học viên"
    return text
