"""Pages for centres, administrative units and sending organisations. Views parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import require_staff, scope_of
from core.listing import Filter, ListSpec, build_list, search_words
from core.views import apply_validation_error, flash_error
from org import services
from org.forms import (
    AdministrativeUnitForm,
    CentreForm,
    EndLinkForm,
    HostForm,
    RenameForm,
    SendingOrganisationForm,
    ServiceAreaForm,
)
from org.headings import heading_of
from org.models import AdministrativeUnit, Centre, SendingOrganisation, ServiceAreaLink
from org.permissions import can_add_sending_org, can_edit_centre_page, can_edit_sending_org

# ----------------------------------------------------------------------------------------- centres

CENTRE_LIST = ListSpec(
    sorts={
        "name": (gettext_lazy("Name"), "sort_key"),
        "code": (gettext_lazy("Code"), "code"),
        "province": (gettext_lazy("Province"), "province__sort_key"),
        "staff": (gettext_lazy("Staff"), "staff_count"),
    },
    default_sort="name",
    search=search_words,
    filters=[
        Filter("level", gettext_lazy("Level"), Centre.Level.choices, lambda qs, v: qs.filter(level=v)),
        Filter("status", gettext_lazy("Status"), Centre.Status.choices, lambda qs, v: qs.filter(status=v)),
        Filter("kind", gettext_lazy("Kind"), Centre.Kind.choices, lambda qs, v: qs.filter(kind=v)),
    ],
)


@login_required
def centre_list(request):
    scope = scope_of(request.user)
    if not scope.sees_some_centre:
        raise PermissionDenied
    queryset = (
        Centre.objects.visible_to(request.user)
        .select_related("province", "predecessor")
        .annotate(staff_count=Count("staff", filter=Q(staff__end_date__isnull=True), distinct=True))
    )
    context = build_list(request, queryset, CENTRE_LIST)
    context["can_create"] = scope.supervises_some_province
    return render(request, "org/centre_list.html", context)


def _visible_centre(request, pk: int) -> Centre:
    return get_object_or_404(Centre.objects.visible_to(request.user).select_related("province", "predecessor"), pk=pk)


@login_required
def centre_detail(request, pk: int):
    centre = _visible_centre(request, pk)
    scope = scope_of(request.user)
    context = {
        "centre": centre,
        "current_host": centre.hosts.current().first(),
        "heading": heading_of(centre),
        "service_area": centre.service_area.current().select_related("unit"),
        "successors": centre.successors.all(),
        "staff": centre.staff.current().select_related("person") if scope.is_staff_of_some_centre else [],
        "lecturer_counts": dict(
            centre.lecturers.filter(active=True).values_list("kind").annotate(n=Count("id")).values_list("kind", "n")
        ),
        "can_edit": can_edit_centre_page(request.user, centre),
        "can_manage": scope.supervises(centre.province_id),
        "sees_people": scope.sees_people_of(centre.pk),
    }
    return render(request, "org/centre_detail.html", context)


@login_required
def centre_history(request, pk: int):
    centre = _visible_centre(request, pk)
    chain = []
    node = centre.predecessor
    while node is not None and len(chain) < 10:
        chain.append(node)
        node = node.predecessor
    context = {
        "centre": centre,
        "names": centre.names.all(),
        "hosts": centre.hosts.select_related("unit"),
        "links": centre.service_area.select_related("unit").order_by("valid_to", "unit__sort_key"),
        "predecessors": chain,
        "successors": centre.successors.all(),
        "can_manage": scope_of(request.user).supervises(centre.province_id),
        "end_form": EndLinkForm(),
    }
    return render(request, "org/centre_history.html", context)


@login_required
def centre_create(request):
    scope = scope_of(request.user)
    if not scope.supervises_some_province:
        raise PermissionDenied
    form = CentreForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            centre = services.create_centre(
                actor=request.user, centre=form.save(commit=False), name=form.cleaned_data["name"],
                name_from=form.cleaned_data.get("name_from"), host_committee=form.cleaned_data.get("host_committee", ""),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Centre created."))
            return redirect("org:centre_detail", pk=centre.pk)
    return render(request, "core/form_page.html", {"form": form, "title": _("New centre"), "cancel_url": reverse("org:centre_list")})


@login_required
def centre_edit(request, pk: int):
    centre = _visible_centre(request, pk)
    if not can_edit_centre_page(request.user, centre):
        raise PermissionDenied
    form = CentreForm(request.POST or None, instance=centre, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_centre(actor=request.user, centre=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("org:centre_detail", pk=centre.pk)
    return render(request, "core/form_page.html", {"form": form, "title": _("Edit %(name)s") % {"name": centre}, "object": centre})


def _managed_centre(request, pk: int) -> Centre:
    centre = _visible_centre(request, pk)
    if not scope_of(request.user).supervises(centre.province_id):
        raise PermissionDenied
    return centre


def _dated_change(request, pk: int, *, form, service, done: str, title: str):
    """The pages that record a dated change of a centre (name, host, service area) share one flow:
    a province-level form, the service, then back to the centre's history."""
    centre = _managed_centre(request, pk)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, centre=centre, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, done)
            return redirect("org:centre_history", pk=centre.pk)
    return render(request, "core/form_page.html", {"form": form, "title": title % {"name": centre}, "object": centre})


@login_required
def centre_rename(request, pk: int):
    return _dated_change(request, pk, form=RenameForm(request.POST or None), service=services.rename_centre,
                         done=_("The new name was recorded; the old one stays in the history."),
                         title=_("Rename %(name)s"))


@login_required
def centre_change_host(request, pk: int):
    return _dated_change(request, pk, form=HostForm(request.POST or None), service=services.change_host,
                         done=_("The host party committee was recorded."), title=_("Change host of %(name)s"))


@login_required
def service_area_add(request, pk: int):
    return _dated_change(request, pk, form=ServiceAreaForm(request.POST or None, user=request.user),
                         service=services.add_service_area, done=_("The unit was added to the service area."),
                         title=_("Add to the service area of %(name)s"))


@login_required
@require_POST
def service_area_end(request, pk: int, link_pk: int):
    centre = _managed_centre(request, pk)
    link = get_object_or_404(ServiceAreaLink.objects.select_related("unit", "centre"), pk=link_pk, centre=centre)
    form = EndLinkForm(request.POST)
    if form.is_valid():
        try:
            services.end_service_area(actor=request.user, link=link, valid_to=form.cleaned_data["valid_to"])
            messages.success(request, _("The link was ended; it stays in the history."))
        except ValidationError as error:
            flash_error(request, error)
    else:
        messages.error(request, _("Enter the end date as dd/mm/yyyy."))
    return redirect("org:centre_history", pk=centre.pk)


# ------------------------------------------------------------------------------ administrative units

UNIT_LIST = ListSpec(
    sorts={
        "name": (gettext_lazy("Name"), "sort_key"),
        "code": (gettext_lazy("Code"), "code"),
        "valid_from": (gettext_lazy("Valid from"), "valid_from"),
    },
    default_sort="name",
    search=search_words,
    filters=[
        Filter("level", gettext_lazy("Level"), AdministrativeUnit.Level.choices, lambda qs, v: qs.filter(level=v)),
        Filter(
            "period", gettext_lazy("Period"),
            [("current", gettext_lazy("in force today")), ("ended", gettext_lazy("ended"))],
            lambda qs, v: qs.current() if v == "current" else qs.filter(valid_to__isnull=False),
        ),
    ],
)


@login_required
def unit_list(request):
    require_staff(request.user)
    queryset = AdministrativeUnit.objects.visible_to(request.user).select_related("parent", "successor")
    context = build_list(request, queryset, UNIT_LIST)
    context["can_create"] = scope_of(request.user).supervises_some_province
    return render(request, "org/unit_list.html", context)


@login_required
def unit_detail(request, pk: int):
    require_staff(request.user)
    unit = get_object_or_404(
        AdministrativeUnit.objects.visible_to(request.user).select_related("parent", "successor", "province"), pk=pk
    )
    context = {
        "unit": unit,
        "children": unit.children.order_by("sort_key")[:200],
        "predecessors": unit.predecessors.all(),
        "centres": Centre.objects.visible_to(request.user).filter(service_area__unit=unit).distinct(),
        "can_edit": scope_of(request.user).supervises(unit.province_id),
    }
    return render(request, "org/unit_detail.html", context)


@login_required
def unit_edit(request, pk: int | None = None):
    scope = scope_of(request.user)
    unit = None
    if pk is not None:
        unit = get_object_or_404(AdministrativeUnit.objects.visible_to(request.user), pk=pk)
        if not scope.supervises(unit.province_id):
            raise PermissionDenied
    elif not scope.supervises_some_province:
        raise PermissionDenied
    form = AdministrativeUnitForm(request.POST or None, instance=unit, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.save_administrative_unit(actor=request.user, unit=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
            return render(request, "core/form_page.html", {"form": form, "title": _("Administrative unit"), "object": unit})
        messages.success(request, _("Changes saved."))
        return redirect("org:unit_detail", pk=candidate.pk)
    title = _("Edit %(name)s") % {"name": unit} if unit else _("New administrative unit")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": unit})


# --------------------------------------------------------------------------- sending organisations

SENDING_ORG_LIST = ListSpec(
    sorts={
        "name": (gettext_lazy("Name"), "sort_key"),
        "kind": (gettext_lazy("Kind"), "kind"),
        "centre": (gettext_lazy("Centre"), "centre__sort_key"),
    },
    default_sort="name",
    search=search_words,
    filters=[
        Filter("kind", gettext_lazy("Kind"), SendingOrganisation.Kind.choices, lambda qs, v: qs.filter(kind=v)),
        Filter(
            "archived", gettext_lazy("Archived"),
            [("no", gettext_lazy("in use")), ("yes", gettext_lazy("archived"))],
            lambda qs, v: qs.filter(archived=(v == "yes")),
        ),
    ],
)


@login_required
def sending_org_list(request):
    require_staff(request.user)
    queryset = SendingOrganisation.objects.visible_to(request.user).select_related("parent", "centre")
    if "archived" not in request.GET:
        queryset = queryset.filter(archived=False)
    context = build_list(request, queryset, SENDING_ORG_LIST)
    context["can_create"] = can_add_sending_org(request.user)
    return render(request, "org/sending_org_list.html", context)


def _visible_sending_org(request, pk: int) -> SendingOrganisation:
    require_staff(request.user)
    return get_object_or_404(
        SendingOrganisation.objects.visible_to(request.user).select_related("parent", "centre", "province", "unit"), pk=pk
    )


@login_required
def sending_org_detail(request, pk: int):
    org = _visible_sending_org(request, pk)
    context = {
        "org": org,
        "children": org.children.order_by("sort_key"),
        "person_count": org.persons.count(),
        "can_edit": can_edit_sending_org(request.user, org),
    }
    return render(request, "org/sending_org_detail.html", context)


@login_required
def sending_org_edit(request, pk: int | None = None):
    org = _visible_sending_org(request, pk) if pk else None
    if org is not None and not can_edit_sending_org(request.user, org):
        raise PermissionDenied
    scope = scope_of(request.user)
    if org is None and not can_add_sending_org(request.user):
        raise PermissionDenied
    initial = {}
    if org is None and len(scope.editable_centre_ids) == 1:
        centre = Centre.objects.filter(pk__in=scope.editable_centre_ids).first()
        initial = {"centre": centre, "province": centre.province_id if centre else None}
    form = SendingOrganisationForm(request.POST or None, instance=org, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_sending_organisation(actor=request.user, organisation=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("org:sending_org_detail", pk=saved.pk)
    title = _("Edit %(name)s") % {"name": org} if org else _("New sending organisation")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": org})


@login_required
@require_POST
def sending_org_archive(request, pk: int):
    org = _visible_sending_org(request, pk)
    if not can_edit_sending_org(request.user, org):
        raise PermissionDenied
    archived = request.POST.get("archived", "1") == "1"
    services.archive_sending_organisation(actor=request.user, organisation=org, archived=archived)
    messages.success(request, _("Archived.") if archived else _("Restored."))
    return redirect("org:sending_org_detail", pk=org.pk)


@login_required
@require_POST
def sending_org_delete(request, pk: int):
    org = _visible_sending_org(request, pk)
    if not can_edit_sending_org(request.user, org):
        raise PermissionDenied
    try:
        services.delete_sending_organisation(actor=request.user, organisation=org)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("org:sending_org_detail", pk=org.pk)
    messages.success(request, _("Deleted."))
    return redirect("org:sending_org_list")
