"""Where the province stands (supervisors), and the director's view of one centre."""

from __future__ import annotations

import io

import openpyxl
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from org.models import Centre
from standards import charts
from standards.documents import value_text
from standards.models import Indicator
from standards.overview import centre_standing, province_choices, province_overview
from standards.permissions import sees_centre_standing, sees_province_standing
from standards.selectors import Row, current_framework, drill_down, framework_tree, live_outcomes, visible_assessments
from standards.views.common import download, require

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _year(request) -> int:
    value = request.GET.get("year", "")
    year = int(value) if value.isdigit() else timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _province(request):
    provinces = list(province_choices(request.user))
    value = request.GET.get("province", "")
    if value.isdigit():
        chosen = next((p for p in provinces if p.pk == int(value)), None)
        if chosen is None:
            raise Http404
        return chosen, provinces
    scope = scope_of(request.user)
    own = next((p for p in provinces if p.pk in scope.province_ids), None)
    return own or (provinces[0] if provinces else None), provinces


@login_required
def index(request):
    if sees_province_standing(request.user):
        return redirect("standards:province")
    return redirect("standards:assessment_list")


@login_required
def province_view(request):
    require(sees_province_standing(request.user))
    province, provinces = _province(request)
    year = _year(request)
    overview = province_overview(province, year) if province else None
    context = {"overview": overview, "provinces": provinces, "province": province, "year": year,
               "years": list(range(timezone.localdate().year, 2019, -1))}
    if overview is not None:
        context["groups_svg"] = mark_safe(charts.groups_chart(overview.group_counts()))  # noqa: S308 - built escaped
        context["trend_svg"] = mark_safe(  # noqa: S308 - built escaped
            charts.trend_chart(overview.standard_by_year(), len(overview.rows)))
        context["share"] = round(100 * overview.standard_count / len(overview.rows)) if overview.rows else 0
    return render(request, "standards/province.html", context)


@login_required
def province_export(request):
    require(sees_province_standing(request.user))
    province, _provinces = _province(request)
    if province is None:
        raise Http404
    year = _year(request)
    overview = province_overview(province, year)
    groups = overview.tree.groups if overview.tree else []
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(_("Standing %(year)s") % {"year": year})
    sheet.append([f"{province.name} – {year}"])
    sheet.append([_("Centre"), _("Continues"), _("Source"), _("Status"), _("Level")]
                 + [f"{g.code}. {g.name}" for g in groups] + [_("Years recognised"), _("Unmet indicators")])
    labels = {True: _("met"), False: _("not met"), None: _("no assessment")}
    for row in overview.rows:
        status = row.assessment.get_status_display() if row.assessment else _("no assessment this year")
        sheet.append([row.centre.name, ", ".join(p.name for p in row.predecessors),
                      _("live preview") if row.is_preview else _("assessment"), status, row.level_name or "—"]
                     + [labels[row.group_met.get(g.code)] for g in groups]
                     + ["; ".join(f"{y}: {label}" for y, label, _s in row.trend),
                        "; ".join(f"{i.code} ({value_text(i, v)} / {value_text(i, t)})" for i, v, _g, t in row.unmet)])
    out = io.BytesIO()
    book.save(out)
    return download(out.getvalue(), f"chuan-hoa-{province.code}-{year}.xlsx", XLSX)


@login_required
def centre_view(request, pk: int):
    centre = get_object_or_404(Centre.objects.visible_to(request.user).select_related("province"), pk=pk)
    require(sees_centre_standing(request.user, centre.pk))
    year = _year(request)
    row = centre_standing(centre, year)
    assessments = visible_assessments(request.user).filter(centre=centre).order_by("-year")
    return render(request, "standards/centre.html", {
        "centre": centre, "row": row, "year": year, "assessments": assessments,
        "can_open": scope_of(request.user).edits(centre.pk),
        "years": list(range(timezone.localdate().year, 2019, -1)),
    })


@login_required
def centre_drill(request, pk: int, indicator_pk: int):
    """The records a live-preview value is computed from."""
    centre = get_object_or_404(Centre.objects.visible_to(request.user), pk=pk)
    require(sees_centre_standing(request.user, centre.pk))
    indicator = get_object_or_404(Indicator.objects.select_related("framework"), pk=indicator_pk, kind="computed")
    framework = current_framework(centre.province_id)
    if framework is None or indicator.framework_id != framework.pk:
        raise Http404
    year = _year(request)
    outcome = live_outcomes(framework_tree(framework), [centre.pk], year).get((centre.pk, indicator.pk))
    if outcome is None:
        raise Http404
    row = Row(indicator, outcome.value, outcome.not_applicable, outcome.source, outcome.ids, outcome.detail, None, [])
    return render(request, "standards/drill.html", {
        "centre": centre, "year": year, "row": row, "live": True, "source": outcome.source,
        "objects": drill_down(outcome.source, outcome.ids)})
