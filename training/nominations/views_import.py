"""Import a nomination list: upload, preview with every row's status, decide, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from people.models import Person
from training.nominations.enrolment import sending_organisations
from training.nominations.forms import UploadForm, cell_text, choices_from_post
from training.nominations.importers import ImportBlocked, Level, RowStatus
from training.nominations.importers import fields as F
from training.nominations.importers.reader import SheetTable
from training.nominations.rules import NOT_OVERRIDABLE
from training.nominations.services import NominationPreview, import_nominations, preview_nominations
from training.nominations.store import discard_upload, load_choices, load_upload, save_choices, store_upload, table_of
from training.nominations.views import managed_class


@login_required
@require_POST
def nomination_upload(request, pk: int):
    klass = managed_class(request, pk)
    form = UploadForm(request.POST, request.FILES, user=request.user, klass=klass)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("training:nominations", pk=klass.pk)
    upload = request.FILES["file"]
    try:
        stored = store_upload(actor=request.user, klass=klass, data=upload, filename=upload.name,
                              sending_organisation=form.cleaned_data["sending_organisation"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("training:nominations", pk=klass.pk)
    return redirect("training:nomination_preview", pk=klass.pk, token=stored.token)


def _fix_fields(preview: NominationPreview, row) -> list[dict]:
    """The cells the user may correct on a row: those with an error, and those already corrected."""
    by_letter: dict[str, str] = {}
    for name, letter in preview.result.columns.items():
        by_letter.setdefault(letter, name)
    names: list[str] = []
    for message in row.messages:
        if message.level == Level.ERROR and message.column and message.column in by_letter:
            name = by_letter[message.column]
            if name != F.SEQ and name not in names:
                names.append(name)
    fixed = preview.choices.fixes.get(row.row, {})
    names += [name for name in fixed if name not in names]
    return [{"name": name, "label": F.label(name), "column": preview.result.columns.get(name, ""),
             "value": fixed.get(name, cell_text(row.raw.get(name)))} for name in names]


def _status_label(row, skipped: bool, enrolled: bool) -> str:
    if skipped:
        return _("skipped")
    if enrolled:
        return _("already enrolled")
    return str(RowStatus(row.status).label)


def _rows_for_page(preview: NominationPreview) -> list[dict]:
    candidate_ids = {pk for row in preview.result.rows for pk in row.candidate_ids}
    candidates = Person.objects.in_bulk(candidate_ids) if candidate_ids else {}
    rows = []
    for row in preview.result.rows:
        skipped = preview.is_skipped(row)
        enrolled = preview.already_enrolled(row)
        rules = row.extra.get("eligibility") or []
        rows.append({
            "row": row,
            "skipped": skipped,
            "enrolled": enrolled,
            "status": "skipped" if skipped else row.status,
            "status_label": _status_label(row, skipped, enrolled),
            "fixes": _fix_fields(preview, row) if row.has_errors or row.row in preview.choices.fixes else [],
            "overridable": bool(rules) and not any(r in NOT_OVERRIDABLE for r in rules),
            "overridden": row.row in preview.choices.overrides,
            "candidates": [candidates[pk] for pk in row.candidate_ids if pk in candidates],
            "link": preview.link_for(row),
            "consented": preview.choices.consent_all or row.row in preview.choices.consented,
        })
    return rows


@login_required
def nomination_preview(request, pk: int, token: str):
    klass = managed_class(request, pk)
    upload = load_upload(token, actor=request.user, klass=klass)
    organisation = None
    if upload.sending_organisation_id:
        organisation = sending_organisations(request.user, klass).filter(pk=upload.sending_organisation_id).first()
    source = table_of(upload)
    if not isinstance(source, SheetTable):
        source = upload.path  # unreadable: the preview reports the file's error
    choices = load_choices(upload)
    action = request.POST.get("action", "preview") if request.method == "POST" else "preview"
    if request.method == "POST":
        if action == "cancel":
            discard_upload(upload)
            messages.info(request, _("The import was cancelled; nothing was written."))
            return redirect("training:nominations", pk=klass.pk)
        choices = choices_from_post(request.POST)
        if request.POST.getlist("override") and not request.POST.get("override_reason", "").strip():
            messages.error(request, _("Give the reason for enrolling rows despite the class's rules."))
            action = "preview"
    if action == "confirm":
        try:
            outcome = import_nominations(actor=request.user, klass=klass, source=source, choices=choices,
                                         sending_organisation=organisation, filename=upload.filename)
        except (ImportBlocked, ValidationError) as error:
            for message in getattr(error, "messages", [str(error)]):
                messages.error(request, message)
        else:
            discard_upload(upload)
            messages.success(request, _(
                "%(enrolled)d learners enrolled in class %(code)s; %(created)d persons registered, %(updated)d "
                "updated with your consent.") % {"enrolled": len(outcome.enrolments), "code": klass.code,
                                                  "created": outcome.new_persons, "updated": outcome.updated_persons})
            return redirect("training:nominations", pk=klass.pk)
    preview = preview_nominations(actor=request.user, klass=klass, source=source, choices=choices)
    if action == "skip_errors":
        # Rows that still have an error once the corrections are applied; the summary is then read again.
        choices.skipped |= {r.row for r in preview.result.rows if r.has_errors}
        preview = preview_nominations(actor=request.user, klass=klass, source=source, choices=choices)
    if request.method == "POST":
        save_choices(upload, choices)
    context = {
        "klass": klass,
        "upload": upload,
        "organisation": organisation,
        "preview": preview,
        "summary": preview.summary(),
        "rows": _rows_for_page(preview),
        "override_reason": request.POST.get("override_reason", "") or next(iter(choices.overrides.values()), ""),
        "show_personal": scope_of(request.user).sees_personal_data,
        "problem_rows": [r for r in preview.result.rows if r.status != "ok" and not preview.is_skipped(r)],
    }
    return render(request, "training/nominations/preview.html", context)
