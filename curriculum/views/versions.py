"""Version pages: read, edit a draft, derive, publish, compare, exchange files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.services import require
from curriculum import services
from curriculum.exchange import excel, jsonfile
from curriculum.forms import (
    BandFormSet,
    ComponentFormSet,
    PrerequisiteFormSet,
    TopicFormSet,
    VersionHeaderForm,
    content_from_forms,
)
from curriculum.models import Programme, ProgrammeVersion
from curriculum.models.overlap import publish_confirm_above
from curriculum.overlap_report import periods_saved
from curriculum.permissions import can_analyse_version, can_edit_programme
from curriculum.reports import compare_versions
from curriculum.views.common import flash_errors, version_or_404


@login_required
def version_detail(request, pk):
    version = version_or_404(request.user, pk)
    siblings = list(version.programme.versions.exclude(pk=version.pk).order_by("-number"))
    return render(request, "curriculum/version_detail.html", {
        "version": version, "programme": version.programme,
        "can_analyse": can_analyse_version(request.user, version),
        "periods_saved": periods_saved([version])[version.pk],
        "topics": list(version.topics.all()), "components": list(version.components.all()),
        "bands": list(version.bands.all()),
        "prerequisites": list(version.prerequisites.select_related("required_programme")),
        "siblings": siblings, "can_edit": can_edit_programme(request.user, version.programme),
    })


def _formsets(data, version, user, initial=None):
    content = initial
    programmes = Programme.objects.visible_to(user).exclude(pk=version.programme_id)
    prefix_kwargs = {"form_kwargs": {"programmes": programmes}}
    return (
        VersionHeaderForm(data, instance=version),
        TopicFormSet(data, prefix="topics", initial=content.topics if content else None),
        ComponentFormSet(data, prefix="components", initial=content.components if content else None),
        BandFormSet(data, prefix="bands", initial=content.bands if content else None),
        PrerequisiteFormSet(data, prefix="prereqs", initial=content.prerequisites if content else None,
                            **prefix_kwargs),
    )


@login_required
@require_http_methods(["GET", "POST"])
def version_edit(request, pk):
    version = version_or_404(request.user, pk)
    require(can_edit_programme(request.user, version.programme))
    if version.is_locked:
        messages.error(request, _("This version is published or used by a class; create a new version instead."))
        return redirect("curriculum:version_detail", pk=version.pk)
    errors = []
    if request.method == "POST":
        forms = _formsets(request.POST, version, request.user)
        if all(f.is_valid() for f in forms):
            try:
                services.save_version(actor=request.user, version=version, content=content_from_forms(*forms))
            except ValidationError as exc:
                errors = exc.messages
            else:
                messages.success(request, _("Version saved."))
                return redirect("curriculum:version_detail", pk=version.pk)
    else:
        forms = _formsets(None, version, request.user, initial=services.content_of(version))
    header, topics, components, bands, prerequisites = forms
    return render(request, "curriculum/version_form.html", {
        "version": version, "programme": version.programme, "errors": errors, "header": header,
        "topics": topics, "components": components, "bands": bands, "prerequisites": prerequisites,
    })


@login_required
@require_POST
def version_derive(request, pk):
    version = version_or_404(request.user, pk)
    require(can_edit_programme(request.user, version.programme))
    try:
        draft = services.derive_version(actor=request.user, source=version)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("curriculum:version_detail", pk=version.pk)
    messages.success(request, _("New draft version created from version %(n)s.") % {"n": version.number})
    return redirect("curriculum:version_edit", pk=draft.pk)


@login_required
@require_POST
def version_publish(request, pk):
    version = version_or_404(request.user, pk)
    require(can_edit_programme(request.user, version.programme))
    try:
        services.publish_version(actor=request.user, version=version,
                                 overlaps_confirmed=request.POST.get("confirm_overlaps") == "1")
    except services.UnreviewedOverlaps as exc:
        return render(request, "curriculum/publish_confirm.html", {
            "version": version, "programme": version.programme, "report": exc.report,
            "allowed": publish_confirm_above()})
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Version published."))
    return redirect("curriculum:version_detail", pk=version.pk)


@login_required
def version_compare(request):
    visible = ProgrammeVersion.objects.visible_to(request.user).select_related("programme")
    try:
        old = visible.get(pk=int(request.GET.get("a", "")))
        new = visible.get(pk=int(request.GET.get("b", "")))
    except (ValueError, ProgrammeVersion.DoesNotExist):
        raise Http404 from None
    choices = list(visible.filter(programme__in=[old.programme_id, new.programme_id]).order_by(
        "programme__code", "-number"))
    return render(request, "curriculum/version_compare.html", {
        "old": old, "new": new, "choices": choices, **compare_versions(old, new),
    })


def _download(content, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def version_export_json(request, pk):
    version = version_or_404(request.user, pk)
    return _download(jsonfile.dumps(version).encode(), f"{version.programme.code}-v{version.number}.json",
                     "application/json; charset=utf-8")


@login_required
def version_export_xlsx(request, pk):
    version = version_or_404(request.user, pk)
    return _download(excel.dumps(version), f"{version.programme.code}-v{version.number}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
