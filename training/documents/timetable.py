"""The class timetable (lịch học) as a Party-format PDF that runs over as many pages as it needs.

One row per session, grouped in weekly blocks under a "Tuần n" line; the table's header repeats on
every page and the text stays at 11 pt (a long class takes more pages, never smaller type). The
period printed is that of the real first and last sessions, and the centre's director (or the
deputy chosen) signs under the place and date line.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.documents import typst_text as tt
from core.documents.engine import compile_pdf, font_setup
from core.documents.pdf import party_prelude
from core.text import long_date, short_date
from training.documents.classfile import class_label
from training.documents.party import frame_of, signature_for
from training.models import Klass, Session
from training.timetable.export import PARTS_VI, WEEKDAYS_VI
from training.timetable.rules import PART_ORDER

BODY_PT = 11
COLUMNS = (("Ngày", "30mm"), ("Buổi", "16mm"), ("Nội dung", "1fr"), ("Số tiết", "15mm"),
           ("Giảng viên", "52mm"), ("Địa điểm", "45mm"))


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _cells(session: Session) -> list[str]:
    title = (session.topic.title if session.topic_id else "") or session.note
    if session.topic_id and session.note:
        title += f" ({session.note})"
    where = session.venue or (session.room.name if session.room_id else "") or session.klass.venue
    return [
        f"[{tt.markup(WEEKDAYS_VI[session.date.weekday()])} \\ {tt.markup(short_date(session.date))}]",
        f"[{tt.markup(PARTS_VI[session.part])}]",
        f"[{tt.markup_nobreak(title)}]",
        f"[{session.periods}]",
        f"[{tt.markup(session.lecturer.person.full_name if session.lecturer_id else '')}]",
        f"[{tt.markup(where)}]",
    ]


def timetable_source(klass: Klass, sessions: list[Session], *, today: dt.date | None = None, signer=None) -> str:
    """The typst source of the timetable (exposed for tests)."""
    today = today or timezone.localdate()
    sessions = sorted(sessions, key=lambda s: (s.date, PART_ORDER[s.part], s.pk or 0))
    frame = frame_of(klass.centre, today)
    first = sessions[0].date if sessions else klass.start_date
    last = sessions[-1].date if sessions else klass.end_date
    venue = klass.venue
    details = (f"{class_label(klass)} (mã lớp {klass.code}). Từ ngày {short_date(first)} đến ngày {short_date(last)}"
               + (f". Địa điểm: {venue}" if venue else "") + ".")
    cells: list[str] = []
    week, number = None, 0
    for session in sessions:
        start = _week_start(session.date)
        if start != week:
            week, number = start, number + 1
            label = f"Tuần {number} (từ {short_date(start)} đến {short_date(start + dt.timedelta(days=6))})"
            cells.append(f"table.cell(colspan: {len(COLUMNS)}, fill: luma(235), align: left)[*{tt.markup(label)}*]")
        cells.extend(_cells(session))
    headers = ", ".join(f"[*{tt.markup(h)}*]" for h, _w in COLUMNS)
    widths = "(" + ", ".join(w for _h, w in COLUMNS) + ")"
    total = sum(s.periods for s in sessions)
    signature = signature_for(klass.centre, today, signer)
    place_date = f"{frame.place}, {long_date(today)}"
    return "".join([
        font_setup(),
        party_prelude(),
        f"#show: party-page.with(size: {BODY_PT}pt, flipped: true, "
        "margin: (top: 15mm, bottom: 15mm, left: 20mm, right: 15mm))\n",
        f"#party-header(parents: {tt.strings(frame.parents)}, issuer: {tt.string(frame.issuer)}, number-line: \"\", "
        f"place-date: {tt.string(place_date)}, size: 13pt, left: 40%)\n",
        '#v(0.6em)\n#align(center, text(size: 15pt, weight: "bold")[LỊCH HỌC])\n',
        f'#align(center, text(weight: "bold", {tt.string(klass.version.programme.name)}))\n',
        f"#align(center)[{tt.markup_nobreak(details)}]\n#v(0.4em)\n",
        "#{\n  set par(justify: false, first-line-indent: 0pt, spacing: 0.3em, leading: 0.4em)\n",
        f"  table(columns: {widths}, inset: (x: 4pt, y: 3.5pt), stroke: 0.5pt,\n",
        "    align: (x, y) => if y == 0 or x == 0 or x == 1 or x == 3 { center + horizon } else { left + horizon },\n",
        f"    table.header({headers}),\n",
        "    " + "".join(c + ",\n    " for c in cells) + ")\n}\n",
        f"#v(0.4em)\nTổng số: {len(sessions)} buổi, {total} tiết.\n",
        f"#party-closing(recipients: (), capacity: {tt.strings(signature.capacity)}, "
        f"title: {tt.string(signature.title)}, name: {tt.string(signature.name)}, size: 13pt)\n",
    ])


def render_timetable_pdf(klass: Klass, *, signer=None, today: dt.date | None = None) -> bytes:
    sessions = list(
        Session.objects.filter(klass=klass).select_related("klass__room", "topic", "lecturer__person", "room")
    )
    return compile_pdf(timetable_source(klass, sessions, today=today, signer=signer))
