"""A centre's facilities against the standard, its rooms' occupancy by month, buildings, inventory import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.views import apply_validation_error, flash_error
from facilities import services
from facilities.forms import BuildingForm, CategoryForm, InventoryUploadForm, RequirementForm
from facilities.inventory import import_inventory, preview_inventory, store_inventory_upload
from facilities.models import Building, EquipmentCategory, FacilityRequirement, InventoryUpload, Room
from facilities.permissions import keeps_standard, manages_facilities, manages_some_facilities, reads_facilities
from facilities.selectors import equipment_summary, occupancy, standing_of_centres
from facilities.views_equipment import require_reader
from org.models import Centre


def visible_centre(request, pk: int) -> Centre:
    require_reader(request.user)
    centre = get_object_or_404(Centre.objects.visible_to(request.user), pk=pk)
    if not reads_facilities(request.user, centre.pk):
        raise Http404
    return centre


@login_required
def centre_facilities(request, pk: int):
    centre = visible_centre(request, pk)
    today = timezone.localdate()
    standing = standing_of_centres([centre.pk], today)[centre.pk]
    categories = (centre.equipment.values("category__name").annotate(items=Count("id"), quantity=Sum("quantity"))
                  .order_by("category__sort_order"))
    return render(request, "facilities/centre_facilities.html", {
        "centre": centre,
        "standing": standing,
        "met": sum(1 for s in standing if s.met),
        "buildings": centre.buildings.annotate(room_count=Count("rooms")),
        "rooms": centre.rooms.select_related("building").annotate(items=Count("equipment")),
        "categories": categories,
        "conditions": equipment_summary([centre.pk])[centre.pk],
        "can_edit": manages_facilities(request.user, centre.pk),
    })


@login_required
def room_occupancy(request, pk: int):
    centre = visible_centre(request, pk)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else timezone.localdate().year
    rooms = centre.rooms.filter(active=True).exclude(kind=Room.Kind.OFF_SITE)
    return render(request, "facilities/occupancy.html", {
        "centre": centre, "year": year, "rows": occupancy(rooms, year), "months": range(1, 13),
        "years": range(year - 2, year + 2),
    })


@login_required
def building_edit(request, pk: int | None = None):
    require_reader(request.user)
    building = None
    if pk:
        building = get_object_or_404(Building.objects.filter(centre__in=Centre.objects.visible_to(request.user)), pk=pk)
    if (building and not manages_facilities(request.user, building.centre_id)) or (
            building is None and not manages_some_facilities(request.user)):
        raise PermissionDenied
    initial = {"centre": int(request.GET["centre"])} if request.GET.get("centre", "").isdigit() else {}
    form = BuildingForm(request.POST or None, instance=building, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_building(actor=request.user, building=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": saved.name})
            return redirect("facilities:centre", pk=saved.centre_id)
    title = _("Edit %(name)s") % {"name": building.name} if building else _("New building")
    return render(request, "core/form_page.html", {"form": form, "title": title})


@login_required
def inventory_upload(request):
    require_reader(request.user)
    if not manages_some_facilities(request.user):
        raise PermissionDenied
    form = InventoryUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = request.FILES["file"]
        try:
            stored, _preview = store_inventory_upload(actor=request.user, centre=form.cleaned_data["centre"],
                                                      data=upload.read(), filename=upload.name)
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("facilities:inventory_preview", token=stored.token)
    return render(request, "facilities/inventory_upload.html", {"form": form})


def _upload(request, token: str) -> InventoryUpload:
    upload = get_object_or_404(InventoryUpload.objects.select_related("centre"), token=token,
                               uploaded_by=request.user)
    if not manages_facilities(request.user, upload.centre_id):
        raise Http404
    return upload


@login_required
def inventory_preview(request, token: str):
    upload = _upload(request, token)
    preview = preview_inventory(bytes(upload.content), upload.centre)
    return render(request, "facilities/inventory_preview.html", {
        "upload": upload, "preview": preview, "columns": preview.table.columns.values(),
    })


@login_required
@require_POST
def inventory_confirm(request, token: str):
    upload = _upload(request, token)
    if request.POST.get("discard"):
        upload.delete()
        messages.info(request, _("The list was discarded; nothing was imported."))
        return redirect("facilities:inventory_upload")
    try:
        created = import_inventory(actor=request.user, upload=upload)
    except ValidationError as error:
        flash_error(request, error)
        return redirect("facilities:inventory_preview", token=token)
    messages.success(request, _("%(count)s equipment items were added.") % {"count": len(created)})
    return redirect(reverse("facilities:equipment_list") + f"?centre={upload.centre_id}")


@login_required
def standard(request):
    require_reader(request.user)
    return render(request, "facilities/standard.html", {
        "requirements": FacilityRequirement.objects.select_related("category"),
        "categories": EquipmentCategory.objects.all(),
        "can_edit": keeps_standard(request.user),
    })


def _standard_edit(request, model, form_class, save, pk, title):
    require_reader(request.user)
    if not keeps_standard(request.user):
        raise PermissionDenied
    instance = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            save(request.user, form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("facilities:standard")
    return render(request, "core/form_page.html", {"form": form, "title": title,
                                                   "cancel_url": reverse("facilities:standard")})


@login_required
def requirement_edit(request, pk: int | None = None):
    def save(actor, requirement):
        return services.save_requirement(actor=actor, requirement=requirement)

    return _standard_edit(request, FacilityRequirement, RequirementForm, save, pk, _("Facilities requirement"))


@login_required
def category_edit(request, pk: int | None = None):
    def save(actor, category):
        return services.save_category(actor=actor, category=category)

    return _standard_edit(request, EquipmentCategory, CategoryForm, save, pk, _("Equipment category"))
