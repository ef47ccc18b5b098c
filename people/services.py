"""Workflows on the person registry, staff and lecturers."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import audited_save, require
from people import national_id, rules
from people.models import Lecturer, Person, StaffAssignment
from people.permissions import owns_lecturer_profile


def validate_person(person: Person, *, today: dt.date | None = None) -> None:
    """The person rules (`people.rules`) plus the registry's own: one record per citizen ID.

    Shared by the form and the API. Raises ValidationError keyed by field.
    """
    today = today or timezone.localdate()
    findings: list[tuple[str, str]] = []
    parsed = None
    if person.national_id:
        try:
            parsed = national_id.parse(person.national_id)
        except national_id.InvalidNationalId as exc:
            findings.append(("national_id", str(exc)))
        else:
            person.national_id = parsed.value
            person.legacy_id = parsed.legacy
            if Person.objects.filter(national_id=parsed.value).exclude(pk=person.pk).exists():
                findings.append(("national_id", _("Another person in the registry already has this citizen ID.")))
    else:
        person.national_id = None
        person.legacy_id = False
    findings += rules.name_findings(family=person.family_name, middle=person.middle_name, given=person.given_name)
    findings += rules.national_id_findings(parsed, gender=person.gender, date_of_birth=person.date_of_birth)
    findings += rules.birth_date_findings(person.date_of_birth, today=today)
    admission, full = person.party_admission_date, person.party_full_membership_date
    findings += rules.party_findings(admission=admission, full=full, date_of_birth=person.date_of_birth, today=today)
    errors: dict[str, list[str]] = {}
    for field, message in findings:
        errors.setdefault(field, []).append(message)
    if (admission or full) and not person.is_party_member:
        person.is_party_member = True
    if errors:
        raise ValidationError(errors)


def _check_person_scope(actor, person: Person) -> None:
    """The actor edits the centre the record is kept by, as stored (a form or payload that moves the
    record to the actor's own centre does not make another centre's record editable), and the new one."""
    scope = scope_of(actor)
    require(scope.edits(person.centre_id))
    if person.pk:
        stored = Person.objects.filter(pk=person.pk).values_list("centre_id", flat=True).first()
        require(stored is None and scope.edits_some_centre or scope.edits(stored))


@transaction.atomic
def save_person(*, actor, person: Person, reason: str = "") -> Person:
    _check_person_scope(actor, person)
    validate_person(person)
    return audited_save(actor=actor, instance=person, reason=reason)


@transaction.atomic
def archive_person(*, actor, person: Person, archived: bool = True, reason: str = "") -> Person:
    _check_person_scope(actor, person)
    person.archived = archived
    return audited_save(actor=actor, instance=person, reason=reason, validate=False)


def probable_duplicates(queryset):
    """Groups of persons without a citizen ID who share the normalised name and birth date.

    One aggregate query finds the keys; one more fetches the persons. The keys are counted, not the
    ids, so the aggregate reads only the partial index of the persons it groups (an index-only scan).
    """
    keys = list(
        queryset.filter(national_id__isnull=True, archived=False, date_of_birth__isnull=False)
        .values("match_key")
        .annotate(n=Count("match_key"))
        .filter(n__gt=1)
        .order_by("match_key")
        .values_list("match_key", flat=True)[:200]
    )
    if not keys:
        return []
    persons = list(
        queryset.filter(match_key__in=keys, national_id__isnull=True, archived=False)
        .select_related("centre", "sending_organisation")
        .order_by("match_key", "id")
    )
    groups: dict[str, list[Person]] = {}
    for person in persons:
        groups.setdefault(person.match_key, []).append(person)
    return [group for group in groups.values() if len(group) > 1]


@transaction.atomic
def merge_persons(*, actor, keep: Person, duplicates: list[Person], reason: str) -> Person:
    """Move every record that points at a duplicate onto `keep`, then archive the duplicate.

    Relations are found from the model's metadata, so records added by later apps (enrolments,
    certificates ...) move too. The duplicate row is kept, archived and marked `merged_into`, so
    its history stays readable.
    """
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the merge.")})
    _check_person_scope(actor, keep)
    for duplicate in duplicates:
        _check_person_scope(actor, duplicate)
        if duplicate.pk == keep.pk:
            raise ValidationError(_("A person cannot be merged into themselves."))
        if duplicate.national_id and keep.national_id and duplicate.national_id != keep.national_id:
            raise ValidationError(_("%(name)s has a different citizen ID; these are not the same person.") % {"name": duplicate})
    moved: dict[str, int] = {}
    ids = [d.pk for d in duplicates]
    for relation in Person._meta.related_objects:
        field = relation.field
        if relation.related_model is Person or not (relation.one_to_many or relation.one_to_one):
            continue
        manager = relation.related_model._base_manager
        if relation.one_to_one and manager.filter(**{field.name: keep}).exists():
            continue  # keep already has its own (e.g. a login); the duplicate's stays where it is
        count = manager.filter(**{f"{field.name}__in": ids}).update(**{field.name: keep})
        if count:
            moved[relation.related_model._meta.label_lower] = count
    before = snapshot(keep)
    for duplicate in duplicates:
        if not keep.national_id and duplicate.national_id:
            keep.national_id, keep.legacy_id = duplicate.national_id, duplicate.legacy_id
            duplicate.national_id = None
        for name in ("date_of_birth", "phone", "email", "position", "workplace", "party_admission_date",
                     "party_full_membership_date", "sending_organisation_id"):
            if not getattr(keep, name) and getattr(duplicate, name):
                setattr(keep, name, getattr(duplicate, name))
        duplicate.archived = True
        duplicate.merged_into = keep
        duplicate.save()
        record(actor=actor, action=AuditEvent.Action.MERGE, obj=duplicate, after={"merged_into": keep.pk}, reason=reason)
    keep.save()
    record(actor=actor, action=AuditEvent.Action.MERGE, obj=keep, before=before,
           after={**snapshot(keep), "merged": ids, "moved": moved}, reason=reason)
    return keep


@transaction.atomic
def save_staff_assignment(*, actor, assignment: StaffAssignment, reason: str = "") -> StaffAssignment:
    require(scope_of(actor).edits(assignment.centre_id))
    if assignment.end_date and assignment.start_date and assignment.end_date < assignment.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if assignment.position == StaffAssignment.Position.DIRECTOR:
        overlapping = StaffAssignment.objects.filter(
            centre_id=assignment.centre_id, position=StaffAssignment.Position.DIRECTOR
        ).exclude(pk=assignment.pk)
        start = assignment.start_date or dt.date.min
        end = assignment.end_date or dt.date.max
        overlapping = overlapping.filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=start),
            models.Q(start_date__isnull=True) | models.Q(start_date__lte=end),
        )
        if overlapping.exists():
            raise ValidationError({"start_date": _("The centre already has a director for this period; end that term first.")})
    return audited_save(actor=actor, instance=assignment, reason=reason)


@transaction.atomic
def end_staff_assignment(*, actor, assignment: StaffAssignment, end_date: dt.date, reason: str = "") -> StaffAssignment:
    assignment.end_date = end_date
    return save_staff_assignment(actor=actor, assignment=assignment, reason=reason)


@transaction.atomic
def save_lecturer(*, actor, lecturer: Lecturer, reason: str = "") -> Lecturer:
    require(scope_of(actor).edits(lecturer.centre_id) or (lecturer.pk is not None and owns_lecturer_profile(actor, lecturer)))
    if lecturer.teaching_since and lecturer.teaching_since > timezone.localdate().year:
        raise ValidationError({"teaching_since": _("The year teaching began is in the future.")})
    clash = Lecturer.objects.filter(centre_id=lecturer.centre_id, person_id=lecturer.person_id).exclude(pk=lecturer.pk)
    if clash.exists():
        raise ValidationError({"person": _("This person already has a lecturer profile at this centre.")})
    return audited_save(actor=actor, instance=lecturer, reason=reason)
