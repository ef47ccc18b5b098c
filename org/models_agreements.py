"""Coordination agreements (quy chế phối hợp) between a centre and a department, the Fatherland Front,
a mass organisation, the military command …: dated, with the signed document and each side's duties."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.models import TimeStampedModel
from core.text import search_key

EXPIRY_WARNING_DAYS = 60


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        # Staff-level information, like the sending organisations the agreements are made with.
        return self.filter(centre_id__in=scope.person_centre_ids)

    def in_force(self, on: dt.date):
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on)

    def expiring(self, on: dt.date, days: int = EXPIRY_WARNING_DAYS):
        """In force on `on` and ending within `days` days: the ones to renew."""
        return self.in_force(on).filter(valid_to__isnull=False, valid_to__lte=on + dt.timedelta(days=days))


class CoordinationAgreement(TimeStampedModel):
    centre = models.ForeignKey("org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT,
                               related_name="agreements")
    counterpart = models.ForeignKey("org.SendingOrganisation", verbose_name=_("counterpart"),
                                    on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("title"), max_length=300,
                             help_text=_("e.g. Quy chế phối hợp trong công tác bồi dưỡng chính trị"))
    document_number = models.CharField(_("document number"), max_length=60)
    signed_on = models.DateField(_("date signed"))
    signatories = models.TextField(_("signatories"), blank=True,
                                   help_text=_("Who signed for each side, one per line."))
    scope = models.TextField(_("scope"), blank=True, help_text=_("Which programmes or audiences it covers."))
    centre_duties = models.TextField(_("responsibilities of the centre"), blank=True)
    counterpart_duties = models.TextField(_("responsibilities of the counterpart"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True, help_text=_("Empty: until replaced."))
    file = models.FileField(_("signed document"), upload_to="agreements/%Y/", blank=True)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="agreement_dates_in_order"),
        ]
        indexes = [models.Index(fields=["centre", "valid_to"]), models.Index(fields=["counterpart", "valid_from"])]
        verbose_name = _("coordination agreement")
        verbose_name_plural = _("coordination agreements")

    def __str__(self) -> str:
        return f"{self.document_number} – {self.title}"

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.document_number} {self.title}")[:400]
        super().save(*args, **kwargs)

    def status_on(self, on: dt.date) -> str:
        if self.valid_from > on:
            return "future"
        if self.valid_to is not None and self.valid_to < on:
            return "expired"
        if self.valid_to is not None and self.valid_to <= on + dt.timedelta(days=EXPIRY_WARNING_DAYS):
            return "expiring"
        return "in_force"

    def days_left(self, on: dt.date) -> int | None:
        return None if self.valid_to is None else (self.valid_to - on).days
