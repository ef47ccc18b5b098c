"""Report kinds: the shipped defaults, editable by the system administrator."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from reports import permissions, services
from reports.forms import KindForm
from reports.models import ReportKind
from reports.sections import label


@login_required
def kind_list(request):
    scope = scope_of(request.user)
    if not (permissions.reads_some_reports(scope) or permissions.edits_report_kinds(scope)):
        raise PermissionDenied
    kinds = list(ReportKind.objects.prefetch_related("sections").order_by("id"))
    for kind in kinds:
        kind.section_labels = [(label(s.key), s.mandatory) for s in kind.sections.all()]
    return render(request, "reports/kind_list.html", {"kinds": kinds,
                                                      "can_edit": permissions.edits_report_kinds(scope)})


@login_required
def kind_edit(request, pk: int | None = None):
    if not permissions.edits_report_kinds(scope_of(request.user)):
        raise PermissionDenied
    kind = get_object_or_404(ReportKind, pk=pk) if pk else None
    form = KindForm(request.POST or None, instance=kind)
    if request.method == "POST" and form.is_valid():
        services.save_kind(actor=request.user, form=form)
        messages.success(request, _("The report kind was saved."))
        return redirect("reports:kind_list")
    title = _("Edit report kind") if kind else _("New report kind")
    return render(request, "core/form_page.html", {"form": form, "title": title,
                                                   "cancel_url": reverse("reports:kind_list")})
