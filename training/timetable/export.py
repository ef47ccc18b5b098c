"""The timetable leaving the system: a lecturer's iCalendar feed and a class's one-page PDF.

The PDF is a document handed to learners and lecturers, so its labels are Vietnamese whatever the
interface language (as every Party-format document in core/documents).
"""

from __future__ import annotations

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.documents import typst_text as tt
from core.documents.engine import compile_pdf, font_setup
from core.documents.pdf import party_prelude
from core.models import AuditEvent
from core.text import long_date, short_date
from org.models import CentreHost
from training.models import Klass, Session
from training.timetable.rules import PART_ORDER

# When each part of the day starts at most centres; a period is 45 minutes with a 5-minute break
# between periods. Only the calendar feed uses these: the timetable itself records parts and periods.
PART_STARTS = {Session.Part.MORNING: dt.time(7, 30), Session.Part.AFTERNOON: dt.time(13, 30),
               Session.Part.EVENING: dt.time(18, 0)}
PERIOD_MINUTES, BREAK_MINUTES = 45, 5
LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
FEED_SALT = "training.lecturer-calendar"

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
PARTS_VI = {Session.Part.MORNING: "Sáng", Session.Part.AFTERNOON: "Chiều", Session.Part.EVENING: "Tối"}


def session_times(session: Session) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(session.date, PART_STARTS[session.part], tzinfo=LOCAL_ZONE)
    minutes = session.periods * PERIOD_MINUTES + max(session.periods - 1, 0) * BREAK_MINUTES
    return start, start + dt.timedelta(minutes=minutes)


# ------------------------------------------------------------------------------------ calendar feed


def calendar_token(person_id: int, key: str = "") -> str:
    """The secret part of a lecturer's feed URL: calendar apps subscribe without logging in.

    `key` is the person's current calendar_key, so issuing a new key revokes the old addresses.
    """
    return signing.Signer(salt=FEED_SALT).sign(f"{person_id}.{key}" if key else str(person_id))


def person_from_token(token: str) -> tuple[int, str] | None:
    """(person id, calendar key) of a valid signature; the caller checks the key is still current."""
    try:
        value = signing.Signer(salt=FEED_SALT).unsign(token)
        person_id, _dot, key = value.partition(".")
        return int(person_id), key
    except (signing.BadSignature, ValueError):
        return None


@transaction.atomic
def renew_calendar_address(*, actor, person) -> str:
    """Give the person a new calendar key: addresses handed out before stop working."""
    before = {"calendar_key": "…" if person.calendar_key else ""}
    person.calendar_key = secrets.token_urlsafe(12)
    person.save(update_fields=["calendar_key"])
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=person, before=before,
                 after={"calendar_key": "renewed"}, reason=_("Calendar address renewed"))
    return person.calendar_key


def _ical_text(value: str) -> str:
    return (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace(
        "\n", "\\n"
    )


def _fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += ch
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def render_ical(sessions, *, calendar_name: str, host: str = "ttct") -> str:
    """An iCalendar (RFC 5545) file with one event per session; sessions need klass and topic loaded."""
    stamp = _utc(timezone.now())
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//TTCT//Lich giang//VI", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ical_text(calendar_name)}", "X-WR-TIMEZONE:Asia/Ho_Chi_Minh"]
    for session in sessions:
        start, end = session_times(session)
        title = session.topic.title if session.topic_id else session.note or session.klass.name
        where = session.venue or (session.room.name if session.room_id else "") or session.klass.venue
        description = f"{session.klass.code} – {session.klass.name}\n{session.periods} tiết"
        lines += [
            "BEGIN:VEVENT",
            f"UID:session-{session.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(start)}",
            f"DTEND:{_utc(end)}",
            f"SUMMARY:{_ical_text(f'{session.klass.code}: {title}')}",
            f"DESCRIPTION:{_ical_text(description)}",
        ]
        if where:
            lines.append(f"LOCATION:{_ical_text(where)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# ---------------------------------------------------------------------------------------- the PDF

# The whole table is measured and shrunk to fit the page, so a month-long class still prints on one
# sheet; the text is laid out on a wider box first so it shrinks evenly instead of wrapping more.
_FIT = """
#let fit-page(body) = layout(size => {
  let natural = measure(block(width: size.width, body)).height
  let factor = if natural > size.height { size.height / natural * 0.98 } else { 1.0 }
  scale(factor * 100%, origin: top + left, reflow: true, block(width: size.width / factor, body))
})
"""


def _host_name(klass: Klass) -> str:
    host = CentreHost.objects.current(klass.start_date).filter(centre_id=klass.centre_id).first()
    return host.committee_name.upper() if host else ""


def _cell(session: Session | None) -> str:
    if session is None:
        return "[]"
    title = (session.topic.title if session.topic_id else "") + (f" ({session.note})" if session.note else "")
    lines = [f"{tt.markup(title)} ({session.periods} tiết)"]
    who = session.lecturer.person.full_name if session.lecturer_id else ""
    where = session.venue or (session.room.name if session.room_id else "")
    details = " – ".join(x for x in (who, where) if x)
    if details:
        lines.append(f"#emph[{tt.markup(details)}]")
    return "[" + " \\ ".join(lines) + "]"


def timetable_source(klass: Klass, sessions: list[Session], *, today: dt.date | None = None) -> str:
    """The typst source of the class timetable (exposed for tests): one row per day, one column per part
    of the day, as centres post it on the notice board."""
    today = today or timezone.localdate()
    parts = [p for p in PART_ORDER if any(s.part == p for s in sessions)] or [Session.Part.MORNING]
    by_day: dict[dt.date, dict[str, Session]] = {}
    for s in sessions:
        by_day.setdefault(s.date, {})[s.part] = s
    rows = [
        tt.array([f"[{tt.markup(WEEKDAYS_VI[day.weekday()])} \\ {tt.markup(short_date(day))}]",
                  *(_cell(by_day[day].get(p)) for p in parts)])
        for day in sorted(by_day)
    ]
    widths = "(24mm, " + ", ".join("1fr" for _ in parts) + ")"
    headers = tt.array(f"[*{tt.markup(h)}*]" for h in ["Ngày", *(PARTS_VI[p] for p in parts)])
    host = _host_name(klass)
    parents = tt.strings([host] if host else [])
    venue = klass.venue or ""
    details = (f"Lớp {klass.code} – {klass.name}. Từ ngày {short_date(klass.start_date)} đến ngày "
               f"{short_date(klass.end_date)}" + (f". Địa điểm: {venue}" if venue else "") + ".")
    total = sum(s.periods for s in sessions)
    return "".join([
        font_setup(),
        party_prelude(),
        _FIT,
        '#set page(paper: "a4", flipped: true, margin: (x: 14mm, y: 10mm))\n#set text(size: 11pt)\n',
        "#fit-page[\n",
        f"#party-header(parents: {parents}, issuer: {tt.string(klass.centre.name.upper())}, number-line: \"\", "
        f"place-date: {tt.string(long_date(today).capitalize())}, size: 11pt, left: 50%)\n",
        '#v(0.6em)\n#align(center, text(size: 14pt, weight: "bold")[LỊCH HỌC])\n',
        f'#align(center, text(weight: "bold", {tt.string(klass.version.programme.name)}))\n',
        f"#align(center, {tt.string(details)})\n#v(0.4em)\n",
        "#{\n  set par(justify: false, first-line-indent: 0pt, spacing: 0.3em, leading: 0.4em)\n",
        f"  table(columns: {widths}, inset: (x: 4pt, y: 3pt), stroke: 0.5pt,\n",
        "    align: (x, y) => if y == 0 or x == 0 { center + horizon } else { left + horizon },\n",
        f"    table.header(..{headers}),\n",
        f"    ..{tt.array(rows)}.flatten())\n}}\n",
        f"#v(0.4em)\n#text(size: 10pt)[Tổng số: {len(sessions)} buổi, {total} tiết.]\n",
        "]\n",
    ])


def render_timetable_pdf(klass: Klass) -> bytes:
    sessions = list(
        Session.objects.filter(klass=klass).select_related("topic", "lecturer__person", "room")
    )
    return compile_pdf(timetable_source(klass, sessions))
