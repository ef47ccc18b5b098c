"""Who reads a class's file: the staff, supervisors and party-committee viewers of its centre.

The lists name the class's learners, so the rule is the one for a centre's people; a class outside
the user's scope is a 404 before this is asked.
"""

from __future__ import annotations

from accounts.scope import scope_of
from training.models import Klass


def reads_class_file(user, klass: Klass) -> bool:
    return scope_of(user).sees_people_of(klass.centre_id)
