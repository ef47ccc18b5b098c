"""Timetable pages: the week grid of a class (adjusted with HTMX, or plain forms without JS), the generator,
session editing, and the one-page PDF."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.services import require
from core.views import apply_validation_error
from training.attendance.services import ordered_sessions
from training.documents.timetable import render_timetable_pdf
from training.models import Klass, PublicHoliday, Session
from training.models.scoping import class_by_key, visible_class_or_404
from training.permissions import edits_class
from training.timetable import services as tts
from training.timetable.forms import GenerateForm, MoveForm, SessionForm

SESSION_RELATED = ("topic", "lecturer__person", "room")


def visible_class(request, pk: int) -> Klass:
    """The class if the login sees it (`sees_class`, the rule of `Klass.objects.visible_to`), else 404."""
    return visible_class_or_404(request.user, pk, class_by_key("centre", "version__programme", "room"))


def visible_session(request, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.visible_to(request.user).select_related(
            "klass__centre", "klass__version__programme", "klass__room", *SESSION_RELATED
        ),
        pk=pk,
    )


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _chosen_week(request, klass: Klass) -> dt.date:
    first, last = week_start(klass.start_date), week_start(klass.end_date)
    try:
        wanted = week_start(dt.date.fromisoformat(request.GET.get("week") or request.POST.get("week") or ""))
    except ValueError:
        today = timezone.localdate()
        wanted = week_start(today) if klass.start_date <= today <= klass.end_date else first
    return min(max(wanted, first), last)


def _week_context(request, klass: Klass, week: dt.date) -> dict:
    """Everything the grid needs for one week, in a fixed number of queries."""
    days = [week + dt.timedelta(days=n) for n in range(7)]
    all_sessions = ordered_sessions(Session.objects.filter(klass=klass).select_related(*SESSION_RELATED))
    by_slot = {(s.date, s.part): s for s in all_sessions if days[0] <= s.date <= days[-1]}
    holidays = dict(PublicHoliday.objects.filter(date__range=(days[0], days[-1])).values_list("date", "name"))
    parts = [Session.Part.MORNING, Session.Part.AFTERNOON]
    if any(s.part == Session.Part.EVENING for s in all_sessions) or request.GET.get("evening"):
        parts.append(Session.Part.EVENING)
    can_edit = edits_class(request.user, klass) and not klass.results_locked
    rows = [
        {
            "part": part,
            "label": Session.Part(part).label,
            "cells": [
                {"day": day, "session": by_slot.get((day, part)), "in_range": klass.start_date <= day <= klass.end_date,
                 "holiday": holidays.get(day), "weekend": day.weekday() >= 5}
                for day in days
            ],
        }
        for part in parts
    ]
    weeks = []
    current = week_start(klass.start_date)
    while current <= klass.end_date:
        weeks.append(current)
        current += dt.timedelta(days=7)
    index = weeks.index(week) if week in weeks else 0
    periods = tts.periods_by_topic(klass)
    return {
        "klass": klass,
        "week": week,
        "days": [(day, holidays.get(day)) for day in days],
        "rows": rows,
        "weeks": weeks,
        "prev_week": weeks[index - 1] if index > 0 else None,
        "next_week": weeks[index + 1] if index + 1 < len(weeks) else None,
        "sessions": all_sessions,
        "periods": periods,
        "periods_match": all(r.matches for r in periods),
        "total_scheduled": sum(s.periods for s in all_sessions),
        "total_required": sum(r.required for r in periods),
        "can_edit": can_edit,
        "class_url": reverse("training:class_detail", args=[klass.pk]),
    }


def _render_main(request, klass: Klass, week: dt.date, *, notice: str = "", errors=None) -> HttpResponse:
    context = _week_context(request, klass, week)
    context.update(notice=notice, notice_errors=errors or [])
    response = render(request, "training/timetable/_main_response.html", context)
    response["HX-Retarget"] = "#timetable-main"
    response["HX-Reswap"] = "innerHTML"
    return response


@login_required
def timetable(request, pk: int):
    klass = visible_class(request, pk)
    week = _chosen_week(request, klass)
    if request.htmx and request.htmx.target == "timetable-main":
        return _render_main(request, klass, week)
    context = _week_context(request, klass, week)
    if context["can_edit"]:
        context["generate_form"] = GenerateForm()
    return render(request, "training/timetable/timetable.html", context)


def _back(klass: Klass, week) -> str:
    return f"{reverse('training:timetable', args=[klass.pk])}?week={week.isoformat()}"


def _session_form_page(request, klass, form, *, session=None, week):
    template = "training/timetable/_session_form.html" if request.htmx else "training/timetable/session_form.html"
    return render(request, template, {"klass": klass, "form": form, "session": session, "week": week,
                                      "back_url": _back(klass, week)})


def _save_session(request, klass: Klass, session: Session | None):
    week = _chosen_week(request, klass)
    if session is None:
        initial = {"part": request.GET.get("part") or Session.Part.MORNING, "periods": 4,
                   "room": klass.room_id, "venue": klass.off_site_venue}
        try:
            initial["date"] = dt.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            pass
    else:
        initial = SessionForm.initial_from(session)
    form = SessionForm(request.POST or None, klass=klass, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("override_reason")
        try:
            if session is None:
                saved = tts.create_session(actor=request.user, klass=klass, override_reason=reason, **data)
            else:
                saved = tts.update_session(actor=request.user, session=session, override_reason=reason, **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            week = week_start(saved.date)
            notice = _("Saved the session of %(slot)s.") % {"slot": str(saved)}
            if request.htmx:
                return _render_main(request, klass, week, notice=notice)
            messages.success(request, notice)
            return redirect(_back(klass, week))
    return _session_form_page(request, klass, form, session=session, week=week)


@login_required
def session_create(request, pk: int):
    klass = visible_class(request, pk)
    require(edits_class(request.user, klass))
    return _save_session(request, klass, None)


@login_required
def session_edit(request, pk: int):
    session = visible_session(request, pk)
    require(edits_class(request.user, session.klass))
    return _save_session(request, session.klass, session)


@login_required
@require_POST
def session_move(request, pk: int):
    """Drop a session on another slot of the grid (or use the small move form)."""
    session = visible_session(request, pk)
    klass = session.klass
    require(edits_class(request.user, klass))
    form = MoveForm(request.POST)
    week = _chosen_week(request, klass)
    errors, notice = [], ""
    if form.is_valid():
        try:
            tts.move_session(actor=request.user, session=session, **form.cleaned_data)
        except ValidationError as error:
            errors = error.messages
        else:
            notice = _("Moved the session to %(slot)s.") % {"slot": str(session)}
    else:
        errors = [f"{form.fields[name].label}: {' '.join(e)}" for name, e in form.errors.items()]
    return _answer(request, klass, week, notice=notice, errors=errors)


def _answer(request, klass, week, *, notice: str, errors: list[str]):
    """The week grid again for HTMX, else the messages and a redirect to the week."""
    if request.htmx:
        return _render_main(request, klass, week, notice=notice, errors=errors)
    for message in errors:
        messages.error(request, message)
    if notice:
        messages.success(request, notice)
    return redirect(_back(klass, week))


@login_required
@require_POST
def session_delete(request, pk: int):
    session = visible_session(request, pk)
    klass = session.klass
    require(edits_class(request.user, klass))
    week = week_start(session.date)
    label = str(session)
    errors, notice = [], ""
    try:
        tts.delete_session(actor=request.user, session=session, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        errors = error.messages
    else:
        notice = _("Deleted the session of %(slot)s.") % {"slot": label}
    return _answer(request, klass, week, notice=notice, errors=errors)


@login_required
@require_POST
def timetable_generate(request, pk: int):
    klass = visible_class(request, pk)
    require(edits_class(request.user, klass))
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            result = tts.generate_timetable(actor=request.user, klass=klass, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Scheduled %(count)s sessions.") % {"count": len(result.created)})
            for warning in result.warnings[:12]:
                messages.warning(request, warning)
            if len(result.warnings) > 12:
                messages.warning(request, _("… and %(count)s more warnings.") % {"count": len(result.warnings) - 12})
    else:
        for name, errors in form.errors.items():
            messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
    return redirect("training:timetable", pk=klass.pk)


@login_required
def timetable_pdf(request, pk: int):
    klass = visible_class(request, pk)
    response = HttpResponse(render_timetable_pdf(klass, signer=request.GET.get("signer")), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="lich-hoc-{klass.code}.pdf"'
    return response
