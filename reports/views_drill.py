"""The records behind one figure of a report: the classes, learners, certificates or staff it counts.

The section itself says which records a cell counts; the list is then limited to what the user may see.
Figures of a submitted report are frozen while the records are today's, so the page says so.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from certificates.models import Certificate
from facilities.models import Equipment, Room
from finance.models import Spending
from people.models import Lecturer, StaffAssignment
from reports.sections import TABLES, TOTAL
from reports.selectors import frame_of
from reports.views import visible_report
from training.models import AnnualPlan, Enrolment, Klass, PlanLine

PAGE_SIZE = 100

# record type → (model, related rows to load, ordering)
RECORDS = {
    "classes": (Klass, ["version__programme", "centre"], ["start_date", "code"]),
    "enrolments": (Enrolment, ["person", "klass", "sending_organisation", "result"], ["klass__code", "person__sort_key"]),
    "certificates": (Certificate, ["register", "enrolment__klass"], ["register__year", "number"]),
    "staff": (StaffAssignment, ["person"], ["position", "person__sort_key"]),
    "lecturers": (Lecturer, ["person"], ["kind", "person__sort_key"]),
    "plan_lines": (PlanLine, ["plan", "programme"], ["plan__year", "quarter", "id"]),
    "rooms": (Room, ["centre"], ["kind", "name"]),
    "equipment": (Equipment, ["category", "room"], ["category__sort_order", "name"]),
    "spendings": (Spending, ["line"], ["date", "id"]),
}


@login_required
def drill(request, pk: int, section: str):
    report = visible_report(request, pk)
    table = TABLES.get(section)
    if table is None:
        raise Http404
    row_key, column = request.GET.get("row", TOTAL), request.GET.get("col", "")
    columns = {c.key: c for c in table.columns}
    if column not in columns or columns[column].ratio is not None:
        raise Http404
    kind, queryset = table.records(frame_of(report), row_key, column)
    model, related, ordering = RECORDS[kind]
    # Only what the user may see, whatever the section selected.
    if model is PlanLine:
        queryset = queryset.filter(plan__in=AnnualPlan.objects.visible_to(request.user))
    else:
        queryset = queryset.filter(pk__in=model.objects.visible_to(request.user).values("pk"))
    queryset = queryset.select_related(*related).order_by(*ordering)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    snapshot_table = None
    if report.is_submitted and report.snapshot:
        snapshot_table = next((t for t in report.snapshot["tables"] if t["key"] == section), None)
    frozen = None
    if snapshot_table:
        cells = snapshot_table["total"] if row_key == TOTAL else next(
            (r["cells"] for r in snapshot_table["rows"] if r["key"] == row_key), {})
        frozen = cells.get(column)
    row_label = next((r["label"] for r in (snapshot_table or {}).get("rows", []) if r["key"] == row_key), "")
    return render(request, "reports/drill.html", {
        "report": report, "section": table, "column": columns[column], "row_label": row_label,
        "row_is_total": row_key == TOTAL, "record_kind": kind, "page_obj": page, "frozen": frozen,
        "page_query": urlencode({"row": row_key, "col": column}),
    })
