"""Lecturer fees: tables per province and date, the rank each lecturer is paid at, held sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel


class Rank(models.TextChoices):
    """The level a lecturer is paid at (TT 36/2018/TT-BTC Điều 5 and the provinces' decisions)."""

    CENTRAL = "central", _("central level")
    PROVINCIAL = "provincial", _("provincial level")
    CENTRE = "centre", _("commune / centre level")


class FeeTableQuerySet(models.QuerySet):
    def in_force(self, on):
        return self.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def visible_to(self, user):
        from accounts.scope import scope_of

        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(Q(province__isnull=True) | Q(province_id__in=scope.province_ids_with_history))


class FeeTable(TimeStampedModel):
    """Fees per session (buổi) in one province for a period; without a province, the national default."""

    province = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("Leave empty for the default used where a province has no table."),
    )
    name = models.CharField(_("name"), max_length=200)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    periods_per_session = models.PositiveSmallIntegerField(
        _("periods per session"), default=4,
        help_text=_("A session of this many periods earns the full fee; longer or shorter ones in proportion."),
    )
    decision = models.CharField(_("decision"), max_length=250, blank=True,
                                help_text=_("The decision that sets these fees, e.g. 25/2019/QĐ-UBND."))
    is_editable_default = models.BooleanField(_("editable default"), default=False, editable=False)

    objects = FeeTableQuerySet.as_manager()

    class Meta:
        ordering = ["province__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(periods_per_session__gte=1, periods_per_session__lte=6),
                                   name="fee_table_periods_range"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                                   name="fee_table_dates_in_order"),
        ]
        indexes = [models.Index(fields=["province", "valid_from"])]
        verbose_name = _("fee table")
        verbose_name_plural = _("fee tables")

    def __str__(self) -> str:
        return self.name


class FeeRate(models.Model):
    """The fee for one session at a rank; a title (e.g. "Phó giáo sư") may carry its own fee."""

    table = models.ForeignKey(FeeTable, on_delete=models.CASCADE, related_name="rates")
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices)
    title = models.CharField(_("academic title"), max_length=60, blank=True,
                             help_text=_("Empty: every lecturer of the rank without a fee of their own title."))
    amount = models.DecimalField(_("fee per session (đồng)"), max_digits=12, decimal_places=0)

    class Meta:
        ordering = ["table", "rank", "title"]
        constraints = [
            models.UniqueConstraint(fields=["table", "rank", "title"], name="one_fee_per_rank_and_title"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="fee_not_negative"),
        ]
        verbose_name = _("fee rate")
        verbose_name_plural = _("fee rates")

    def __str__(self) -> str:
        return f"{self.get_rank_display()} {self.title}".strip()


def default_rank(kind: str) -> str:
    """Guests come from the province or above; the centre's own and part-time lecturers are paid locally."""
    return Rank.PROVINCIAL if kind == "guest" else Rank.CENTRE


class LecturerRank(models.Model):
    """The rank a lecturer profile is paid at, when it differs from the default of its kind."""

    lecturer = models.OneToOneField("people.Lecturer", on_delete=models.CASCADE, related_name="pay_rank")
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices)

    class Meta:
        verbose_name = _("lecturer's pay rank")
        verbose_name_plural = _("lecturers' pay ranks")

    def __str__(self) -> str:
        return self.get_rank_display()


class SessionConfirmation(models.Model):
    """An officer's confirmation that a session was held, for sessions without attendance."""

    session = models.OneToOneField("training.Session", on_delete=models.CASCADE, related_name="held_confirmation")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("session held")
        verbose_name_plural = _("sessions held")

    def __str__(self) -> str:
        return str(self.session_id)


class PaymentSheet(TimeStampedModel):
    """The payment sheet of a class once the officer made it final: its lines are kept as issued."""

    class Status(models.TextChoices):
        FINAL = "final", _("final")
        REOPENED = "reopened", _("reopened")

    klass = models.OneToOneField("training.Klass", verbose_name=_("class"), on_delete=models.PROTECT,
                                 related_name="payment_sheet")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FINAL)
    number = models.CharField(_("document number"), max_length=60, blank=True)
    fee_table = models.ForeignKey(FeeTable, verbose_name=_("fee table"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("total (đồng)"), max_digits=14, decimal_places=0, default=0)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    finalised_at = models.DateTimeField(_("made final at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment sheet")
        verbose_name_plural = _("payment sheets")

    def __str__(self) -> str:
        return f"{self.klass_id} {self.get_status_display()}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class PaymentLine(models.Model):
    sheet = models.ForeignKey(PaymentSheet, on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveSmallIntegerField()
    lecturer = models.ForeignKey("people.Lecturer", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("full name"), max_length=200)
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices)
    sessions = models.PositiveIntegerField(_("sessions"))
    periods = models.PositiveIntegerField(_("periods"))
    rate = models.DecimalField(_("fee per session (đồng)"), max_digits=12, decimal_places=0)
    amount = models.DecimalField(_("amount (đồng)"), max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["sheet", "order"]
        verbose_name = _("payment line")
        verbose_name_plural = _("payment lines")

    def __str__(self) -> str:
        return self.name
