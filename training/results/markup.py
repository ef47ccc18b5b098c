"""The score grid's learner rows as HTML, built in one pass.

A 200-learner class has a thousand score cells; rendered tag by tag by the template engine they cost
most of the page's time. Each row is one string here: names, typed values, messages and translated
words are escaped, and the translated words are looked up once per page.
"""

from __future__ import annotations

from html import escape  # what django.utils.html.escape applies, without its lazy-text wrapper: called per cell

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from curriculum.models import AssessmentComponent
from training.results.selectors import ScoreRow
from training.results.services import cell_name

DASH = "—"


def score_rows(
    rows: list[ScoreRow],
    components: list[AssessmentComponent],
    *,
    editable: bool,
    posted=None,
    errors: dict | None = None,
    correct_base: str = "",
) -> SafeString:
    """The grid's rows: an input per score when `editable` (with what was `posted` and its `errors`),
    the score and, from `correct_base`, a link to correct it otherwise."""
    errors = errors or {}
    completed = f'<span class="badge ok">{escape(_("completed"))}</span>'
    not_completed = f'<span class="badge err">{escape(_("not completed"))}</span>'
    correct = f'title="{escape(_("Correct this score"))}">{escape(_("correct"))}</a>'
    correct_base = escape(correct_base)
    component_names = [(i, c.pk, escape(c.name)) for i, c in enumerate(components)]
    out = []
    for row in rows:
        name = escape(row.full_name)
        cells = []
        for (column, component_id, component_name), text in zip(component_names, row.texts, strict=True):
            field = cell_name(row.enrolment_id, component_id)
            if editable:
                if posted is not None and field in posted:
                    text = posted[field]
                cell_errors = errors.get(field)
                tail = (
                    f' aria-invalid="true" aria-describedby="err-{field}"><div class="cell-error" id="err-{field}">'
                    f'{escape(" ".join(str(e) for e in cell_errors))}</div>'
                    if cell_errors else ">"
                )
                cells.append(
                    f'<td class="cell num"><input class="score" name="{field}" value="{escape(text)}" '
                    f'inputmode="decimal" autocomplete="off" data-row="{row.index}" data-col="{column}" '
                    f'aria-label="{name} – {component_name}"{tail}</td>'
                )
            elif correct_base:
                cells.append(
                    f'<td class="cell num">{escape(text) or DASH} '
                    f'<a href="{correct_base}{row.enrolment_id}/{component_id}/" {correct}</td>'
                )
            else:
                cells.append(f'<td class="cell num">{escape(text) or DASH}</td>')
        if row.completed:
            outcome = completed
        elif row.completed is False:
            outcome = f"{not_completed} <small>{escape(row.reasons)}</small>"
        else:
            outcome = DASH
        css = ' class="not-completed"' if row.completed is False else ""
        out.append(
            f'<tr{css}><td class="num">{row.index}</td>'
            f'<td>{name}</td>\n{"".join(cells)}\n'
            f'<td class="num outcome"><strong>{escape(row.final) or DASH}</strong></td>'
            f'<td class="outcome">{escape(row.classification) or DASH}</td>'
            f'<td class="num">{escape(row.absent) or DASH}</td>\n<td class="outcome">{outcome}</td></tr>\n'
        )
    return mark_safe("".join(out))  # noqa: S308 - every text that is not a constant or a number is escaped above
