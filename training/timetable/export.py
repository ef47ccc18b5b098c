"""The timetable leaving the system: a lecturer's iCalendar feed (the class's PDF is in
training/documents/timetable.py). The Vietnamese day and part names are shared with it.
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
from core.models import AuditEvent
from training.models import Session

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
