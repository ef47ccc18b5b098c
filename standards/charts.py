"""Charts of the province page as server-side SVG (no script, no CDN): groups met, and standard centres by year."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _

MET, NOT_MET, NONE = "#2e7d32", "#c62828", "#9e9e9e"


def groups_chart(counts: list[tuple[object, int, int, int]]) -> str:
    """One horizontal stacked bar per criterion group: centres meeting it, not meeting it, nothing to judge."""
    bar_w, label_w, row_h = 420, 300, 28
    height = row_h * len(counts) + 40
    total = max((m + n + z for _, m, n, z in counts), default=0) or 1
    title = _("Centres meeting each criterion group")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 20}" height="{height}" '
             f'viewBox="0 0 {label_w + bar_w + 20} {height}" font-family="sans-serif" font-size="12">',
             f"<title>{escape(title)}</title>"]
    for n, (group, met, not_met, none) in enumerate(counts):
        y = 10 + n * row_h
        parts.append(f'<text x="0" y="{y + 15}">{escape(str(group))[:48]}</text>')
        x = label_w
        for value, colour, label in ((met, MET, _("met")), (not_met, NOT_MET, _("not met")),
                                     (none, NONE, _("no assessment"))):
            width = bar_w * value / total
            if value:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="20" fill="{colour}">'
                             f"<title>{escape(label)}: {value}</title></rect>")
                if width > 18:
                    parts.append(f'<text x="{x + width / 2:.1f}" y="{y + 14}" fill="#fff" '
                                 f'text-anchor="middle">{value}</text>')
            x += width
    legend_y = height - 12
    for k, (colour, label) in enumerate(((MET, _("met")), (NOT_MET, _("not met")), (NONE, _("no assessment")))):
        parts.append(f'<rect x="{label_w + k * 130}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{label_w + k * 130 + 16}" y="{legend_y}">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def trend_chart(by_year: list[tuple[int, int]], total: int) -> str:
    """Standard centres recognised per year against the number of centres (the goal: all of them)."""
    width, height, pad = 60 * max(len(by_year), 1) + 60, 180, 30
    top = max(total, max((c for _, c in by_year), default=0), 1)
    title, goal = _("Centres recognised as standard, by year"), _("goal")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f"<title>{escape(title)}</title>"]
    goal_y = pad + (height - 2 * pad) * (1 - total / top)
    parts.append(f'<line x1="{pad}" x2="{width - 10}" y1="{goal_y:.1f}" y2="{goal_y:.1f}" stroke="#1565c0" '
                 f'stroke-dasharray="4 3"/><text x="{pad}" y="{goal_y - 4:.1f}" fill="#1565c0">'
                 f"{escape(goal)}: {total}</text>")
    for n, (year, count) in enumerate(by_year):
        bar_h = (height - 2 * pad) * count / top
        x = pad + n * 60
        parts.append(f'<rect x="{x}" y="{height - pad - bar_h:.1f}" width="36" height="{bar_h:.1f}" fill="{MET}">'
                     f"<title>{year}: {count}</title></rect>"
                     f'<text x="{x + 18}" y="{height - pad - bar_h - 4:.1f}" text-anchor="middle">{count}</text>'
                     f'<text x="{x + 18}" y="{height - 10}" text-anchor="middle">{year}</text>')
    parts.append("</svg>")
    return "".join(parts)
