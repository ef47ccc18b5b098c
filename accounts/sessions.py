"""The session store: Django's database sessions, read with SQL compiled once (core.prepared).

Every logged-in request reads its session; the read has the same text for every session, so only the
key and the current time change. Writing, creating and deleting sessions are Django's own.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends import db
from django.utils import timezone

from core.prepared import Prepared


def _live_session(session_key: str, now: dt.datetime):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(session_key=session_key, expire_date__gt=now).values_list("session_data")[:1]


_READ = Prepared(_live_session, "stand-in-session-key", dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC))


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The unexpired session with this key, or None (and the key forgotten), as Django's store does."""
        rows = _READ.rows(self.session_key, timezone.now()) if self.session_key is not None else []
        if not rows:
            self._session_key = None
            return None
        return self.model(session_key=self.session_key, session_data=rows[0][0])
