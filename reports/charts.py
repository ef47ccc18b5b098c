"""Charts as server-side SVG: no script, no CDN, they print as they show. Every chart comes with its table.

A chart is a `Chart` (title, category labels, one or more series of numbers); `svg()` draws it as bars
(vertical for a time axis, horizontal for a ranking). Text is escaped; sizes are in SVG user units and
the picture scales to its container.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe
from openpyxl import Workbook

COLOURS = ["#2f6db5", "#e0a030", "#3a9a5b", "#b0413e"]


@dataclass
class Series:
    name: str
    values: list[float | int | None]


@dataclass
class Chart:
    key: str
    title: str
    labels: list[str]
    series: list[Series]
    unit: str = ""
    horizontal: bool = False

    @property
    def rows(self) -> list[list]:
        """The chart's numbers as a table: one row per label, one column per series."""
        return [[label, *[s.values[i] for s in self.series]] for i, label in enumerate(self.labels)]

    @property
    def header(self) -> list[str]:
        return ["", *[s.name for s in self.series]]

    def svg(self):
        return mark_safe(horizontal_bars(self) if self.horizontal else vertical_bars(self))


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def _peak(chart: Chart) -> float:
    return max([v for s in chart.series for v in s.values if v is not None] + [1])


def _legend(chart: Chart, x: float, y: float) -> list[str]:
    out = []
    for i, series in enumerate(chart.series):
        out.append(f'<rect x="{x + i * 300}" y="{y - 9}" width="10" height="10" fill="{COLOURS[i % 4]}"/>'
                   f'<text x="{x + i * 300 + 14}" y="{y}" font-size="11">{escape(series.name)}</text>')
    return out


def vertical_bars(chart: Chart, width: int = 640, height: int = 240) -> str:
    left, bottom, top = 40, 36, 24
    plot_h = height - bottom - top
    n = max(len(chart.labels), 1)
    group = (width - left - 10) / n
    bar = max(min(group / (len(chart.series) + 1), 28), 2)
    peak = _peak(chart)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(chart.title)}" class="chart" font-family="sans-serif">',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 5}" y2="{top + plot_h}" stroke="#888"/>',
             f'<text x="{left - 4}" y="{top + 4}" font-size="10" text-anchor="end">{_fmt(peak)}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" font-size="10" text-anchor="end">0</text>']
    for i, label in enumerate(chart.labels):
        x0 = left + i * group + (group - bar * len(chart.series)) / 2
        for j, series in enumerate(chart.series):
            value = series.values[i] or 0
            h = plot_h * value / peak
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{top + plot_h - h:.1f}" width="{bar - 1:.1f}" '
                         f'height="{h:.1f}" fill="{COLOURS[j % 4]}"><title>{escape(series.name)}: '
                         f'{_fmt(series.values[i])}</title></rect>')
        parts.append(f'<text x="{left + i * group + group / 2:.1f}" y="{top + plot_h + 14}" font-size="10" '
                     f'text-anchor="middle">{escape(label)}</text>')
    parts += _legend(chart, left, height - 6)
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(chart: Chart, width: int = 640) -> str:
    label_w, row_h, top = 220, 22, 8
    height = top + row_h * max(len(chart.labels), 1) * max(len(chart.series), 1) + 28
    peak = _peak(chart)
    plot_w = width - label_w - 50
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(chart.title)}" class="chart" font-family="sans-serif">']
    y = top
    for i, label in enumerate(chart.labels):
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" font-size="11" text-anchor="end">'
                     f'{escape(label[:40])}</text>')
        for j, series in enumerate(chart.series):
            value = series.values[i]
            w = plot_w * (value or 0) / peak
            parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                         f'fill="{COLOURS[j % 4]}"><title>{escape(series.name)}: {_fmt(value)}</title></rect>'
                         f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" font-size="10">{_fmt(value)}{chart.unit}</text>')
            y += row_h
    parts += _legend(chart, label_w, height - 6)
    parts.append("</svg>")
    return "".join(parts)


def chart_workbook(chart: Chart) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = chart.key[:31]
    sheet.append([chart.title])
    sheet.append(chart.header)
    for row in chart.rows:
        sheet.append(row)
    sheet.column_dimensions["A"].width = 45
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
