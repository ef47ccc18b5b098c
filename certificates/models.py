"""The certificate register (sổ cấp giấy chứng nhận): numbers run per centre and year and are never reused."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.models import TimeStampedModel, new_public_code


class CertificateRegister(models.Model):
    centre = models.ForeignKey(
        "org.Centre", verbose_name=_("centre"), on_delete=models.PROTECT, related_name="certificate_registers"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The next number to hand out. Issuing locks this row (SELECT … FOR UPDATE), so concurrent issuing
    # can neither skip nor repeat a number.
    next_number = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["centre", "year"], name="one_register_per_centre_year")]
        verbose_name = _("certificate register")
        verbose_name_plural = _("certificate registers")

    def __str__(self) -> str:
        return f"{self.centre} {self.year}"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        """Not revoked. Also reached from an enrolment (`enrolment.certificates.valid()`) by the apps below."""
        return self.filter(status=Certificate.Status.VALID)

    def visible_to(self, user):
        """The centre's staff, viewers and supervisors see its certificates; a learner sees only their own
        (not their classmates', which a class's visibility alone would allow)."""
        scope = scope_of(user)
        if scope.sees_everything:
            return self
        condition = Q(enrolment__klass__centre_id__in=scope.person_centre_ids)
        if scope.person_id:
            condition |= Q(enrolment__person_id=scope.person_id)
        return self.filter(condition)


class Certificate(TimeStampedModel):
    class Status(models.TextChoices):
        VALID = "valid", _("valid")
        REVOKED = "revoked", _("revoked")

    register = models.ForeignKey(CertificateRegister, on_delete=models.PROTECT, related_name="certificates")
    number = models.PositiveIntegerField(_("number"))
    enrolment = models.ForeignKey("training.Enrolment", on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_public_code, editable=False)
    issued_on = models.DateField(_("issued on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("re-issue of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    # What the certificate says, frozen when it is issued: later corrections to the person do not
    # silently change a document already handed out.
    learner_name = models.CharField(_("learner"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    programme_name = models.CharField(_("programme"), max_length=300)
    class_code = models.CharField(_("class"), max_length=40)
    class_start = models.DateField(_("from"))
    class_end = models.DateField(_("to"))
    classification = models.CharField(_("classification"), max_length=40, blank=True)
    centre_name = models.CharField(_("centre"), max_length=250)
    host_line = models.CharField(_("host party committee line"), max_length=250, blank=True)
    class_name = models.CharField(_("class name"), max_length=300, blank=True)
    signer_capacity = models.CharField(
        _("signing capacity"),
        max_length=150,
        blank=True,
        help_text=_("E.g. “KT. GIÁM ĐỐC” when a deputy signs for the director."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="certificate_number_once"),
            models.UniqueConstraint(fields=["enrolment"], condition=models.Q(status="valid"),
                                    name="one_valid_certificate_per_enrolment"),
        ]
        indexes = [models.Index(fields=["enrolment", "status"])]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.number_label

    @property
    def number_label(self) -> str:
        return f"{self.number:04d}/{self.register.year}" if self.register_id else str(self.number)
