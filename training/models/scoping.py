"""Who sees which classes: the centre's staff and supervisors, the lecturers who teach them, the learners in them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from accounts.scope import scope_of


def class_condition(user, prefix: str = "") -> Q | None:
    """A Q over a queryset whose rows reach a class through `prefix` (e.g. "klass__"); None = everything."""
    from training.models.enrolment import Enrolment
    from training.models.sessions import Session

    scope = scope_of(user)
    if scope.sees_everything:
        return None
    condition = Q(**{f"{prefix}centre_id__in": scope.person_centre_ids})
    if scope.person_id:
        class_ref = OuterRef(f"{prefix}pk" if prefix else "pk")
        condition |= Exists(Session.objects.filter(klass=class_ref, lecturer__person_id=scope.person_id))
        condition |= Exists(Enrolment.objects.filter(klass=class_ref, person_id=scope.person_id))
    return condition
