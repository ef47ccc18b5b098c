"""The person list as an Excel workbook, with the filters of the page."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core import excel


def persons_workbook(persons, *, personal: bool) -> bytes:
    """One row per person; citizen ID and date of birth only when the reader may see them."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Persons"))
    header = [_("No."), _("Full name"), _("Gender")]
    if personal:
        header += [_("Date of birth"), _("Citizen ID")]
    header += [_("Ethnicity"), _("Party member"), _("Party admission date"), _("Position"), _("Workplace"),
               _("Sending organisation"), _("Registering centre")]
    bold = Font(bold=True)
    sheet.append([_cell(sheet, value, bold) for value in header])
    for index, person in enumerate(persons.iterator(chunk_size=2000), start=1):
        row = [index, person.full_name, person.get_gender_display()]
        if personal:
            row += [person.date_of_birth, person.national_id or ""]
        row += [person.ethnicity, _("yes") if person.is_party_member else _("no"), person.party_admission_date,
                person.position, person.workplace,
                person.sending_organisation.name if person.sending_organisation_id else "",
                person.centre.name if person.centre_id else ""]
        excel.append(sheet, row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet, value, font):
    return excel.cell(sheet, value, font=font)
