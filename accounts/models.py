"""Users, roles on the organisation tree, and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. `person` links a lecturer's or learner's account to their record in the registry."""

    person = models.OneToOneField(
        "people.Person", verbose_name=_("person"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="user_account",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        """Vietnamese order: family and middle name (`last_name`) before the given name (`first_name`)."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class AccessVersion(models.Model):
    """One row whose token changes with every change to what decides a login's access (accounts.access):
    database triggers on the tables of `accounts.access.ACCESS_TABLES` give it a new random value."""

    token = models.BigIntegerField()

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="access_version_single_row")]

    def __str__(self) -> str:
        return str(self.token)


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("system administrator")
    PROVINCE_SUPERVISOR = "province_supervisor", _("province supervisor")
    CENTRE_DIRECTOR = "centre_director", _("centre director")
    TRAINING_OFFICER = "training_officer", _("training officer")
    LECTURER = "lecturer", _("lecturer")
    LEARNER = "learner", _("learner")
    VIEWER = "viewer", _("party committee viewer")


# Which node of the tree each role is assigned on.
ROLES_ON_PROVINCE = {Role.PROVINCE_SUPERVISOR, Role.VIEWER}
ROLES_ON_CENTRE = {Role.CENTRE_DIRECTOR, Role.TRAINING_OFFICER, Role.LECTURER, Role.LEARNER, Role.VIEWER}


class RoleAssignmentQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None) -> RoleAssignmentQuerySet:
        """Assignments in force on a day (today, in the site's time zone, by default)."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    province = models.ForeignKey(
        "org.AdministrativeUnit", verbose_name=_("province"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    centre = models.ForeignKey(
        "org.Centre", verbose_name=_("centre"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            # A role sits on at most one node: a province or a centre, never both.
            models.CheckConstraint(
                condition=Q(province__isnull=True) | Q(centre__isnull=True), name="role_on_one_node"
            ),
        ]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")

    def __str__(self) -> str:
        node = self.centre or self.province or ""
        return f"{self.get_role_display()} {node}".strip()


def _password_mark(user) -> str:
    return hashlib.sha256(("ttct-token:" + (user.password or "")).encode()).hexdigest()


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for scripts. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    # Which password the token was issued under: a change of password (by any path) ends the token.
    password_mark = models.CharField(max_length=64, blank=True, editable=False)

    DEFAULT_DAYS = 90
    MAX_DAYS = 365

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user: User, name: str = "", days: int | None = None) -> tuple[ApiToken, str]:
        raw = "ttct_" + secrets.token_urlsafe(32)
        days = min(max(int(days or cls.DEFAULT_DAYS), 1), cls.MAX_DAYS)
        token = cls.objects.create(user=user, name=name, prefix=raw[:12], key_hash=_hash_token(raw),
                                   expires_at=timezone.now() + dt.timedelta(days=days),
                                   password_mark=_password_mark(user))
        return token, raw

    @classmethod
    def find_active(cls, raw: str) -> ApiToken | None:
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=_hash_token(raw), revoked=False, user__is_active=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))
            .first()
        )
        if token is None or token.password_mark != _password_mark(token.user):
            return None
        return token


class LoginLock(models.Model):
    """A login lock the throttle set, so administrators can see it and lift it.

    The counters themselves live in the shared cache (accounts.throttle); this row says which one
    passed its limit, until when.
    """

    class Kind(models.TextChoices):
        PAIR = "pair", _("account from this address")
        ACCOUNT = "account", _("account, from new addresses")
        ADDRESS = "address", _("address, for accounts new to it")

    kind = models.CharField(_("lock"), max_length=10, choices=Kind.choices)
    username = models.CharField(_("username"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=64, blank=True)
    failures = models.PositiveIntegerField(_("failed attempts"), default=0)
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)
    locked_until = models.DateTimeField(_("locked until"), db_index=True)

    class Meta:
        ordering = ["-locked_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "username", "address"], name="one_login_lock")]
        verbose_name = _("login lock")
        verbose_name_plural = _("login locks")

    def __str__(self) -> str:
        return f"{self.kind} {self.username} {self.address}".strip()
# accounts sits below org and people in the layers, so it never imports them. Where it must query
# their tables (a user's scope, the role and login forms), it reaches the models through its own
# foreign keys, which are the declared link between the apps.
def centre_model():
    return RoleAssignment._meta.get_field("centre").related_model


def unit_model():
    return RoleAssignment._meta.get_field("province").related_model


def person_model():
    return User._meta.get_field("person").related_model
