"""Pages of the teaching load: norm tables, a centre's yearly table, the province view, a lecturer's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import require_staff, scope_of
from core.views import apply_validation_error
from lecturers import permissions
from lecturers.exports import load_workbook, province_workbook
from lecturers.forms import LoadEntryForm, LoadPostForm, NormTableForm, RankForm
from lecturers.load import centre_summaries, load_rows
from lecturers.models import LoadEntry, LoadPost, NormTable
from lecturers.models.pay import default_rank
from lecturers.services import load as services
from lecturers.views.common import file_response, managed_lecturer, visible_lecturer, year_param
from lecturers.years import norm_table_for, period_of, year_label
from org.models import Centre
from people.models import Lecturer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def norm_table_list(request):
    if not permissions.sees_rules(scope_of(request.user)):
        raise PermissionDenied
    tables = NormTable.objects.prefetch_related("lines")
    return render(request, "lecturers/norm_table_list.html", {
        "tables": tables, "can_create": permissions.manages_national_rules(scope_of(request.user))})


@login_required
def norm_table_detail(request, pk: int):
    if not permissions.sees_rules(scope_of(request.user)):
        raise PermissionDenied
    table = get_object_or_404(NormTable, pk=pk)
    return render(request, "lecturers/norm_table_detail.html", {
        "table": table, "lines": table.lines.all(), "coefficients": table.coefficients.all(),
        "can_edit": permissions.manages_national_rules(scope_of(request.user))})


@login_required
def norm_table_edit(request, pk: int | None = None):
    if not permissions.manages_national_rules(scope_of(request.user)):
        raise PermissionDenied
    table = get_object_or_404(NormTable, pk=pk) if pk else None
    form = NormTableForm(request.POST or None, instance=table)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_norm_table(actor=request.user, table=form.save(commit=False), norms=form.norms(),
                                             coefficients=form.coefficient_rows())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Norm table saved."))
            return redirect("lecturers:norm_table_detail", pk=saved.pk)
    title = _("Edit norm table") if table else _("New norm table")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": table})


def centres_of_people(user):
    scope = scope_of(user)
    centres = Centre.objects.visible_to(user)
    if not scope.sees_everything:
        centres = centres.filter(pk__in=scope.person_centre_ids)
    return centres.order_by("name")


@login_required
def centre_load(request):
    require_staff(request.user)
    centres = list(centres_of_people(request.user).values_list("pk", "name"))
    year = year_param(request)
    try:
        centre_id = int(request.GET.get("centre") or (centres[0][0] if centres else 0))
    except ValueError:
        centre_id = 0
    if centre_id and centre_id not in {pk for pk, _name in centres}:
        raise Http404
    table = norm_table_for(year)
    rows = load_rows([centre_id], year) if centre_id else []
    centre_name = dict(centres).get(centre_id, "")
    if request.GET.get("format") == "xlsx":
        return file_response(load_workbook(centre_name, year, rows), f"dinh-muc-giang-day-{year}.xlsx", XLSX)
    kind = table.year_kind if table else "calendar"
    return render(request, "lecturers/centre_load.html", {
        "rows": rows, "centres": centres, "centre_id": centre_id, "centre_name": centre_name, "year": year,
        "years": range(year - 3, year + 2), "table": table, "year_label": year_label(year, kind),
        "period": period_of(year, kind),
    })


@login_required
def province_load(request):
    scope = scope_of(request.user)
    if not scope.supervises_some_province:
        raise PermissionDenied
    year = year_param(request)
    centres = Centre.objects.visible_to(request.user).filter(status=Centre.Status.ACTIVE).order_by("name")
    summaries = centre_summaries(centres.values_list("pk", "name"), year)
    if request.GET.get("format") == "xlsx":
        return file_response(province_workbook(year, summaries), f"dinh-muc-cac-trung-tam-{year}.xlsx", XLSX)
    return render(request, "lecturers/province_load.html", {
        "summaries": summaries, "year": year, "years": range(year - 3, year + 2)})


@login_required
def lecturer_load(request, pk: int):
    lecturer = visible_lecturer(request, pk)
    year = year_param(request)
    scope = scope_of(request.user)
    can_manage = permissions.manages_lecturer_records(scope, lecturer.centre_id)
    rows = load_rows([lecturer.centre_id], year, lecturer_ids=[lecturer.pk])
    table = norm_table_for(year)
    entries = LoadEntry.objects.filter(lecturer=lecturer, year=year)
    names = {c.code: c.name for c in table.coefficients.all()} if table else {}
    override = LoadPost.objects.filter(lecturer=lecturer, year=year).values_list("post", flat=True).first()
    paid_rank = getattr(lecturer, "pay_rank", None)
    kind = table.year_kind if table else "calendar"
    return render(request, "lecturers/lecturer_load.html", {
        "lecturer": lecturer, "row": rows[0] if rows else None, "year": year, "years": range(year - 3, year + 2),
        "entries": [(e, names.get(e.coefficient_code, e.coefficient_code)) for e in entries],
        "can_manage": can_manage, "table": table, "year_label": year_label(year, kind),
        "entry_form": LoadEntryForm(coefficients=table.coefficients.all() if table else ()),
        "post_form": LoadPostForm(initial={"post": override or ""}),
        "rank_form": RankForm(initial={"rank": paid_rank.rank if paid_rank else default_rank(lecturer.kind)}),
    })


@login_required
@require_POST
def load_entry_add(request, pk: int):
    lecturer = managed_lecturer(request, pk)
    year = year_param(request)
    table = norm_table_for(year)
    form = LoadEntryForm(request.POST, coefficients=table.coefficients.all() if table else ())
    if form.is_valid():
        entry = form.save(commit=False)
        entry.lecturer, entry.year = lecturer, year
        try:
            services.record_load_entry(actor=request.user, entry=entry)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Entry recorded."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(f"{_load_url(lecturer)}?year={year}")


@login_required
@require_POST
def load_entry_delete(request, pk: int):
    entry = get_object_or_404(LoadEntry.objects.select_related("lecturer"), pk=pk)
    lecturer = managed_lecturer(request, entry.lecturer_id)
    services.delete_load_entry(actor=request.user, entry=entry)
    messages.success(request, _("Entry deleted."))
    return redirect(f"{_load_url(lecturer)}?year={entry.year}")


@login_required
@require_POST
def load_post(request, pk: int):
    lecturer = managed_lecturer(request, pk)
    year = year_param(request)
    try:
        services.set_load_post(actor=request.user, lecturer=lecturer, year=year, post=request.POST.get("post", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect(f"{_load_url(lecturer)}?year={year}")


def _load_url(lecturer) -> str:
    return reverse("lecturers:lecturer_load", args=[lecturer.pk])


@login_required
def my_load(request):
    """The lecturer's own load page (their first active profile)."""
    scope = scope_of(request.user)
    profile = None
    if scope.person_id:
        profile = (Lecturer.objects.filter(person_id=scope.person_id).order_by("-active", "pk")
                   .values_list("pk", flat=True).first())
    if profile is None:
        raise PermissionDenied
    return redirect("lecturers:lecturer_load", pk=profile)
