"""Helpers shared by the lecturers pages: scoped look-ups and file responses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.scope import scope_of
from lecturers import permissions
from people.models import Lecturer
from training.models import Klass
from training.models.scoping import class_by_key, visible_class_or_404


def visible_class(request, pk: int, *, manage: bool = False) -> Klass:
    klass = visible_class_or_404(request.user, pk, class_by_key("centre"))
    scope = scope_of(request.user)
    allowed = (permissions.manages_lecturer_records if manage else permissions.sees_lecturer_records)
    if not allowed(scope, klass.centre_id):
        raise PermissionDenied
    return klass


def visible_lecturer(request, pk: int) -> Lecturer:
    lecturer = get_object_or_404(Lecturer.objects.visible_to(request.user).select_related("person", "centre"), pk=pk)
    if not permissions.sees_lecturer(scope_of(request.user), lecturer.centre_id, lecturer.person_id):
        raise PermissionDenied
    return lecturer


def managed_lecturer(request, pk: int) -> Lecturer:
    """A lecturer whose load and pay records the user changes (the centre's director and officers)."""
    lecturer = visible_lecturer(request, pk)
    if not permissions.manages_lecturer_records(scope_of(request.user), lecturer.centre_id):
        raise PermissionDenied
    return lecturer


def file_response(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def year_param(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
