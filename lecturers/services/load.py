"""Workflows of the teaching load: norm tables, other work and reductions, the norm post of a year."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.models import AuditEvent
from lecturers import permissions
from lecturers.models import Coefficient, LoadEntry, LoadPost, NormLine, NormPost, NormTable
from lecturers.years import norm_table_for

Action = AuditEvent.Action


def _norm_snapshot(table: NormTable) -> dict:
    return {
        **audit.snapshot(table),
        "lines": [[n.post, str(n.standard_hours), str(n.lecturing_hours)] for n in table.lines.order_by("post")],
        "coefficients": [[c.code, c.name, c.unit, str(c.value)] for c in table.coefficients.order_by("code")],
    }


@transaction.atomic
def save_norm_table(*, actor, table: NormTable, norms: dict[str, tuple[Decimal, Decimal]],
                    coefficients: list[tuple[str, str, str, Decimal]]) -> NormTable:
    """`norms`: post → (standard hours, lecturing hours); `coefficients`: (code, work, unit, value)."""
    if not permissions.manages_national_rules(scope_of(actor)):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if table.last_year and table.last_year < table.first_year:
        errors.setdefault("last_year", []).append(_("The last year is before the first year."))
    if table.overtime_multiplier is None or table.overtime_multiplier < 1:
        errors.setdefault("overtime_multiplier", []).append(_("The overtime multiplier is at least 1."))
    for post, label in NormPost.choices:
        if post not in norms:
            errors.setdefault(f"{post}_standard", []).append(_("Enter the norm of the post “%(post)s”.") % {"post": label})
            continue
        standard, lecturing = norms[post]
        if standard < 0 or lecturing < 0:
            errors.setdefault(f"{post}_standard", []).append(_("Hours cannot be negative."))
        elif lecturing > standard:
            errors.setdefault(f"{post}_lecturing", []).append(
                _("The lecturing hours of “%(post)s” exceed its standard hours.") % {"post": label})
    codes = set()
    for code, name, _unit, value in coefficients:
        if value < 0:
            errors.setdefault("coefficients", []).append(
                _("The coefficient of “%(work)s” is below zero.") % {"work": name or code})
        if code in codes:
            errors.setdefault("coefficients", []).append(_("The code “%(code)s” is given twice.") % {"code": code})
        codes.add(code)
    if Coefficient.LECTURE not in codes:
        errors.setdefault("coefficients", []).append(_("The coefficient “lecture” (one lecturing period) is required."))
    overlapping = NormTable.objects.exclude(pk=table.pk).filter(
        Q(last_year__isnull=True) | Q(last_year__gte=table.first_year))
    if table.last_year:
        overlapping = overlapping.filter(first_year__lte=table.last_year)
    # An open-ended older table is closed the year before the new one starts; any other overlap is refused.
    superseded = [t for t in overlapping if t.last_year is None and t.first_year < table.first_year]
    clash = next((t for t in overlapping if t not in superseded), None)
    if clash is not None:
        errors.setdefault("first_year", []).append(
            _("The years overlap the norm table “%(name)s”.") % {"name": clash.name})
    if errors:
        raise ValidationError(errors)
    before = _norm_snapshot(NormTable.objects.get(pk=table.pk)) if table.pk else None
    for older in superseded:
        older_before = audit.snapshot(older)
        older.last_year = table.first_year - 1
        older.save(update_fields=["last_year", "updated_at"])
        audit.record(actor=actor, action=Action.UPDATE, obj=older, before=older_before, after=audit.snapshot(older),
                     reason=_("superseded by “%(name)s”") % {"name": table.name})
    table.save()
    table.lines.all().delete()
    table.coefficients.all().delete()
    NormLine.objects.bulk_create(NormLine(table=table, post=post, standard_hours=s, lecturing_hours=lect)
                                 for post, (s, lect) in norms.items())
    Coefficient.objects.bulk_create(Coefficient(table=table, code=code, name=name, unit=unit, value=value)
                                    for code, name, unit, value in coefficients)
    audit.record(actor=actor, action=Action.UPDATE if before else Action.CREATE, obj=table, before=before,
                 after=_norm_snapshot(table))
    return table


@transaction.atomic
def record_load_entry(*, actor, entry: LoadEntry) -> LoadEntry:
    if not permissions.manages_lecturer_records(scope_of(actor), entry.lecturer.centre_id):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if entry.kind == LoadEntry.Kind.WORK:
        table = norm_table_for(entry.year)
        known = {c.code for c in table.coefficients.all()} if table else set()
        if entry.coefficient_code not in known or entry.coefficient_code == Coefficient.LECTURE:
            errors.setdefault("coefficient_code", []).append(
                _("Choose a kind of work of the norm table of %(year)s.") % {"year": entry.year})
        if entry.quantity is None or entry.quantity <= 0:
            errors.setdefault("quantity", []).append(_("The quantity must be above zero."))
        entry.percent = Decimal(0)
    else:
        if entry.percent is None or not 0 < entry.percent <= 100:
            errors.setdefault("percent", []).append(_("A reduction is between 0 and 100 % of the norm."))
        entry.coefficient_code, entry.quantity = "", Decimal(0)
    if errors:
        raise ValidationError(errors)
    entry.save()
    audit.record(actor=actor, action=Action.CREATE, obj=entry, after=audit.snapshot(entry))
    return entry


@transaction.atomic
def delete_load_entry(*, actor, entry: LoadEntry) -> None:
    if not permissions.manages_lecturer_records(scope_of(actor), entry.lecturer.centre_id):
        raise PermissionDenied
    before = audit.snapshot(entry)
    audit.record(actor=actor, action=Action.DELETE, obj=entry, before=before)
    entry.delete()


@transaction.atomic
def set_load_post(*, actor, lecturer, year: int, post: str) -> None:
    """The norm post for a year; an empty post goes back to what the staff record says."""
    if not permissions.manages_lecturer_records(scope_of(actor), lecturer.centre_id):
        raise PermissionDenied
    if post and post not in NormPost.values:
        raise ValidationError({"post": _("Choose a post from the list.")})
    current = LoadPost.objects.filter(lecturer=lecturer, year=year).first()
    before = {"year": year, "post": current.post if current else ""}
    if post:
        LoadPost.objects.update_or_create(lecturer=lecturer, year=year, defaults={"post": post})
    else:
        LoadPost.objects.filter(lecturer=lecturer, year=year).delete()
    audit.record(actor=actor, action=Action.UPDATE, obj=lecturer, before=before, after={"year": year, "post": post},
                 reason=_("norm post"))
