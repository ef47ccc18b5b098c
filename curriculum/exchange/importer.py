"""Importing a programme version file: validate everything, then write everything or nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import audited_save
from curriculum.exchange import excel, jsonfile
from curriculum.exchange.common import ParsedVersion
from curriculum.models import Programme, ProgrammeVersion
from curriculum.permissions import can_edit_programme
from curriculum.services import write_version
from curriculum.validation import validate_content


def parse_file(name: str, raw: bytes) -> ParsedVersion | list[str]:
    if name.lower().endswith(".json"):
        return jsonfile.parse(raw)
    if name.lower().endswith(".xlsx"):
        return excel.parse(raw)
    return [_("Unknown file type: choose a .json or .xlsx export.")]


@transaction.atomic
def import_version(*, actor, parsed: ParsedVersion, owner_province=None, owner_centre=None) -> ProgrammeVersion:
    """Add the file's version as a draft: to the programme with the same code when the actor may edit
    it, or to a new programme owned as chosen. Raises ValidationError listing every problem."""
    errors = list(parsed.errors)
    if errors:
        raise ValidationError(errors)
    data = parsed.programme
    programme = Programme.objects.select_related("owner_centre").filter(code=data["code"]).first()
    new_programme = programme is None
    if new_programme:
        programme = Programme(**{k: data[k] for k in ("code", "name", "category", "audience",
                                                      "party_audience", "description", "organiser_kind")},
                              owner_province=owner_province, owner_centre=owner_centre)
    if not can_edit_programme(actor, programme):
        raise ValidationError(
            _("Programme code “%(code)s”: you may not add versions to this programme.") % {"code": data["code"]}
            if not new_programme else _("You may not create programmes in the chosen catalogue.")
        )
    required = {p.code: p for p in Programme.objects.filter(code__in=[c for c in parsed.prerequisite_codes if c])}
    for item in parsed.content.prerequisites:
        code = item.pop("programme_code", "")
        item["required_programme"] = required.get(code)
        if code and code not in required:
            errors.append(_("%(where)s: no programme with code “%(code)s” in this installation.")
                          % {"where": item["_where"], "code": code})
    errors += validate_content(programme, parsed.content)
    if errors:
        raise ValidationError(errors)
    if new_programme:
        audited_save(actor=actor, instance=programme)
    version = write_version(actor=actor, programme=programme, content=parsed.content)
    wanted = data.get("number")
    if isinstance(wanted, int) and wanted != version.number and not programme.versions.filter(number=wanted).exists():
        version.number = wanted
        version.save(update_fields=["number"])
    return version
