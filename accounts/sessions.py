"""The session store: Django's database sessions, read with SQL compiled once (core.prepared), and with
the access token of accounts.access in the same query.

Every logged-in request reads its session; the read has the same text for every session, so only the
key and the current time change. Writing, creating and deleting sessions are Django's own.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.sessions.backends import db
from django.db.models import Subquery
from django.utils import timezone

from core.prepared import Prepared


def _live_session(session_key: str, now: dt.datetime):
    from django.contrib.sessions.models import Session

    from accounts.models import AccessVersion

    # The access token comes with the session, so remembering a user's access costs no query (accounts.access).
    token = Subquery(AccessVersion.objects.filter(pk=1).values("token")[:1])
    return (Session.objects.filter(session_key=session_key, expire_date__gt=now)
            .annotate(access_token=token).values_list("session_data", "access_token")[:1])


_READ = Prepared(_live_session, "stand-in-session-key", dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC))


class SessionStore(db.SessionStore):
    access_token: int | None = None

    def _get_session_from_db(self):
        """The unexpired session with this key, or None (and the key forgotten), as Django's store does."""
        rows = _READ.rows(self.session_key, timezone.now()) if self.session_key is not None else []
        if not rows:
            self._session_key = None
            return None
        self.access_token = rows[0][1]
        return self.model(session_key=self.session_key, session_data=rows[0][0])
