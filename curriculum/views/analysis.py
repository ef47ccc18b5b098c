"""Overlap report and review; liên thông mappings and a person's credits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.services import require
from curriculum import services
from curriculum.choices import OrganiserKind, ProgrammeStatus
from curriculum.forms import MappingForm
from curriculum.lienthong import credited_modules
from curriculum.models import ProgrammeVersion, Topic, TopicMapping
from curriculum.permissions import can_edit_mappings
from curriculum.views.common import flash_errors
from people.models import Person


def _versions(user, kind):
    return (ProgrammeVersion.objects.visible_to(user).live()
            .filter(programme__organiser_kind=kind, programme__status=ProgrammeStatus.ACTIVE)
            .select_related("programme").order_by("programme__code", "-number"))


@login_required
@require_http_methods(["GET", "POST"])
def mapping_page(request):
    centre_versions = list(_versions(request.user, OrganiserKind.CENTRE))
    school_versions = list(_versions(request.user, OrganiserKind.PROVINCIAL_SCHOOL))
    centre = next((v for v in centre_versions if str(v.pk) == request.GET.get("centre")), None)
    school = next((v for v in school_versions if str(v.pk) == request.GET.get("school")), None)
    centre = centre or (centre_versions[0] if centre_versions else None)
    school = school or (school_versions[0] if school_versions else None)
    centre_topics = Topic.objects.filter(version=centre) if centre else Topic.objects.none()
    school_modules = Topic.objects.filter(version=school) if school else Topic.objects.none()
    form = MappingForm(request.POST or None, centre_topics=centre_topics, school_modules=school_modules)
    if request.method == "POST":
        require(can_edit_mappings(request.user))
        if form.is_valid():
            try:
                services.add_mapping(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                messages.success(request, _("Mapping saved."))
                return redirect(f"{reverse('curriculum:mapping_list')}?centre={centre.pk}&school={school.pk}")
    mappings = list(
        TopicMapping.objects.visible_to(request.user)
        .filter(centre_topic__version=centre, school_module__version=school)
        .select_related("centre_topic", "school_module").order_by("centre_topic__order", "school_module__order")
    ) if centre and school else []
    return render(request, "curriculum/mapping_list.html", {
        "centre_versions": centre_versions, "school_versions": school_versions, "centre": centre, "school": school,
        "mappings": mappings, "form": form, "can_edit": can_edit_mappings(request.user),
    })


@login_required
@require_POST
def mapping_delete(request, pk):
    mapping = get_object_or_404(TopicMapping.objects.visible_to(request.user).select_related(
        "centre_topic", "school_module"), pk=pk)
    services.remove_mapping(actor=request.user, mapping=mapping)
    messages.success(request, _("Mapping removed."))
    return redirect(f"{reverse('curriculum:mapping_list')}?centre={mapping.centre_topic.version_id}"
                    f"&school={mapping.school_module.version_id}")


@login_required
def person_credits(request, person_pk):
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=person_pk)
    return render(request, "curriculum/person_credits.html",
                  {"person": person, "credits": credited_modules(person, user=request.user)})
