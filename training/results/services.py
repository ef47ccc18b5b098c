"""Scores, results, approval and corrections of a class (DOMAIN.md §6, steps 6–7).

Workflows: `record_scores` (the grid, before approval), `recompute_results`, `approve_results`
(the director; locks the class's results), `correct_score` (after approval, with a reason),
`set_recognition_decision`. Each checks the acting user's right and writes the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import audit
from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import require
from core.warnings import require_reason, with_warnings
from training.models import Attendance, Enrolment, Klass, Result, Score, Session
from training.permissions import directs_class, edits_class
from training.results.rules import Rules, absence_percent, evaluate, parse_score
from training.timetable.rules import periods_mismatch_messages, scheduled_periods_match

EDITABLE_STATUSES = (Klass.Status.OPEN, Klass.Status.IN_PROGRESS)


# ------------------------------------------------------------------------------------------ rights


# ---------------------------------------------------------------------------------------- computing


def _absence_counts(klass: Klass, enrolment_ids) -> tuple[int, dict[int, int]]:
    sessions = Session.objects.filter(klass=klass).count()
    counts = dict(
        Attendance.objects.filter(
            enrolment_id__in=enrolment_ids,
            session__klass=klass,
            status__in=[Attendance.Status.EXCUSED, Attendance.Status.UNEXCUSED],
        )
        .values("enrolment_id")
        .annotate(n=Count("id"))
        .values_list("enrolment_id", "n")
    )
    return sessions, counts


def _scores_by_enrolment(enrolment_ids) -> dict[int, dict[int, Decimal | None]]:
    table: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for enrolment_id, component_id, value in Score.objects.filter(enrolment_id__in=enrolment_ids).values_list(
        "enrolment_id", "component_id", "value"
    ):
        table[enrolment_id][component_id] = value
    return table


def recompute_results(*, klass: Klass, enrolment_ids=None, rules: Rules | None = None) -> list[Result]:
    """Derive and store the Result of every active learner (or of the ones given) in a fixed number of queries.

    A session without an attendance mark counts as attended: the attendance screen marks everyone
    present by default and records only the exceptions.
    """
    rules = rules or Rules.of_version(klass.version)
    enrolments = Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED)
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=list(enrolment_ids))
    ids = list(enrolments.values_list("pk", flat=True))
    sessions, absences = _absence_counts(klass, ids)
    scores = _scores_by_enrolment(ids)
    results = []
    for enrolment_id in ids:
        share = absence_percent(absences.get(enrolment_id, 0), sessions)
        outcome = evaluate(rules, scores.get(enrolment_id, {}), share)
        results.append(
            Result(
                enrolment_id=enrolment_id,
                final_score=outcome.final_score,
                classification=outcome.classification,
                absence_percent=share,
                completed=outcome.completed,
                reasons=list(outcome.reasons),
            )
        )
    Result.objects.bulk_create(
        results,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["enrolment"],
        update_fields=["final_score", "classification", "absence_percent", "completed", "reasons", "computed_at"],
    )
    return results


# ----------------------------------------------------------------------------------------- the grid


@dataclass
class SaveSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    results: list = field(default_factory=list)


def cell_name(enrolment_id: int, component_id: int) -> str:
    """The form field (and error key) of one cell of the grid."""
    return f"s-{enrolment_id}-{component_id}"


def _score_events(actor, changes) -> list[AuditEvent]:
    """One audit event per changed score, with the old value."""
    return [
        audit.event(
            actor=actor,
            action=AuditEvent.Action.CREATE if before is None else AuditEvent.Action.UPDATE,
            obj=score,
            before=before,
            after=snapshot(score, ["enrolment_id", "component_id", "value"]),
        )
        for score, before in changes
    ]


def record_scores(*, actor, klass: Klass, entries: dict, labels: dict | None = None) -> SaveSummary:
    """Save a batch of cells: {(enrolment_id, component_id): "7,5" | Decimal | None}.

    Every cell is checked first; one bad cell refuses the whole batch with a message per cell
    (keyed by `cell_name`), so nothing is half-saved. `labels` maps a key to the words that name
    the cell in messages (the learner and the component).
    """
    require(edits_class(actor, klass))
    if klass.results_locked:
        raise ValidationError(
            _("The results of this class are approved and locked; change a score through a correction with a reason."),
            code="locked",
        )
    if klass.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Scores can be entered once the class is open."), code="not_open")
    labels = labels or {}
    enrolment_ids = {e for e, _c in entries}
    component_ids = {c for _e, c in entries}
    known_enrolments = set(
        Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED, pk__in=enrolment_ids).values_list(
            "pk", flat=True
        )
    )
    known_components = set(klass.version.components.filter(pk__in=component_ids).values_list("pk", flat=True))
    errors: dict[str, list] = {}
    values = {}
    for (enrolment_id, component_id), raw in entries.items():
        key = cell_name(enrolment_id, component_id)
        if enrolment_id not in known_enrolments or component_id not in known_components:
            errors[key] = [ValidationError(_("This cell is not part of the class's grid."), code="unknown_cell")]
            continue
        try:
            values[(enrolment_id, component_id)] = parse_score(raw, cell=labels.get((enrolment_id, component_id), ""))
        except ValidationError as error:
            errors[key] = [error]
    if errors:
        raise ValidationError(errors)

    summary = SaveSummary()
    with transaction.atomic():
        existing = {
            (s.enrolment_id, s.component_id): s
            for s in Score.objects.select_for_update().filter(
                enrolment_id__in=known_enrolments, component_id__in=known_components
            )
        }
        new, changed = [], []
        for key, value in values.items():
            score = existing.get(key)
            if score is None:
                if value is None:
                    summary.unchanged += 1
                    continue
                new.append(Score(enrolment_id=key[0], component_id=key[1], value=value, recorded_by=actor))
            elif score.value != value:
                changed.append((score, {"value": None if score.value is None else str(score.value)}))
                score.value, score.recorded_by = value, actor
            else:
                summary.unchanged += 1
        Score.objects.bulk_create(new, batch_size=500)
        if changed:
            now = timezone.now()
            for score, _before in changed:
                score.recorded_at = now
            Score.objects.bulk_update([s for s, _b in changed], ["value", "recorded_by", "recorded_at"], batch_size=500)
        if new and new[0].pk is None:  # backends that return no keys from bulk inserts
            keys = {(s.enrolment_id, s.component_id) for s in new}
            new = [
                s
                for s in Score.objects.filter(enrolment_id__in=known_enrolments)
                if (s.enrolment_id, s.component_id) in keys
            ]
        audit.write(_score_events(actor, [(s, None) for s in new] + changed))
        summary.created, summary.updated = len(new), len(changed)
        if new or changed:
            touched = {s.enrolment_id for s in new} | {s.enrolment_id for s, _b in changed}
            summary.results = recompute_results(klass=klass, enrolment_ids=touched)
    return summary


def missing_required_scores(klass: Klass) -> list[Enrolment]:
    """Active learners lacking a score for a required component, in one query."""
    required = list(klass.version.components.filter(required=True).values_list("pk", flat=True))
    if not required:
        return []
    return list(
        Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED)
        .annotate(done=Count("scores", filter=Q(scores__component_id__in=required, scores__value__isnull=False)))
        .filter(done__lt=len(required))
        .select_related("person")
        .order_by("person__sort_key")
    )


def timetable_mismatches(klass: Klass) -> list[str]:
    """One message per topic whose scheduled periods differ from the programme's; empty when all match."""
    if scheduled_periods_match(klass):
        return []
    return periods_mismatch_messages(klass) or [_("the timetable")]


# ------------------------------------------------------------------------------------------ approval


def approval_warnings(klass: Klass) -> list[str]:
    """What the director is asked to confirm with a reason before approving."""
    if klass.end_date > timezone.localdate():
        return [_("The class ends on %(date)s: the results are approved before its last day.")
                % {"date": klass.end_date.strftime("%d/%m/%Y")}]
    return []


def approve_results(*, actor, klass: Klass, warning_reason: str = "") -> Klass:
    """The director approves the class's results; they are locked from then on. Approving before the
    class's end date needs `warning_reason`, which the audit keeps."""
    require(directs_class(actor, klass))
    with transaction.atomic():
        klass = Klass.objects.select_for_update().select_related("version").get(pk=klass.pk)
        if klass.results_locked:
            raise ValidationError(_("The results of this class are already approved."), code="already_approved")
        if klass.status != Klass.Status.IN_PROGRESS:
            raise ValidationError(
                _("Results can be approved only while the class is in progress."), code="not_in_progress"
            )
        if not Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED).exists():
            raise ValidationError(_("The class has no learners."), code="no_learners")
        missing = missing_required_scores(klass)
        if missing:
            names = ", ".join(e.person.full_name for e in missing[:5])
            more = len(missing) - 5
            raise ValidationError(
                ngettext(
                    "%(count)d learner still lacks a required score: %(names)s%(more)s.",
                    "%(count)d learners still lack a required score: %(names)s%(more)s.",
                    len(missing),
                )
                % {"count": len(missing), "names": names, "more": f" (+{more})" if more > 0 else ""},
                code="missing_scores",
            )
        mismatched = timetable_mismatches(klass)
        if mismatched:
            raise ValidationError(
                _("The timetable does not match the programme: %(topics)s") % {"topics": " ".join(mismatched)},
                code="timetable_mismatch",
            )
        warnings = approval_warnings(klass)
        reason = with_warnings(require_reason(warnings, warning_reason), warnings)
        recompute_results(klass=klass)
        before = snapshot(klass, ["status", "results_approved_by_id", "results_approved_at"])
        klass.status = Klass.Status.RESULTS_APPROVED
        klass.results_approved_by = actor
        klass.results_approved_at = timezone.now()
        klass.save(update_fields=["status", "results_approved_by", "results_approved_at", "updated_at"])
        record(
            actor=actor,
            action=AuditEvent.Action.APPROVE,
            obj=klass,
            before=before,
            after=snapshot(klass, ["status", "results_approved_by_id", "results_approved_at"]),
            reason=reason,
        )
    return klass


# ------------------------------------------------------------------------------------------- corrections


def correct_score(
    *, actor, score: Score | None = None, enrolment: Enrolment | None = None, component=None, value, reason: str
) -> tuple[Score, Result]:
    """Change a score after approval. The reason is required; the audit keeps the old value.

    Pass the Score, or the enrolment and component when the learner had no score for it yet.
    """
    if score is not None:
        enrolment, component = score.enrolment, score.component
    klass = enrolment.klass
    require(edits_class(actor, klass))
    if not klass.results_locked:
        raise ValidationError(_("The results are not approved yet; change the score in the grid."), code="not_locked")
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(_("This learner is no longer enrolled in the class."), code="not_enrolled")
    if component.version_id != klass.version_id:
        raise ValidationError(_("This assessment is not part of the class's programme."), code="unknown_cell")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for the correction.")]}, code="reason_required")
    new_value = parse_score(value, cell=component.name)
    with transaction.atomic():
        score = Score.objects.select_for_update().filter(enrolment=enrolment, component=component).first()
        old_value = score.value if score else None
        if score is not None and old_value == new_value:
            raise ValidationError({"value": [_("The new score is the same as the old one.")]}, code="unchanged")
        if score is None:
            if new_value is None:
                raise ValidationError({"value": [_("The new score is the same as the old one.")]}, code="unchanged")
            score = Score(enrolment=enrolment, component=component)
        score.value, score.recorded_by = new_value, actor
        score.save()
        record(
            actor=actor,
            action=AuditEvent.Action.CORRECT,
            obj=score,
            before={"value": None if old_value is None else str(old_value)},
            after={"value": None if new_value is None else str(new_value)},
            reason=reason,
        )
        previous = Result.objects.filter(enrolment=enrolment).first()
        result = recompute_results(klass=klass, enrolment_ids=[enrolment.pk])[0]
        if previous is None or (previous.final_score, previous.classification, previous.completed) != (
            result.final_score,
            result.classification,
            result.completed,
        ):
            stored = Result.objects.get(enrolment=enrolment)
            record(
                actor=actor,
                action=AuditEvent.Action.CORRECT,
                obj=stored,
                before=snapshot(previous, ["final_score", "classification", "completed"]) if previous else None,
                after=snapshot(stored, ["final_score", "classification", "completed"]),
                reason=reason,
            )
            result = stored
    return score, result


# --------------------------------------------------------------------------------- recognition decision


def set_recognition_decision(*, actor, klass: Klass, number: str, date: dt.date | None) -> Klass:
    """Record the number and date of the recognition decision (quyết định công nhận)."""
    require(edits_class(actor, klass))
    if not klass.results_locked:
        raise ValidationError(_("The recognition decision follows the approval of the results."), code="not_locked")
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": [_("Give the decision's number.")]})
    if date and date < klass.start_date:
        raise ValidationError({"date": [_("The decision cannot be dated before the class started.")]})
    before = snapshot(klass, ["recognition_decision_number", "recognition_decision_date"])
    klass.recognition_decision_number, klass.recognition_decision_date = number, date
    klass.save(update_fields=["recognition_decision_number", "recognition_decision_date", "updated_at"])
    after = snapshot(klass, ["recognition_decision_number", "recognition_decision_date"])
    if before != after:
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=klass, before=before, after=after)
    return klass
