from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from curriculum.models import Programme, ProgrammeVersion


def programme_or_404(user, pk) -> Programme:
    return get_object_or_404(Programme.objects.visible_to(user).select_related("owner_centre", "owner_province"),
                             pk=pk)


def version_or_404(user, pk) -> ProgrammeVersion:
    return get_object_or_404(
        ProgrammeVersion.objects.visible_to(user).select_related(
            "programme__owner_centre", "programme__owner_province", "based_on"),
        pk=pk,
    )


def error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def flash_errors(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)
