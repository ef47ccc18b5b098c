"""The rules the timetable is held to: who may arrange it, which lecturer teaches which topic, and whether
the scheduled periods of every topic add up to the programme's."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.services import require
from core.text import search_key
from training.models import Klass, Session
from training.permissions import edits_class

PART_ORDER = {Session.Part.MORNING: 0, Session.Part.AFTERNOON: 1, Session.Part.EVENING: 2}

# ------------------------------------------------------------------------------------------ rights


def require_editable(actor, klass: Klass) -> None:
    require(edits_class(actor, klass))
    if klass.results_locked:
        raise ValidationError(
            _("The timetable of class %(code)s can no longer be changed: its results are approved.")
            % {"code": klass.code}
        )


# ------------------------------------------------------------------------------- lecturer's topics

_NUMBERING = re.compile(r"^(chuyen de|bai|chu de|module|hoc phan)?\s*\d+\s*[.:)-]?\s*")
_NON_WORD = re.compile(r"[^\w ]+")


def _topic_key(text: str) -> str:
    key = _NON_WORD.sub(" ", search_key(text))
    return " ".join(_NUMBERING.sub("", " ".join(key.split())).split())


def topic_matches(listed: str, title: str) -> bool:
    """Does a line of a lecturer's topic list name this topic? Diacritics, case, punctuation and a leading
    "Chuyên đề 3:" do not matter; a line may also be a shorter form of the title (at least three words)."""
    a, b = _topic_key(listed), _topic_key(title)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= 3 and f" {short} " in f" {long} "


def lecturer_teaches(lecturer, topic) -> bool:
    return any(topic_matches(line, topic.title) for line in lecturer.topic_list)


# --------------------------------------------------------------------------------- periods per topic


@dataclass(frozen=True)
class TopicPeriods:
    topic: object
    required: int
    scheduled: int

    @property
    def difference(self) -> int:
        return self.scheduled - self.required

    @property
    def matches(self) -> bool:
        return self.scheduled == self.required


def periods_by_topic(klass: Klass) -> list[TopicPeriods]:
    """Each topic of the class's version with the periods it needs and those scheduled (two queries)."""
    scheduled = dict(
        Session.objects.filter(klass=klass, topic__isnull=False)
        .values_list("topic_id")
        .annotate(total=Sum("periods"))
        .values_list("topic_id", "total")
    )
    return [
        TopicPeriods(topic=t, required=t.total_periods, scheduled=scheduled.get(t.pk, 0))
        for t in klass.version.topics.order_by("order")
    ]


def scheduled_periods_match(klass: Klass) -> bool:
    """True when the scheduled periods of every topic equal the programme's (checked before approving results)."""
    return all(row.matches for row in periods_by_topic(klass))


def periods_mismatch_messages(klass: Klass) -> list[str]:
    """One message per topic whose scheduled periods differ from the programme's."""
    return [
        _("Topic “%(topic)s”: %(scheduled)s periods scheduled, the programme requires %(required)s.")
        % {"topic": row.topic.title, "scheduled": row.scheduled, "required": row.required}
        for row in periods_by_topic(klass)
        if not row.matches
    ]
