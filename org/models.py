"""The organisation tree: administrative units, centres (and the provincial school), sending organisations.

Names, hosts, service areas and unit boundaries change over time (the 2025 reorganisation abolished
districts and merged provinces), so they are effective-dated rows; nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.models import TimeStampedModel, period_order
from core.text import collation_key, search_key


class DatedQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class AdministrativeUnitQuerySet(DatedQuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(province_id__in=scope.province_ids_with_history)


class AdministrativeUnit(TimeStampedModel):
    class Level(models.TextChoices):
        PROVINCE = "province", _("province / city")
        DISTRICT = "district", _("district")
        COMMUNE = "commune", _("commune")
        WARD = "ward", _("ward")
        SPECIAL_ZONE = "special_zone", _("special zone")

    code = models.CharField(_("official code"), max_length=10)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # The province the unit lies in (itself for a province): one indexed column to scope by.
    province = models.ForeignKey(
        "self", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    citizen_id_code = models.CharField(
        _("birth-registration code in citizen IDs"), max_length=3, blank=True,
        help_text=_("The three digits that open a citizen ID registered in this province."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self", verbose_name=_("became part of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors",
    )
    search_text = models.CharField(max_length=300, editable=False, db_index=True)
    sort_key = models.CharField(max_length=600, editable=False)

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code", "valid_from"], name="unique_unit_code_per_period"),
            period_order("valid_from", "valid_to", name="unit_valid_period"),
        ]
        indexes = [models.Index(fields=["province", "level"])]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.name} {self.code}")
        self.sort_key = collation_key(self.name)
        super().save(*args, **kwargs)
        # The province column points at itself for a province, so it is set after the row exists.
        wanted = self.pk if self.level == self.Level.PROVINCE else (self.parent.province_id if self.parent else None)
        if self.province_id != wanted:
            self.province_id = wanted
            AdministrativeUnit.objects.filter(pk=self.pk).update(province_id=wanted)

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (self.valid_from is None or self.valid_from <= today) and (self.valid_to is None or self.valid_to >= today)


class CentreQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        return self.filter(id__in=scope.centre_ids)

    def editable_by(self, user):
        """Centres whose records the user may change (with the predecessors a centre continued): the
        choices of every form that files a record under a centre."""
        scope = scope_of(user)
        return self if scope.sees_everything else self.filter(id__in=scope.editable_centre_ids)


class Centre(TimeStampedModel):
    """A training organiser: a political centre or the provincial political school."""

    class Kind(models.TextChoices):
        CENTRE = "centre", _("political centre")
        PROVINCIAL_SCHOOL = "provincial_school", _("provincial political school")

    class Level(models.TextChoices):
        DISTRICT = "district", _("district centre")
        COMMUNE_CLUSTER = "commune_cluster", _("commune-cluster centre")
        PROVINCE = "province", _("province level")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("current name"), max_length=250, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CENTRE)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="centres",
        limit_choices_to={"level": AdministrativeUnit.Level.PROVINCE},
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founding_issuer = models.CharField(_("founding decision issued by"), max_length=200, blank=True)
    founding_number = models.CharField(_("founding decision number"), max_length=50, blank=True)
    founding_date = models.DateField(_("founding decision date"), null=True, blank=True)
    predecessor = models.ForeignKey(
        "self", verbose_name=_("predecessor centre"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="successors",
    )
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    sort_key = models.CharField(max_length=800, editable=False)

    objects = CentreQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        indexes = [models.Index(fields=["province", "status"])]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self) -> str:
        return self.name or self.code

    def refresh_search(self) -> None:
        self.search_text = search_key(f"{self.name} {self.code}")
        self.sort_key = collation_key(self.name)

    @property
    def founding_document(self) -> str:
        if not self.founding_number:
            return ""
        date = self.founding_date.strftime("%d/%m/%Y") if self.founding_date else ""
        return f"{self.founding_number} ({self.founding_issuer}, {date})".replace(", )", ")")


class CentreName(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("name"), max_length=250)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=200, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("centre name")
        verbose_name_plural = _("centre names")

    def __str__(self) -> str:
        return self.name


class CentreHost(models.Model):
    """The party committee whose standing committee directly leads the centre, for a period."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="hosts")
    committee_name = models.CharField(_("host party committee"), max_length=250)
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("administrative unit of the host"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("host party committee")
        verbose_name_plural = _("host party committees")

    def __str__(self) -> str:
        return self.committee_name


class DocumentHeading(models.Model):
    """The heading lines a centre prints on its documents (Hướng dẫn 36-HD/VPTW), for a period.

    Top left of every document: the direct superior body in regular capitals and the issuing body
    in bold capitals; `symbol` is the issuer's part of a number ("TTCT" in "12-QĐ/TTCT"). One row is
    valid on any date, so every document of one centre carries the same lines.
    """

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="headings")
    superior_body = models.CharField(
        _("superior body"), max_length=250, help_text=_("Printed in capitals, e.g. ĐẢNG ỦY XÃ YÊN SƠN.")
    )
    issuing_body = models.CharField(
        _("issuing body"), max_length=250, default="TRUNG TÂM CHÍNH TRỊ", help_text=_("Printed in bold capitals.")
    )
    symbol = models.CharField(
        _("number symbol"), max_length=30, default="TTCT",
        help_text=_("The issuer's part of document numbers: TTCT in 12-QĐ/TTCT."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("document heading")
        verbose_name_plural = _("document headings")

    def __str__(self) -> str:
        return f"{self.superior_body} / {self.issuing_body}"


class ServiceAreaLink(models.Model):
    """One administrative unit the centre serves, for a period."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="service_area")
    unit = models.ForeignKey(AdministrativeUnit, verbose_name=_("administrative unit"), on_delete=models.PROTECT, related_name="serving_links")
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = DatedQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "unit__sort_key"]
        indexes = [models.Index(fields=["centre", "valid_to"])]
        verbose_name = _("service area link")
        verbose_name_plural = _("service area links")

    def __str__(self) -> str:
        return f"{self.centre_id} → {self.unit_id}"


class SendingOrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        # Staff-level information: a centre's own organisations, plus the province-wide ones of the
        # provinces it is in. Lecturers and learners do not browse them.
        if not scope.person_centre_ids:
            return self.none()
        return self.filter(
            Q(centre_id__in=scope.person_centre_ids)
            | Q(centre__isnull=True, province_id__in=scope.province_ids_with_history)
        )


class SendingOrganisation(TimeStampedModel):
    """An organisation that nominates learners: party committees and cells, offices, the Front ..."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", _("party committee")
        PARTY_CELL = "party_cell", _("party cell")
        GOVERNMENT_OFFICE = "government_office", _("government office")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
        MASS_ORGANISATION = "mass_organisation", _("mass organisation")
        MILITARY = "military", _("military command")
        SCHOOL = "school", _("school")
        ENTERPRISE = "enterprise", _("enterprise")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=250)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+",
        limit_choices_to={"level": AdministrativeUnit.Level.PROVINCE},
    )
    centre = models.ForeignKey(
        Centre, verbose_name=_("centre"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="sending_organisations",
        help_text=_("Leave empty for a province-wide organisation that sends learners to every centre."),
    )
    unit = models.ForeignKey(
        AdministrativeUnit, verbose_name=_("administrative unit"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    archived = models.BooleanField(_("archived"), default=False)
    search_text = models.CharField(max_length=400, editable=False, db_index=True)
    sort_key = models.CharField(max_length=800, editable=False)

    objects = SendingOrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["province", "centre", "name"], name="unique_sending_org_name"),
        ]
        indexes = [models.Index(fields=["province", "centre", "archived"])]
        verbose_name = _("sending organisation")
        verbose_name_plural = _("sending organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.name} {self.short_name}")
        self.sort_key = collation_key(self.name)
        super().save(*args, **kwargs)

from org.models_agreements import CoordinationAgreement  # noqa: E402,F401  (the app's second model module)
