"""Who sees which classes: the centre's staff and supervisors, the lecturers who teach them, the learners in them."""

from __future__ import annotations

from functools import cache

from django.db.models import Q

from accounts.scope import scope_of
from core.prepared import PreparedObjects
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


_KEY_STAND_IN = -6_120_448_913


@cache
def class_by_key(*related: str) -> PreparedObjects:
    """A read of one class by its key with `related` joined (`select_related`), compiled once per shape and
    prepared: building and planning it cost more than running it. For `visible_class_or_404`."""
    from training.models.classes import Klass

    return PreparedObjects(lambda pk: Klass.objects.select_related(*related).filter(pk=pk), _KEY_STAND_IN)


def visible_class_or_404(user, pk, queryset=None):
    """The class with key `pk` if the login sees it, else 404, as `get_object_or_404(Klass.objects.visible_to(
    user), pk=pk)` answers: read by its key from `queryset` (Klass.objects by default) and judged by `sees_class`.
    `queryset` may be a `PreparedObjects` read of one class by its key (the pages every class has)."""
    from django.http import Http404
    from django.shortcuts import get_object_or_404

    from training.models.classes import Klass

    if isinstance(queryset, PreparedObjects):
        found = queryset.objects(int(pk))
        if not found:
            raise Http404("No class matches the given query.")
        klass = found[0]
    else:
        klass = get_object_or_404(Klass.objects if queryset is None else queryset, pk=pk)
    if not sees_class(user, klass):
        raise Http404("No class matches the given query.")
    return klass


def sees_class(user, klass) -> bool:
    """`class_condition` asked of one class already read: by the scope for its centre's people, otherwise by
    two reads on the login's person's own sessions and enrolments. A page that opens one class reads it by
    its key and asks this, rather than compiling and planning the whole condition (half of a 4 ms read)."""
    from training.models.enrolment import Enrolment
    from training.models.sessions import Session

    scope = scope_of(user)
    if scope.sees_everything or klass.centre_id in scope.person_centre_ids:
        return True
    if not scope.person_id:
        return False
    return (Session.objects.filter(klass_id=klass.pk, lecturer__person_id=scope.person_id).exists()
            or Enrolment.objects.filter(klass_id=klass.pk, person_id=scope.person_id).exists())
