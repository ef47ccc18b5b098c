"""Programmes, certificates, facilities and IT: the quality side of the centre's work."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from certificates.models import Certificate
from curriculum.choices import OverlapVerdict
from curriculum.models import OverlapReview, Topic
from facilities.models import Room
from standards.computations.base import Families, Outcome, Period, group_by_root, members, share_outcome
from standards.computations.training import held_classes
from training.models import Klass


def programmes_overlap_reviewed(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Programmes taught in the period whose topics have had their overlap review decided.

    A programme counts when at least one overlap review touches its topics and none is pending: a
    pair judged a real overlap needs a decision (merge, shorten, keep).
    """
    taught = list(held_classes(families, period).values_list("centre_id", "version_id", "version__programme_id"))
    version_ids = {v for _, v, _ in taught}
    lineages: dict[int, set] = defaultdict(set)
    for version_id, lineage in Topic.objects.filter(version_id__in=version_ids).values_list("version_id", "lineage"):
        lineages[version_id].add(lineage)
    every = set().union(*lineages.values()) if lineages else set()
    reviews = list(OverlapReview.objects.filter(Q(lineage_low__in=every) | Q(lineage_high__in=every))
                   .values_list("lineage_low", "lineage_high", "verdict", "decision"))
    state: dict[int, tuple[int, int]] = {}
    for version_id, own in lineages.items():
        touching = [r for r in reviews if r[0] in own or r[1] in own]
        pending = sum(1 for _, _, verdict, decision in touching if verdict == OverlapVerdict.REAL and not decision)
        state[version_id] = (len(touching), pending)
    result = {}
    for root, found in group_by_root(families, taught).items():
        programmes: dict[int, bool] = {}
        for version_id, programme_id in found:
            reviewed, pending = state.get(version_id, (0, 0))
            programmes[programme_id] = programmes.get(programme_id, True) and reviewed > 0 and pending == 0
        result[root] = share_outcome([p for p, ok in programmes.items() if ok], list(programmes), "programmes")
    return result


def certificates_on_time(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Certificates issued in the period within `days` days after the class's results were approved."""
    days = dt.timedelta(days=int(params.get("days", 30)))
    rows = list(Certificate.objects.filter(enrolment__klass__centre_id__in=members(families),
                                           issued_on__range=(period.start, period.end), replaces__isnull=True)
                .values_list("enrolment__klass__centre_id", "id", "issued_on", "enrolment__klass_id"))
    # The approval day of each class once (a class holds many certificates), in the site's time zone.
    approved = {pk: timezone.localtime(at).date() for pk, at in Klass.objects.filter(
        pk__in={r[3] for r in rows}, results_approved_at__isnull=False).values_list("pk", "results_approved_at")}
    result = {}
    for root, found in group_by_root(families, rows).items():
        on_time = [cid for cid, issued, klass_id in found
                   if klass_id in approved and issued - approved[klass_id] <= days]
        result[root] = share_outcome(on_time, [r[0] for r in found], "certificates")
    return result


def lecture_hall_seats(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Seats of the largest lecture hall in use."""
    rows = (Room.objects.filter(centre_id__in=members(families), active=True, kind=Room.Kind.LECTURE_HALL)
            .values_list("centre_id", "id", "seats"))
    result = {}
    for root, found in group_by_root(families, rows).items():
        best = max(found, key=lambda r: r[1], default=None)
        result[root] = Outcome(Decimal(best[1] if best else 0), "rooms", tuple(r[0] for r in found),
                               str(best[1] if best else 0))
    return result


def classes_using_it(families: Families, period: Period, params: dict) -> dict[int, Outcome]:
    """Classes with online materials or tests: not applicable until TTCT holds learning materials."""
    return {root: Outcome(None, "", (), "", not_applicable=True) for root in families}
