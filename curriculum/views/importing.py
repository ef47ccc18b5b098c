"""Importing a programme file: upload, preview (validation and overlaps with the catalogue), confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.services import require
from curriculum.exchange.importer import import_version, parse_file
from curriculum.exchange.uploads import discard_file, load_file, store_file
from curriculum.forms import ImportForm, owner_from_choice
from curriculum.overlap_report import file_overlaps
from curriculum.permissions import can_create_programmes
from curriculum.views.overlaps import review_context


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_import(request):
    """Step 1, the upload, shows the preview; step 2 (`token`) imports exactly the file previewed."""
    require(can_create_programmes(request.user))
    token = request.POST.get("token", "")
    if request.method == "POST" and token:
        stored = load_file(token, actor=request.user)
        parsed = parse_file(stored.filename, stored.read())
        errors = parsed if isinstance(parsed, list) else []
        if not errors:
            try:
                version = import_version(actor=request.user, parsed=parsed, **owner_from_choice(stored.owner))
            except ValidationError as exc:
                errors = exc.messages
            else:
                discard_file(stored)
                messages.success(request, _("Imported as draft version %(v)s.") % {"v": version})
                return redirect("curriculum:version_overlaps", pk=version.pk)
        form = ImportForm(user=request.user)
        return render(request, "curriculum/import.html", {"form": form, "errors": errors})
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    errors, preview = [], None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        parsed = parse_file(upload.name, data)
        if isinstance(parsed, list):
            errors = parsed
        elif parsed.errors:
            errors = list(parsed.errors)
        else:
            try:
                stored = store_file(actor=request.user, data=data, filename=upload.name,
                                    owner=form.cleaned_data["owner"])
            except ValidationError as exc:
                errors = exc.messages
            else:
                report = file_overlaps(user=request.user, parsed=parsed)
                preview = {"token": stored.token, "filename": stored.filename, "programme": parsed.programme,
                           "topics": parsed.content.topics, "report": report}
    return render(request, "curriculum/import.html", {"form": form, "errors": errors, "preview": preview,
                                                      **review_context(request.user)})
