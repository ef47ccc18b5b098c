"""A lecturer's own schedule across classes and centres, their unavailable dates, and the calendar feed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from people.models import Lecturer, Person
from training.attendance.services import ordered_sessions
from training.models import LecturerUnavailability, Session
from training.permissions import manages_unavailability
from training.timetable import services as tts
from training.timetable.export import (
    calendar_token,
    person_from_token,
    render_ical,
    renew_calendar_address,
)
from training.timetable.forms import UnavailabilityForm

# How far back and ahead the feed reaches: calendar apps poll it, so it stays small.
FEED_PAST_DAYS, FEED_FUTURE_DAYS = 60, 366


def _visible_lecturer(request, pk: int) -> Lecturer:
    return get_object_or_404(Lecturer.objects.visible_to(request.user).select_related("person", "centre"), pk=pk)


def _parse_day(value: str | None, default: dt.date) -> dt.date:
    """dd/mm/yyyy as typed, or yyyy-mm-dd as in links."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime((value or "").strip(), pattern).date()  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError:
            continue
    return default


@login_required
def my_schedule(request):
    scope = scope_of(request.user)
    profile = (
        Lecturer.objects.filter(person_id=scope.person_id).order_by("-active", "pk").first() if scope.person_id
        else None
    )
    if profile is None:
        raise PermissionDenied
    return redirect("training:lecturer_schedule", pk=profile.pk)


@login_required
def lecturer_schedule(request, pk: int):
    """Sessions the person teaches under any of their profiles, in the classes the viewer may see."""
    lecturer = _visible_lecturer(request, pk)
    today = timezone.localdate()
    start = _parse_day(request.GET.get("from"), today - dt.timedelta(days=7))
    end = _parse_day(request.GET.get("to"), start + dt.timedelta(days=62))
    if end < start:
        start, end = end, start
    mine = Session.objects.visible_to(request.user).filter(lecturer__person_id=lecturer.person_id)
    sessions = ordered_sessions(
        mine.filter(date__range=(start, end)).select_related("klass__centre", "topic", "room")
    )
    year_periods = mine.filter(date__year=today.year).aggregate(total=Sum("periods"))["total"] or 0
    scope = scope_of(request.user)
    can_manage = manages_unavailability(request.user, lecturer)
    own = scope.person_id == lecturer.person_id
    context = {
        "lecturer": lecturer,
        "sessions": sessions,
        "start": start,
        "end": end,
        "today": today,
        "year": today.year,
        "year_periods": year_periods,
        "can_manage": can_manage,
        "unavailable": list(
            LecturerUnavailability.objects.filter(lecturer__person_id=lecturer.person_id, date__gte=today - dt.timedelta(days=30))
            .select_related("lecturer__centre")
        ) if can_manage or own else [],
        "form": UnavailabilityForm() if can_manage else None,
    }
    if own or scope.edits(lecturer.centre_id):
        context["feed_url"] = request.build_absolute_uri(
            reverse("training:lecturer_calendar", args=[calendar_token(lecturer.person_id, lecturer.person.calendar_key)])
        )
    return render(request, "training/timetable/lecturer_schedule.html", context)


@login_required
@require_POST
def unavailability_add(request, pk: int):
    lecturer = _visible_lecturer(request, pk)
    form = UnavailabilityForm(request.POST)
    if form.is_valid():
        try:
            tts.add_unavailability(actor=request.user, lecturer=lecturer, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved: not available on %(date)s.")
                             % {"date": form.cleaned_data["date"].strftime("%d/%m/%Y")})
    else:
        for name, errors in form.errors.items():
            messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
    return redirect("training:lecturer_schedule", pk=lecturer.pk)


@login_required
@require_POST
def unavailability_delete(request, pk: int):
    item = get_object_or_404(LecturerUnavailability.objects.select_related("lecturer__person"), pk=pk)
    if not Lecturer.objects.visible_to(request.user).filter(pk=item.lecturer_id).exists():
        raise Http404
    tts.remove_unavailability(actor=request.user, unavailability=item)
    messages.success(request, _("Removed."))
    return redirect("training:lecturer_schedule", pk=item.lecturer_id)


@login_required
@require_POST
def calendar_renew(request, pk: int):
    """Cut off every calendar address handed out so far and show a new one (own page or the centre's staff)."""
    lecturer = _visible_lecturer(request, pk)
    scope = scope_of(request.user)
    if not (scope.person_id == lecturer.person_id or scope.edits(lecturer.centre_id)):
        raise PermissionDenied
    renew_calendar_address(actor=request.user, person=lecturer.person)
    messages.success(request, _("A new calendar address was made; the old one no longer works."))
    return redirect("training:lecturer_schedule", pk=lecturer.pk)


def lecturer_calendar(request, token: str):
    """The iCalendar feed: no login (calendar apps cannot log in); the signed token is the key."""
    found = person_from_token(token)
    if found is None:
        raise Http404
    person_id, key = found
    if not Person.objects.filter(pk=person_id, calendar_key=key).exists():
        raise Http404  # an address from before the lecturer renewed it
    today = timezone.localdate()
    sessions = (
        Session.objects.filter(lecturer__person_id=person_id,
                               date__range=(today - dt.timedelta(days=FEED_PAST_DAYS),
                                            today + dt.timedelta(days=FEED_FUTURE_DAYS)))
        .select_related("klass__room", "topic", "room")
        .order_by("date", "part")
    )
    profile = Lecturer.objects.filter(person_id=person_id).select_related("person").first()
    if profile is None:
        raise Http404
    name = _("Teaching schedule – %(name)s") % {"name": profile.person.full_name}
    body = render_ical(sessions, calendar_name=name, host=request.get_host().split(":")[0] or "ttct")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-giang.ics"'
    return response
