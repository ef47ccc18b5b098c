"""Browsing and keeping the programme list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.listing import Filter, ListSpec, build_list
from core.services import require
from curriculum import services
from curriculum.choices import Category, OrganiserKind, ProgrammeStatus
from curriculum.forms import ProgrammeForm, RetireForm, owner_from_choice
from curriculum.models import Programme
from curriculum.overlap_report import current_versions
from curriculum.permissions import can_create_programmes, can_edit_programme
from curriculum.views.common import flash_errors, programme_or_404

LEVELS = [("national", gettext_lazy("national")), ("provincial", gettext_lazy("provincial")), ("local", gettext_lazy("local"))]


def _level_filter(queryset, value):
    if value == "local":
        return queryset.filter(owner_centre__isnull=False)
    if value == "provincial":
        return queryset.filter(owner_province__isnull=False)
    return queryset.filter(owner_centre__isnull=True, owner_province__isnull=True)


LIST_SPEC = ListSpec(
    sorts={"name": (gettext_lazy("Name"), "sort_key"), "code": (gettext_lazy("Code"), "code"),
           "category": (gettext_lazy("Category"), "category")},
    default_sort="name",
    search=lambda qs, text: qs.search(text),
    filters=[
        Filter("category", gettext_lazy("Category"), Category.choices, lambda qs, v: qs.filter(category=v)),
        Filter("organiser", gettext_lazy("Organised by"), OrganiserKind.choices, lambda qs, v: qs.filter(organiser_kind=v)),
        Filter("level", gettext_lazy("Catalogue"), LEVELS, _level_filter),
        Filter("status", gettext_lazy("Status"), ProgrammeStatus.choices, lambda qs, v: qs.filter(status=v)),
    ],
)


@login_required
def programme_list(request):
    queryset = (
        Programme.objects.visible_to(request.user)
        .select_related("owner_centre", "owner_province")
        .annotate(version_count=Count("versions"))
    )
    context = build_list(request, queryset, LIST_SPEC)
    context["can_create"] = can_create_programmes(request.user)
    return render(request, "curriculum/programme_list.html", context)


@login_required
def programme_detail(request, pk):
    programme = programme_or_404(request.user, pk)
    versions = list(programme.versions.all())
    current = current_versions([programme]).get(programme.pk)
    topics = list(current.topics.all()) if current else []
    return render(request, "curriculum/programme_detail.html", {
        "programme": programme, "versions": versions, "current": current, "topics": topics,
        "can_edit": can_edit_programme(request.user, programme),
    })


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    require(can_create_programmes(request.user))
    form = ProgrammeForm(request.POST or None, user=request.user, creating=True)
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        for name, value in owner_from_choice(form.cleaned_data["owner"]).items():
            setattr(programme, name, value)
        try:
            services.create_programme(actor=request.user, programme=programme)
            version = services.create_version(actor=request.user, programme=programme,
                                              content=services.empty_content())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Programme created; add its topics to the first draft version."))
            return redirect("curriculum:version_edit", pk=version.pk)
    return render(request, "curriculum/programme_form.html", {"form": form, "programme": None})


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, pk):
    programme = programme_or_404(request.user, pk)
    require(can_edit_programme(request.user, programme))
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(actor=request.user, programme=form.save(commit=False))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Programme saved."))
            return redirect("curriculum:programme_detail", pk=programme.pk)
    return render(request, "curriculum/programme_form.html", {"form": form, "programme": programme})


@login_required
@require_http_methods(["GET", "POST"])
def programme_retire(request, pk):
    programme = programme_or_404(request.user, pk)
    require(can_edit_programme(request.user, programme))
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.retire_programme(actor=request.user, programme=programme, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Programme retired."))
        return redirect("curriculum:programme_detail", pk=programme.pk)
    return render(request, "curriculum/programme_retire.html", {"form": form, "programme": programme})
