"""Pages for the rooms and venues of a centre."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.listing import Filter, ListSpec, build_list
from core.text import search_key
from core.views import apply_validation_error, flash_error
from facilities import services
from facilities.forms import RoomForm, editable_centres
from facilities.models import Room
from org.selectors import centre_filter


def _require_staff(user) -> None:
    if not scope_of(user).is_staff_of_some_centre:
        raise PermissionDenied


def _search(queryset, text: str):
    # Room has no stored search key; a centre holds a handful of rooms, so the diacritic-free match runs
    # over (pk, name, address) tuples of the scoped rows, then filters by primary key.
    words = search_key(text).split()
    if not words:
        return queryset
    matches = [
        pk for pk, name, address in queryset.values_list("pk", "name", "address")
        if all(w in search_key(f"{name} {address}") for w in words)
    ]
    return queryset.filter(pk__in=matches)


def _spec(user) -> ListSpec:
    return ListSpec(
        sorts={
            "name": (gettext_lazy("Name"), "name"),
            "seats": (gettext_lazy("Seats"), "seats"),
            "centre": (gettext_lazy("Centre"), "centre__sort_key"),
        },
        default_sort="centre",
        search=_search,
        filters=[
            centre_filter(user),
            Filter("kind", gettext_lazy("Kind"), Room.Kind.choices, lambda qs, v: qs.filter(kind=v)),
            Filter(
                "status", gettext_lazy("Status"),
                [("active", gettext_lazy("in use")), ("inactive", gettext_lazy("out of use"))],
                lambda qs, v: qs.filter(active=(v == "active")),
            ),
        ],
    )


@login_required
def room_list(request):
    _require_staff(request.user)
    today = timezone.localdate()
    queryset = (
        Room.objects.visible_to(request.user)
        .select_related("centre")
        .annotate(upcoming=Count("sessions", filter=Q(sessions__date__gte=today)))
    )
    context = build_list(request, queryset, _spec(request.user))
    scope = scope_of(request.user)
    context["can_create"] = scope.edits_some_centre
    context["editable"] = scope.editable_centre_ids
    context["sees_everything"] = scope.sees_everything
    return render(request, "facilities/room_list.html", context)


def _visible_room(request, pk: int) -> Room:
    return get_object_or_404(Room.objects.visible_to(request.user).select_related("centre"), pk=pk)


@login_required
def room_detail(request, pk: int):
    _require_staff(request.user)
    room = _visible_room(request, pk)
    today = timezone.localdate()
    sessions = (
        room.sessions.filter(date__gte=today)
        .select_related("klass", "topic", "lecturer__person")
        .order_by("date", "part")[:50]
    )
    classes = room.classes.filter(end_date__gte=today).order_by("start_date")[:50]
    return render(request, "facilities/room_detail.html", {
        "room": room,
        "sessions": sessions,
        "classes": classes,
        "can_edit": services.can_manage_rooms(request.user, room.centre_id),
    })


@login_required
def room_edit(request, pk: int | None = None):
    _require_staff(request.user)
    room = _visible_room(request, pk) if pk else None
    if room is not None and not services.can_manage_rooms(request.user, room.centre_id):
        raise PermissionDenied
    if room is None and not editable_centres(request.user).exists():
        raise PermissionDenied
    initial = {}
    if room is None and request.GET.get("centre", "").isdigit():
        initial["centre"] = int(request.GET["centre"])
    form = RoomForm(request.POST or None, instance=room, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_room(actor=request.user, room=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": saved.name})
            return redirect("facilities:room_detail", pk=saved.pk)
    title = _("Edit %(name)s") % {"name": room.name} if room else _("New room")
    cancel = reverse("facilities:room_detail", args=[room.pk]) if room else reverse("facilities:room_list")
    return render(request, "core/form_page.html", {"form": form, "title": title, "cancel_url": cancel})


@login_required
@require_POST
def room_set_active(request, pk: int):
    room = _visible_room(request, pk)
    active = request.POST.get("active") == "1"
    services.set_room_active(actor=request.user, room=room, active=active, reason=request.POST.get("reason", ""))
    messages.success(request, _("The room is in use again.") if active else _("The room is out of use."))
    return redirect("facilities:room_detail", pk=room.pk)


@login_required
@require_POST
def room_delete(request, pk: int):
    room = _visible_room(request, pk)
    try:
        services.delete_room(actor=request.user, room=room, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
        return redirect("facilities:room_detail", pk=room.pk)
    messages.success(request, _("Deleted %(name)s.") % {"name": room.name})
    return redirect("facilities:room_list")
