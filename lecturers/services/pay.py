"""Workflows of lecturer pay: fee tables, pay ranks, held sessions, final payment sheets."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.models import AuditEvent
from core.text import short_date
from lecturers import permissions
from lecturers.models import FeeRate, FeeTable, LecturerRank, PaymentLine, PaymentSheet, Rank, SessionConfirmation
from lecturers.pay import class_fee_sheet

Action = AuditEvent.Action


def _rates_snapshot(table: FeeTable) -> list[list]:
    return [[r.rank, r.title, str(r.amount)] for r in table.rates.order_by("rank", "title")]


def _table_snapshot(table: FeeTable) -> dict:
    return {**audit.snapshot(table), "rates": _rates_snapshot(table)}


@transaction.atomic
def save_fee_table(*, actor, table: FeeTable, rates: list[tuple[str, str, Decimal]]) -> FeeTable:
    """Create or change a fee table with its rates; every rank needs a fee, periods may not overlap."""
    scope = scope_of(actor)
    if not permissions.manages_fee_tables(scope, table.province_id):
        raise PermissionDenied
    if table.pk:
        stored = FeeTable.objects.select_for_update().get(pk=table.pk)
        if not permissions.manages_fee_tables(scope, stored.province_id):
            raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if table.valid_to and table.valid_to < table.valid_from:
        errors.setdefault("valid_to", []).append(_("The end of validity is before its start."))
    if not 1 <= (table.periods_per_session or 0) <= 6:
        errors.setdefault("periods_per_session", []).append(_("A session holds from 1 to 6 periods."))
    ranks = {rank for rank, title, _amount in rates if not title.strip()}
    for rank, label in Rank.choices:
        if rank not in ranks:
            errors.setdefault(rank, []).append(_("The fee table has no fee for the rank “%(rank)s”.") % {"rank": label})
    seen = set()
    for rank, title, amount in rates:
        key = (rank, title.strip().casefold())
        field = rank if not title.strip() else "titles"
        if rank not in Rank.values:
            errors.setdefault("titles", []).append(_("Unknown rank “%(rank)s”.") % {"rank": rank})
        if amount is None or amount < 0:
            errors.setdefault(field, []).append(_("A fee cannot be negative."))
        if key in seen:
            errors.setdefault("titles", []).append(
                _("The fee of “%(title)s” at this rank is given twice.") % {"title": title or rank})
        seen.add(key)
    overlapping = FeeTable.objects.filter(province_id=table.province_id).exclude(pk=table.pk)
    overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=table.valid_from))
    if table.valid_to:
        overlapping = overlapping.filter(valid_from__lte=table.valid_to)
    other = overlapping.first()
    if other is not None:
        errors.setdefault("valid_from", []).append(
            _("The validity overlaps the fee table “%(name)s” (from %(start)s to %(end)s).") % {
                "name": other.name, "start": short_date(other.valid_from),
                "end": short_date(other.valid_to) if other.valid_to else "…"})
    if errors:
        raise ValidationError(errors)
    before = _table_snapshot(stored) if table.pk else None
    table.save()
    table.rates.all().delete()
    FeeRate.objects.bulk_create(
        FeeRate(table=table, rank=rank, title=title.strip(), amount=Decimal(amount)) for rank, title, amount in rates
    )
    audit.record(actor=actor, action=Action.UPDATE if before else Action.CREATE, obj=table, before=before,
                 after=_table_snapshot(table))
    return table


@transaction.atomic
def set_lecturer_rank(*, actor, lecturer, rank: str) -> None:
    if not permissions.manages_lecturer_records(scope_of(actor), lecturer.centre_id):
        raise PermissionDenied
    if rank not in Rank.values:
        raise ValidationError({"rank": _("Choose a rank from the list.")})
    current = LecturerRank.objects.filter(lecturer=lecturer).first()
    before = {"rank": current.rank} if current else None
    LecturerRank.objects.update_or_create(lecturer=lecturer, defaults={"rank": rank})
    audit.record(actor=actor, action=Action.UPDATE, obj=lecturer, before=before, after={"rank": rank},
                 reason=_("pay rank"))


@transaction.atomic
def confirm_session_held(*, actor, session) -> SessionConfirmation:
    """An officer states that a session without attendance took place, so it counts as taught."""
    if not permissions.manages_lecturer_records(scope_of(actor), session.klass.centre_id):
        raise PermissionDenied
    if session.date > timezone.localdate():
        raise ValidationError(_("A session in the future cannot be confirmed as held."))
    confirmation, created = SessionConfirmation.objects.get_or_create(session=session,
                                                                      defaults={"confirmed_by": actor})
    if created:
        audit.record(actor=actor, action=Action.APPROVE, obj=session, after={"held": True},
                     reason=_("session confirmed as held"))
    return confirmation


@transaction.atomic
def withdraw_session_confirmation(*, actor, session) -> None:
    if not permissions.manages_lecturer_records(scope_of(actor), session.klass.centre_id):
        raise PermissionDenied
    deleted, _rows = SessionConfirmation.objects.filter(session=session).delete()
    if deleted:
        audit.record(actor=actor, action=Action.CORRECT, obj=session, before={"held": True}, after={"held": False},
                     reason=_("confirmation withdrawn"))


def _sheet_snapshot(sheet: PaymentSheet) -> dict:
    return {"status": sheet.status, "number": sheet.number, "total": str(sheet.total),
            "lines": [[line.name, line.rank, line.sessions, line.periods, str(line.rate), str(line.amount)]
                      for line in sheet.lines.all()]}


@transaction.atomic
def finalise_payment_sheet(*, actor, klass, number: str = "") -> PaymentSheet:
    """Freeze the class's payment from the sessions held; the documents then print these lines."""
    if not permissions.manages_lecturer_records(scope_of(actor), klass.centre_id):
        raise PermissionDenied
    sheet = PaymentSheet.objects.select_for_update().filter(klass=klass).first()
    if sheet is not None and sheet.is_final:
        raise ValidationError(_("The payment sheet is already final; reopen it to change it."))
    computed = class_fee_sheet(klass, held_only=True)
    if not computed.lines:
        raise ValidationError(_("No session of this class has been held yet: there is nothing to pay."))
    before = _sheet_snapshot(sheet) if sheet else None
    sheet = sheet or PaymentSheet(klass=klass)
    sheet.status = PaymentSheet.Status.FINAL
    sheet.number = number.strip()
    sheet.fee_table = computed.table
    sheet.total = computed.total
    sheet.finalised_by = actor
    sheet.finalised_at = timezone.now()
    sheet.save()
    sheet.lines.all().delete()
    PaymentLine.objects.bulk_create(
        PaymentLine(sheet=sheet, order=index, lecturer=line.lecturer, name=line.lecturer.person.full_name,
                    rank=line.rank, sessions=line.sessions, periods=line.periods, rate=line.rate,
                    amount=line.amount)
        for index, line in enumerate(computed.lines, start=1)
    )
    audit.record(actor=actor, action=Action.APPROVE, obj=sheet, before=before, after=_sheet_snapshot(sheet))
    return sheet


@transaction.atomic
def reopen_payment_sheet(*, actor, sheet: PaymentSheet, reason: str) -> PaymentSheet:
    if not permissions.manages_lecturer_records(scope_of(actor), sheet.klass.centre_id):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for reopening the payment sheet.")})
    if not sheet.is_final:
        raise ValidationError(_("The payment sheet is not final."))
    before = _sheet_snapshot(sheet)
    sheet.status = PaymentSheet.Status.REOPENED
    sheet.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action=Action.CORRECT, obj=sheet, before=before, after=_sheet_snapshot(sheet),
                 reason=reason.strip())
    return sheet
