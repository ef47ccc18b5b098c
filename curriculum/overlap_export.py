"""The overlap review as an Excel workbook: every flagged pair with its decision, and the matrix."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.text import format_decimal, short_date
from curriculum.overlap_report import OverlapReport, overlap_matrix


def review_workbook(report: OverlapReport) -> bytes:
    book = Workbook()
    bold = Font(bold=True)
    sheet = book.active
    sheet.title = _("Overlap review")[:31]
    headers = [_("Programme"), _("Topic"), _("Periods"), _("Programme"), _("Topic"), _("Periods"), _("Similarity"),
               _("Periods at stake"), _("Shared key phrases"), _("Verdict"), _("Decision"), _("Periods saved"),
               _("Note"), _("Reviewed by"), _("Reviewed on")]
    sheet.append(headers)
    for pair in report.topic_pairs:
        review = pair.review
        sheet.append([
            pair.a.version.programme.code, pair.a.title, pair.a.total_periods,
            pair.b.version.programme.code, pair.b.title, pair.b.total_periods,
            format_decimal(pair.score, 2), pair.periods_at_stake, "; ".join(pair.phrases),
            review.get_verdict_display() if review else _("not reviewed"),
            review.get_decision_display() if review and review.decision else "",
            review.periods_saved if review else 0, review.note if review else "",
            (review.reviewed_by.get_full_name() or review.reviewed_by.username) if review and review.reviewed_by
            else "", short_date(review.updated_at.date()) if review else "",
        ])
    matrix = overlap_matrix(report)
    grid = book.create_sheet(_("Matrix")[:31])
    grid.append([_("Programme"), *[p.code for p in matrix.programmes], _("Total")])
    for row in matrix.rows:
        grid.append([row.programme.code, *["" if v is None else v for v in row.cells], row.total])
    grid.append([_("Overlapping periods, each pair once"), *[""] * len(matrix.programmes), matrix.total])
    for ws in (sheet, grid):
        for cell in ws[1]:
            cell.font = bold
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

