"""The learner's own pages: my classes and my timetable."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.scope import scope_of
from training.nominations.records import learner_record, learner_sessions
from training.permissions import has_own_classes


def _own_person_id(user) -> int:
    if not has_own_classes(user):
        raise PermissionDenied
    return scope_of(user).person_id


@login_required
def my_classes(request):
    person_id = _own_person_id(request.user)
    enrolments = learner_record(request.user, person_id)
    return render(request, "training/nominations/my_classes.html",
                  {"enrolments": enrolments, "view_data": {"enrolments": enrolments, "own": True}})


@login_required
def my_timetable(request):
    person_id = _own_person_id(request.user)
    show_all = request.GET.get("all") == "1"
    sessions = learner_sessions(person_id, since=None if show_all else timezone.localdate())
    return render(request, "training/nominations/my_timetable.html", {"sessions": sessions, "show_all": show_all})
