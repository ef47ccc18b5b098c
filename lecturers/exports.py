"""Excel workbooks of the lecturers app (statements, load tables, training needs, survey results)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

MONEY_FORMAT = "#,##0"
BOLD = Font(bold=True)


def _bold_row(sheet, values):
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _money(sheet, value):
    cell = WriteOnlyCell(sheet, value=int(value))
    cell.number_format = MONEY_FORMAT
    return cell


def workbook(title: str, header: list, rows, *, heading: str = "", money_columns=()) -> bytes:
    """A one-sheet workbook: an optional heading line, a bold header row, the rows."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    if heading:
        sheet.append(_bold_row(sheet, [heading]))
    sheet.append(_bold_row(sheet, header))
    for row in rows:
        sheet.append([_money(sheet, v) if i in money_columns and v is not None else v for i, v in enumerate(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def statement_workbook(lecturer, statement) -> bytes:
    header = [_("No."), _("Class code"), _("Class"), _("Centre"), _("Start date"), _("Sessions"), _("Periods"),
              _("Fee per session (đồng)"), _("Amount (đồng)"), _("Payment sheet final")]
    rows = [[i, line.code, line.name, line.centre, line.start_date, line.sessions, line.periods, line.rate,
             line.amount, _("yes") if line.final else _("no")] for i, line in enumerate(statement.lines, start=1)]
    rows.append(["", _("Total"), "", "", None, statement.sessions, statement.periods, None, statement.total, ""])
    heading = _("Yearly statement of %(name)s, %(year)s") % {"name": lecturer.person.full_name, "year": statement.year}
    return workbook(_("Statement"), header, rows, heading=heading, money_columns=(7, 8))


def load_workbook(centre_name: str, year: int, rows) -> bytes:
    header = [_("No."), _("Full name"), _("Kind"), _("Norm post"), _("Norm: standard hours"),
              _("Norm: lecturing hours"), _("Reduction (%)"), _("Required standard hours"),
              _("Required lecturing hours"), _("Periods taught"), _("Other work (hours)"), _("Delivered"),
              _("Balance"), _("Overtime periods"), _("Overtime paid as periods"), _("Overtime pay (đồng)")]
    body = [[i, r.lecturer.person.full_name, str(r.lecturer.get_kind_display()), str(r.post_label or _("no norm")),
             float(r.norm_standard), float(r.norm_lecturing), float(r.reduction_percent), float(r.required_standard),
             float(r.required_lecturing), r.taught_periods, float(r.other_hours), float(r.delivered),
             float(r.balance), float(r.overtime_periods), float(r.overtime_paid_periods), r.overtime_amount]
            for i, r in enumerate(rows, start=1)]
    heading = _("Teaching load of %(centre)s, %(year)s") % {"centre": centre_name, "year": year}
    return workbook(_("Teaching load"), header, body, heading=heading, money_columns=(15,))


def province_workbook(year: int, summaries) -> bytes:
    header = [_("No."), _("Centre"), _("Lecturers"), _("With a norm"), _("Meeting the norm"), _("Share (%)"),
              _("Required standard hours"), _("Delivered"), _("Periods taught"), _("Overtime periods"),
              _("Overtime pay (đồng)")]
    body = [[i, s.centre_name, s.lecturers, s.with_norm, s.meeting_norm,
             float(s.share_meeting) if s.share_meeting is not None else None, float(s.required),
             float(s.delivered), s.taught_periods, float(s.overtime_periods), s.overtime_amount]
            for i, s in enumerate(summaries, start=1)]
    return workbook(_("Centres"), header, body, heading=_("Teaching load by centre, %(year)s") % {"year": year},
                    money_columns=(10,))


def needs_workbook(centre_name: str, members) -> bytes:
    """The training-needs list: one row per person and missing requirement, with the course to take."""
    header = [_("No."), _("Full name"), _("Post"), _("Requirement"), _("Recorded"), _("What to do")]
    rows = []
    for member in members:
        for check in member.missing:
            rows.append([len(rows) + 1, member.person.full_name, str(member.post_label),
                         str(check.requirement), check.recorded, check.requirement.advice])
    heading = _("Training needs of %(centre)s") % {"centre": centre_name}
    return workbook(_("Training needs"), header, rows, heading=heading)


def survey_workbook(survey, results) -> bytes:
    header = [_("No."), _("Section"), _("Question"), _("Lecturer and topic"), _("Answers"), _("Average")] + [
        str(score) for score in range(1, survey.template.scale_max + 1)]
    rows = [[i, r.item.get_section_display(), r.item.question.text, r.item.label, r.n,
             float(r.average) if r.average is not None else None]
            + [r.distribution.get(s, 0) for s in range(1, survey.template.scale_max + 1)]
            for i, r in enumerate(results, start=1)]
    heading = _("Feedback of class %(code)s: %(n)d forms counted of %(learners)d learners") % {
        "code": survey.klass.code, "n": survey.valid_forms, "learners": survey.learners}
    return workbook(_("Feedback"), header, rows, heading=heading)


def centre_feedback_workbook(centre_name: str, results) -> bytes:
    book = Workbook(write_only=True)
    for key, title in (("lecturers", _("By lecturer")), ("topics", _("By topic")), ("sections", _("By section"))):
        sheet = book.create_sheet(title[:31])
        sheet.append(_bold_row(sheet, [centre_name]))
        sheet.append(_bold_row(sheet, [_("Name"), _("Surveys"), _("Scores given"), _("Average")]))
        for agg in results[key]:
            sheet.append([agg.label, agg.surveys, agg.n, float(agg.average) if agg.average is not None else None])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
