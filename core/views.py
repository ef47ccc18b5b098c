"""Small helpers the apps' views share."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form


def apply_validation_error(form: Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, on the named fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def flash_error(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)
