"""Pages for coordination agreements: the list with expiry warnings and the counterparts with none,
an agreement with its classes and learners per year, the form, and the signed file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.listing import Filter, ListSpec, build_list, search_words
from core.views import apply_validation_error, flash_error
from org import agreements
from org.forms_agreements import AgreementForm
from org.models import Centre, CoordinationAgreement
from org.selectors import centre_filter

STATUSES = [("in_force", gettext_lazy("in force")), ("expiring", gettext_lazy("expiring within 60 days")),
            ("expired", gettext_lazy("expired")), ("future", gettext_lazy("not yet in force"))]


def _require_reader(user) -> None:
    if not agreements.reads_agreements(user):
        raise PermissionDenied


def _status_filter(queryset, value):
    today = timezone.localdate()
    if value == "in_force":
        return queryset.in_force(today)
    if value == "expiring":
        return queryset.expiring(today)
    if value == "expired":
        return queryset.filter(valid_to__lt=today)
    return queryset.filter(valid_from__gt=today)


def _spec(user) -> ListSpec:
    return ListSpec(
        sorts={
            "valid_from": (gettext_lazy("Valid from"), "valid_from"),
            "valid_to": (gettext_lazy("Valid to"), "valid_to"),
            "counterpart": (gettext_lazy("Counterpart"), "counterpart__sort_key"),
        },
        default_sort="-valid_from",
        search=search_words,
        filters=[
            centre_filter(user),
            Filter("status", gettext_lazy("Status"), STATUSES, _status_filter),
        ],
    )


@login_required
def agreement_list(request):
    _require_reader(request.user)
    today = timezone.localdate()
    queryset = CoordinationAgreement.objects.visible_to(request.user).select_related("centre", "counterpart")
    context = build_list(request, queryset, _spec(request.user))
    scope = scope_of(request.user)
    own = scope.person_centre_ids if not scope.sees_everything else Centre.objects.values_list("pk", flat=True)
    context.update({
        "today": today,
        "rows": [(a, a.status_on(today), a.days_left(today)) for a in context["object_list"]],
        "expiring": agreements.expiring_agreements(request.user, today)[:20],
        "without": agreements.counterparts_without_agreement(own, today)[:30],
        "can_create": agreements.manages_some_agreements(request.user),
    })
    return render(request, "org/agreement_list.html", context)


def _visible(request, pk: int) -> CoordinationAgreement:
    _require_reader(request.user)
    return get_object_or_404(
        CoordinationAgreement.objects.visible_to(request.user).select_related("centre", "counterpart"), pk=pk)


@login_required
def agreement_detail(request, pk: int):
    agreement = _visible(request, pk)
    today = timezone.localdate()
    return render(request, "org/agreement_detail.html", {
        "agreement": agreement,
        "status": agreement.status_on(today),
        "days_left": agreement.days_left(today),
        "years": agreements.classes_by_year(agreement),
        "classes": agreement.classes.order_by("-start_date")[:50],
        "can_edit": agreements.manages_agreements(request.user, agreement.centre_id),
    })


@login_required
def agreement_edit(request, pk: int | None = None):
    _require_reader(request.user)
    agreement = _visible(request, pk) if pk else None
    if (agreement and not agreements.manages_agreements(request.user, agreement.centre_id)) or (
            agreement is None and not agreements.manages_some_agreements(request.user)):
        raise PermissionDenied
    initial = {}
    if agreement is None and request.GET.get("counterpart", "").isdigit():
        initial["counterpart"] = int(request.GET["counterpart"])
    form = AgreementForm(request.POST or None, request.FILES or None, instance=agreement, user=request.user,
                         initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = agreements.save_agreement(actor=request.user, agreement=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": saved.document_number})
            return redirect("org:agreement_detail", pk=saved.pk)
    title = _("Edit %(name)s") % {"name": agreement.document_number} if agreement else _("New coordination agreement")
    cancel = reverse("org:agreement_detail", args=[agreement.pk]) if agreement else reverse("org:agreement_list")
    return render(request, "org/agreement_form.html", {"form": form, "title": title, "cancel_url": cancel})


@login_required
def agreement_file(request, pk: int):
    agreement = _visible(request, pk)
    if not agreement.file:
        raise Http404
    return FileResponse(agreement.file.open("rb"), as_attachment=True, filename=agreement.file.name.rsplit("/", 1)[-1])


@login_required
@require_POST
def agreement_delete(request, pk: int):
    agreement = _visible(request, pk)
    try:
        agreements.delete_agreement(actor=request.user, agreement=agreement, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
        return redirect("org:agreement_detail", pk=agreement.pk)
    messages.success(request, _("Deleted %(name)s.") % {"name": agreement.document_number})
    return redirect("org:agreement_list")
