"""What the standards pages share: scoped look-ups and small parsing helpers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from core.text import parse_decimal
from standards.models import Assessment, Framework
from standards.permissions import reads_assessments


def require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def require_staff(user) -> None:
    require(reads_assessments(user))


def visible_framework(request, pk: int) -> Framework:
    return get_object_or_404(Framework.objects.visible_to(request.user).select_related("province"), pk=pk)


def visible_assessment(request, pk: int) -> Assessment:
    return get_object_or_404(
        Assessment.objects.visible_to(request.user).select_related(
            "centre__province", "framework", "result_level", "self_level", "submitted_by", "reviewer"),
        pk=pk)


def decimal_input(text: str | None, field: str):
    try:
        return parse_decimal(text)
    except ArithmeticError:
        raise ValidationError({field: [_("“%(value)s” is not a number.") % {"value": text}]}) from None


def download(content: bytes, name: str, content_type: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    return response
