"""Who sees which classes: the centre's staff and supervisors, the lecturers who teach them, the learners in them."""

from __future__ import annotations

from django.db.models import Q

from accounts.scope import scope_of
from core.queries import among


def class_condition(user, prefix: str = "") -> Q | None:
    """A Q over a queryset whose rows reach a class through `prefix` (e.g. "klass__"); None = everything."""
    from training.models.enrolment import Enrolment
    from training.models.sessions import Session

    scope = scope_of(user)
    if scope.sees_everything:
        return None
    condition = Q(**{f"{prefix}centre_id__in": scope.person_centre_ids})
    if scope.person_id:
        # The few classes the login's person teaches or learns in, found by their own indexes and OR-ed in:
        # tested on each row (EXISTS), they made every list read all the nation's classes.
        taught = Session.objects.filter(lecturer__person_id=scope.person_id).order_by().values("klass_id")
        learnt = Enrolment.objects.filter(person_id=scope.person_id).order_by().values("klass_id")
        condition |= among(f"{prefix}pk", taught) | among(f"{prefix}pk", learnt)
    return condition
