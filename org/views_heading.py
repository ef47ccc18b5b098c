"""The page where a centre records the heading lines of its documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core.views import apply_validation_error
from org import services
from org.forms import HeadingForm
from org.headings import heading_of
from org.models import Centre


@login_required
def centre_heading(request, pk: int):
    centre = get_object_or_404(Centre.objects.visible_to(request.user).select_related("province"), pk=pk)
    scope = scope_of(request.user)
    if not (scope.edits(centre.pk) or scope.supervises(centre.province_id)):
        raise PermissionDenied
    current = heading_of(centre)
    initial = {"superior_body": current.superior_body, "issuing_body": current.issuing_body,
               "symbol": current.symbol, "valid_from": timezone.localdate()}
    form = HeadingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_document_heading(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The document heading was recorded; older documents keep theirs."))
            return redirect("org:centre_detail", pk=centre.pk)
    return render(request, "core/form_page.html", {
        "form": form, "title": _("Document heading of %(name)s") % {"name": centre}, "object": centre,
        "cancel_url": reverse("org:centre_detail", args=[centre.pk]),
    })
