"""Programmes, their versions and the topics (chuyên đề) of each version."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.listing import search_words
from core.models import TimeStampedModel, period_order
from core.text import collation_key, document_label, search_key
from curriculum.choices import (
    Category,
    CertificateType,
    GradingScheme,
    OrganiserKind,
    PartyAudience,
    ProgrammeStatus,
    VersionStatus,
)


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The national catalogue, the catalogue of the user's provinces, and their centres' local programmes."""
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        if not scope.authenticated:
            return self.none()
        return self.filter(
            Q(owner_province__isnull=True, owner_centre__isnull=True)
            | Q(owner_province_id__in=scope.province_ids_with_history)
            | Q(owner_centre_id__in=scope.centre_ids)
        )

    def search(self, text: str):
        return search_words(self, text)


class Programme(TimeStampedModel):
    """A training programme. Its content and rules live on its versions."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    audience = models.CharField(_("audience"), max_length=400, blank=True)
    party_audience = models.CharField(
        _("audience by party membership"), max_length=12, choices=PartyAudience.choices,
        default=PartyAudience.ANYONE,
        help_text=_("Enrolling someone outside this audience asks for a reason, which the history keeps."),
    )
    description = models.TextField(_("description"), blank=True)
    organiser_kind = models.CharField(
        _("organised by"), max_length=20, choices=OrganiserKind.choices, default=OrganiserKind.CENTRE
    )
    # Both empty: the national catalogue. A province's own entries, or one centre's local programme.
    owner_province = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("province catalogue"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    owner_centre = models.ForeignKey(
        "org.Centre", verbose_name=_("local programme of centre"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="local_programmes",
    )
    status = models.CharField(_("status"), max_length=10, choices=ProgrammeStatus.choices,
                              default=ProgrammeStatus.ACTIVE)
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    retired_reason = models.TextField(_("reason for retirement"), blank=True)
    search_text = models.CharField(max_length=800, editable=False, db_index=True)
    sort_key = models.CharField(max_length=1600, editable=False)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["sort_key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_province__isnull=True) | Q(owner_centre__isnull=True), name="programme_one_owner"
            ),
        ]
        indexes = [models.Index(fields=["category", "status"]), models.Index(fields=["owner_centre"])]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = search_key(f"{self.code} {self.name} {self.audience}")[:800]
        self.sort_key = collation_key(self.name)[:1600]
        super().save(*args, **kwargs)

    @property
    def level(self) -> str:
        if self.owner_centre_id:
            return "local"
        return "provincial" if self.owner_province_id else "national"

    @property
    def is_retired(self) -> bool:
        return self.status == ProgrammeStatus.RETIRED


class VersionQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def live(self):
        """Versions that can still be used or edited: not superseded nor retired."""
        return self.filter(status__in=[VersionStatus.DRAFT, VersionStatus.PUBLISHED])


class ProgrammeVersion(TimeStampedModel):
    """One issue of a programme: its topics in order and its rules (assessment, grading, completion,
    prerequisites, certificate). Once published or used by a class it is never edited, only superseded."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("label"), max_length=200, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=60, blank=True)
    document_date = models.DateField(_("document date"), null=True, blank=True)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    duration = models.CharField(_("duration"), max_length=100, blank=True)
    total_periods = models.PositiveIntegerField(_("total periods"), default=0)
    grading_scheme = models.CharField(_("grading scheme"), max_length=12, choices=GradingScheme.choices,
                                      default=GradingScheme.TEN_POINT)
    max_absence_percent = models.DecimalField(_("maximum share of absent sessions (%)"), max_digits=5,
                                              decimal_places=2, default=20)
    min_final_score = models.DecimalField(_("minimum final score"), max_digits=3, decimal_places=1, null=True,
                                          blank=True, default=5)
    certificate_type = models.CharField(_("certificate type"), max_length=25, choices=CertificateType.choices,
                                        default=CertificateType.CERTIFICATE)
    provisional = models.BooleanField(
        _("editable defaults"), default=False,
        help_text=_("Hours or titles are plausible defaults, not taken from the issuing document."),
    )
    notes = models.TextField(_("notes"), blank=True)
    based_on = models.ForeignKey("self", verbose_name=_("based on"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="derived")
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_version_number"),
            period_order("effective_from", "effective_to", name="version_effective_period"),
        ]
        indexes = [models.Index(fields=["programme", "status"])]
        verbose_name = _("programme version")
        verbose_name_plural = _("programme versions")

    def __str__(self) -> str:
        return f"{self.programme.code} v{self.number}"

    @property
    def issuing_document(self) -> str:
        return document_label(self.document_number, self.issuer, self.document_date)

    @property
    def in_use_by_classes(self) -> bool:
        # The classes of the training app point at their version (related_name "classes").
        return bool(self.pk and self.classes.exists())

    @property
    def is_locked(self) -> bool:
        """Only drafts that no class uses may be edited; everything else is superseded by a new version."""
        return self.status != VersionStatus.DRAFT or self.in_use_by_classes


class TopicQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(version__programme__in=Programme.objects.visible_to(user))


class Topic(models.Model):
    """A topic (chuyên đề), module or lesson of a version, with its hours split by kind of teaching."""

    version = models.ForeignKey(ProgrammeVersion, on_delete=models.CASCADE, related_name="topics")
    order = models.PositiveIntegerField(_("order"))
    code = models.CharField(_("code"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=400)
    outline = models.TextField(_("outline"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=600, blank=True,
                                help_text=_("Separated by semicolons."))
    lecture_periods = models.PositiveSmallIntegerField(_("lecture periods"), default=0)
    discussion_periods = models.PositiveSmallIntegerField(_("discussion / practice periods"), default=0)
    fieldwork_periods = models.PositiveSmallIntegerField(_("fieldwork periods"), default=0)
    # The same topic across versions keeps its lineage, so comparisons and overlap decisions carry over.
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="unique_topic_order")]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    @property
    def total_periods(self) -> int:
        return self.lecture_periods + self.discussion_periods + self.fieldwork_periods

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(";") if k.strip()]
