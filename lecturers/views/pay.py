"""Pages of lecturer pay: fee tables, a class's payment sheet, a lecturer's yearly statement."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import require_staff, scope_of
from core.forms import ReasonForm
from core.listing import Filter, ListSpec, build_list, search_words
from core.views import apply_validation_error
from lecturers import permissions
from lecturers.documents import payment_data, payment_file
from lecturers.exports import statement_workbook
from lecturers.forms import FeeTableForm, FinaliseForm, RankForm
from lecturers.held import held_condition
from lecturers.models import FeeTable, PaymentSheet
from lecturers.services import pay as services
from lecturers.statement import yearly_statement
from lecturers.views.common import file_response, managed_lecturer, visible_class, visible_lecturer, year_param
from lecturers.years import norm_table_for, year_label
from org.selectors import centre_filter
from training.models import Klass, Session


def _rules_reader(user) -> None:
    if not permissions.sees_rules(scope_of(user)):
        raise PermissionDenied


@login_required
def fee_table_list(request):
    _rules_reader(request.user)
    scope = scope_of(request.user)
    tables = FeeTable.objects.visible_to(request.user).select_related("province").prefetch_related("rates")
    can_create = scope.supervises_some_province
    return render(request, "lecturers/fee_table_list.html", {"tables": tables, "can_create": can_create})


@login_required
def fee_table_detail(request, pk: int):
    _rules_reader(request.user)
    table = get_object_or_404(FeeTable.objects.visible_to(request.user).select_related("province"), pk=pk)
    can_edit = permissions.manages_fee_tables(scope_of(request.user), table.province_id)
    return render(request, "lecturers/fee_table_detail.html",
                  {"table": table, "rates": table.rates.all(), "can_edit": can_edit})


@login_required
def fee_table_edit(request, pk: int | None = None):
    _rules_reader(request.user)
    scope = scope_of(request.user)
    table = get_object_or_404(FeeTable.objects.visible_to(request.user), pk=pk) if pk else None
    if table is not None and not permissions.manages_fee_tables(scope, table.province_id):
        raise PermissionDenied
    if table is None and not scope.supervises_some_province:
        raise PermissionDenied
    form = FeeTableForm(request.POST or None, instance=table, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_fee_table(actor=request.user, table=form.save(commit=False), rates=form.rates())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Fee table saved."))
            return redirect("lecturers:fee_table_detail", pk=saved.pk)
    title = _("Edit fee table") if table else _("New fee table")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": table})


def _payment_spec(user) -> ListSpec:
    return ListSpec(
        sorts={"start": (gettext_lazy("Start date"), "start_date"), "code": (gettext_lazy("Class code"), "code")},
        default_sort="-start",
        search=search_words,
        filters=[
            centre_filter(user),
            Filter("sheet", gettext_lazy("Payment sheet"),
                   [("final", gettext_lazy("final")), ("open", gettext_lazy("not final"))],
                   lambda qs, v: qs.filter(payment_sheet__status="final") if v == "final"
                   else qs.exclude(payment_sheet__status="final")),
        ],
    )


@login_required
def payment_list(request):
    require_staff(request.user)
    scope = scope_of(request.user)
    classes = Klass.objects.visible_to(request.user).select_related("centre", "payment_sheet")
    if not scope.sees_everything:
        classes = classes.filter(centre_id__in=scope.person_centre_ids)
    context = build_list(request, classes, _payment_spec(request.user))
    return render(request, "lecturers/payment_list.html", context)


@login_required
def class_payment(request, pk: int):
    klass = visible_class(request, pk)
    estimate = request.GET.get("basis") == "estimate"
    sheet = PaymentSheet.objects.filter(klass=klass).first()
    klass.payment_sheet = sheet
    data = payment_data(klass, estimate=estimate)
    sessions = list(Session.objects.filter(klass=klass).select_related("lecturer__person", "topic")
                    .annotate(held=ExpressionWrapper(held_condition(), output_field=BooleanField()),
                              confirmed=ExpressionWrapper(Q(held_confirmation__isnull=False),
                                                          output_field=BooleanField())))
    can_manage = permissions.manages_lecturer_records(scope_of(request.user), klass.centre_id)
    return render(request, "lecturers/class_payment.html", {
        "klass": klass, "data": data, "sheet": sheet, "estimate": estimate, "sessions": sessions,
        "can_manage": can_manage, "today": timezone.localdate(),
        "finalise_form": FinaliseForm(), "reopen_form": ReasonForm(),
    })


@login_required
def class_payment_file(request, pk: int, fmt: str):
    klass = visible_class(request, pk)
    klass.payment_sheet = PaymentSheet.objects.filter(klass=klass).prefetch_related("lines").first()
    data = payment_data(klass, estimate=request.GET.get("basis") == "estimate")
    return file_response(*payment_file(data, fmt))


@login_required
@require_POST
def class_payment_finalise(request, pk: int):
    klass = visible_class(request, pk, manage=True)
    form = FinaliseForm(request.POST)
    if form.is_valid():
        try:
            services.finalise_payment_sheet(actor=request.user, klass=klass, number=form.cleaned_data["number"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The payment sheet is final."))
    return redirect("lecturers:class_payment", pk=klass.pk)


@login_required
@require_POST
def class_payment_reopen(request, pk: int):
    klass = visible_class(request, pk, manage=True)
    sheet = get_object_or_404(PaymentSheet, klass=klass)
    form = ReasonForm(request.POST)
    try:
        services.reopen_payment_sheet(actor=request.user, sheet=sheet,
                                      reason=form.data.get("reason", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The payment sheet is reopened."))
    return redirect("lecturers:class_payment", pk=klass.pk)


@login_required
@require_POST
def session_held(request, pk: int):
    session = get_object_or_404(Session.objects.visible_to(request.user).select_related("klass"), pk=pk)
    if not permissions.manages_lecturer_records(scope_of(request.user), session.klass.centre_id):
        raise PermissionDenied
    try:
        if request.POST.get("held") == "0":
            services.withdraw_session_confirmation(actor=request.user, session=session)
        else:
            services.confirm_session_held(actor=request.user, session=session)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("lecturers:class_payment", pk=session.klass_id)


@login_required
@require_POST
def lecturer_rank(request, pk: int):
    lecturer = managed_lecturer(request, pk)
    form = RankForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a rank from the list."))
    else:
        services.set_lecturer_rank(actor=request.user, lecturer=lecturer, rank=form.cleaned_data["rank"])
        messages.success(request, _("Pay rank saved."))
    return redirect("lecturers:lecturer_load", pk=lecturer.pk)


def _statement(request, lecturer, year):
    scope = scope_of(request.user)
    own = permissions.sees_own_lecturer_record(scope, lecturer.person_id)
    centre_ids = None if (scope.sees_everything or own) else scope.person_centre_ids
    return yearly_statement(lecturer.person_id, year, centre_ids=centre_ids)


@login_required
def lecturer_statement(request, pk: int):
    lecturer = visible_lecturer(request, pk)
    year = year_param(request)
    statement = _statement(request, lecturer, year)
    table = norm_table_for(year)
    if request.GET.get("format") == "xlsx":
        return file_response(statement_workbook(lecturer, statement), f"bang-ke-thu-lao-{year}.xlsx",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return render(request, "lecturers/statement.html", {
        "lecturer": lecturer, "statement": statement, "year": year,
        "year_label": year_label(year, table.year_kind if table else "calendar"),
        "years": range(year - 3, year + 2),
    })

