"""Managing logins and their roles. Who may grant what is decided here, in one place."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import ROLES_ON_CENTRE, ROLES_ON_PROVINCE, ApiToken, Role, RoleAssignment, User
from accounts.scope import scope_of
from core.audit import record
from core.models import AuditEvent
from core.services import require

# Roles a centre director may hand out at their own centre.
DIRECTOR_GRANTS = {Role.TRAINING_OFFICER, Role.LECTURER, Role.LEARNER, Role.VIEWER}


def can_grant(actor, role: str, *, centre=None, province=None) -> bool:
    scope = scope_of(actor)
    if scope.sees_everything:
        return True
    if role == Role.SYSTEM_ADMIN:
        return False
    if centre is not None:
        if scope.supervises(centre.province_id):
            return role in ROLES_ON_CENTRE
        return scope.directs(centre.pk) and role in DIRECTOR_GRANTS
    if province is not None:
        return role == Role.VIEWER and scope.supervises(province.pk)
    return False


def users_visible_to(actor):
    """Logins with a role somewhere inside the actor's part of the tree (and the actor)."""
    scope = scope_of(actor)
    if scope.sees_everything:
        return User.objects.all()
    managed_centres = set(scope.editable_centre_ids)
    if scope.supervises_some_province:
        managed_centres |= set(scope.centre_ids)
    condition = Q(role_assignments__centre_id__in=managed_centres) | Q(pk=actor.pk)
    if scope.supervises_some_province:
        condition |= Q(role_assignments__province_id__in=scope.province_ids_with_history)
    return User.objects.filter(condition).distinct()


def _validate_node(role: str, centre, province) -> None:
    if role == Role.SYSTEM_ADMIN:
        if centre or province:
            raise ValidationError({"role": _("The system administrator role is not tied to a centre or province.")})
        return
    if centre is None and province is None:
        raise ValidationError({"centre": _("Choose the centre or province this role applies to.")})
    if centre is not None and province is not None:
        raise ValidationError({"centre": _("A role applies to a centre or to a province, not both.")})
    if centre is not None and role not in ROLES_ON_CENTRE:
        raise ValidationError({"centre": _("This role is assigned on a province, not a centre.")})
    if province is not None and role not in ROLES_ON_PROVINCE:
        raise ValidationError({"province": _("This role is assigned on a centre, not a province.")})


def _roles(user: User) -> list[str]:
    return sorted(str(a) for a in user.role_assignments.filter(valid_to__isnull=True).select_related("centre", "province"))


@transaction.atomic
def grant_role(*, actor, user: User, role: str, centre=None, province=None, reason: str = "") -> RoleAssignment:
    _validate_node(role, centre, province)
    require(can_grant(actor, role, centre=centre, province=province))
    if role in (Role.LECTURER, Role.LEARNER) and not user.person_id:
        raise ValidationError({"role": _("Link the login to a person record before giving it this role.")})
    exists = RoleAssignment.objects.filter(user=user, role=role, centre=centre, province=province, valid_to__isnull=True)
    if exists.exists():
        raise ValidationError({"role": _("This login already has this role there.")})
    before = _roles(user)
    assignment = RoleAssignment.objects.create(user=user, role=role, centre=centre, province=province)
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=user, before={"roles": before},
           after={"roles": _roles(user), "role_granted": str(assignment)}, reason=(reason or "").strip())
    return assignment


@transaction.atomic
def revoke_role(*, actor, assignment: RoleAssignment) -> None:
    require(can_grant(actor, assignment.role, centre=assignment.centre, province=assignment.province))
    label = str(assignment)
    user = assignment.user
    before = _roles(user)
    assignment.delete()
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=user, before={"roles": before, "role_revoked": label},
           after={"roles": _roles(user)})


@transaction.atomic
def create_user(*, actor, username: str, first_name: str, last_name: str, email: str, password: str,
                role: str, centre=None, province=None, person=None) -> User:
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    if person is not None and User.objects.filter(person=person).exists():
        raise ValidationError({"person": _("This person already has a login.")})
    candidate = User(username=username, first_name=first_name, last_name=last_name, email=email, person=person)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        raise ValidationError({"password": error.messages})
    candidate.set_password(password)
    candidate.save()
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=candidate,
           after={"username": username, "person": person.pk if person else None})
    grant_role(actor=actor, user=candidate, role=role, centre=centre, province=province)
    return candidate


@transaction.atomic
def set_active(*, actor, user: User, active: bool) -> None:
    scope = scope_of(actor)
    require(user.pk != actor.pk)
    require(scope.sees_everything or all(
        can_grant(actor, a.role, centre=a.centre, province=a.province) for a in user.role_assignments.select_related("centre")
    ))
    user.is_active = active
    user.save(update_fields=["is_active"])
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=user, after={"is_active": active})


def record_lock_lifted(*, actor, lock) -> None:
    """The audit of an administrator lifting a login lock (the lock row itself is gone)."""
    record(actor=actor, action=AuditEvent.Action.OTHER, obj=lock,
           before={"kind": lock.kind, "username": lock.username, "address": lock.address, "failures": lock.failures},
           reason=_("Login lock lifted."))


def issue_api_token(*, actor, name: str = "", days: int | None = None):
    """A token for the actor's own scripts; returns (token, the raw value shown once)."""
    token, raw = ApiToken.issue(actor, name=name, days=days)
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=token,
           after={"name": token.name, "prefix": token.prefix, "expires_at": token.expires_at.isoformat()})
    return token, raw


def revoke_api_token(*, actor, token) -> None:
    require(token.user_id == actor.pk or scope_of(actor).sees_everything)
    ApiToken.objects.filter(pk=token.pk).update(revoked=True)
    record(actor=actor, action=AuditEvent.Action.UPDATE, obj=token, before={"revoked": False},
           after={"revoked": True})
