"""The one vocabulary of access: what part of the organisation tree a user may see and change.

A `Scope` is a plain value computed once per request by `accounts.scope.scope_of(user)` (and remembered between
requests while nothing it is read from changes, `accounts.access`) from the user's
current role assignments. Every access rule of every app is one of its named predicates, so the rule is
written once and menus, buttons, views and the API ask the same question. This module imports no app:
roles are the string values of `accounts.models.Role`, and every id set is precomputed by accounts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    authenticated: bool = False
    sees_everything: bool = False
    roles: frozenset[str] = frozenset()
    # Provinces supervised (current units); with their pre-2025 predecessors, and the provinces of the
    # visible centres, in province_ids_with_history.
    province_ids: frozenset[int] = frozenset()
    province_ids_with_history: frozenset[int] = frozenset()
    # Centres visible: those assigned, those of supervised provinces, and their predecessors.
    centre_ids: frozenset[int] = frozenset()
    # Centres whose records the user may change (director, training officer), with predecessors.
    editable_centre_ids: frozenset[int] = frozenset()
    # Centres the user directs, with the predecessors whose records the director inherited.
    directed_centre_ids: frozenset[int] = frozenset()
    # Centres whose persons the user sees (staff, viewers, supervisors; not lecturer/learner alone).
    person_centre_ids: frozenset[int] = frozenset()
    # Lecturer and learner roles: the user's own person record.
    person_id: int | None = None
    # Citizen IDs and birth dates: decided by accounts from the roles, read here.
    personal_data: bool = False

    # --- roles -------------------------------------------------------------------------------------
    def has_role(self, *roles: str) -> bool:
        return self.sees_everything or bool(self.roles.intersection(roles))

    # --- centres -----------------------------------------------------------------------------------
    @property
    def sees_some_centre(self) -> bool:
        return self.sees_everything or bool(self.centre_ids)

    def sees_centre(self, centre_id: int | None) -> bool:
        return self.sees_everything or (centre_id is not None and centre_id in self.centre_ids)

    def sees_people_of(self, centre_id: int | None) -> bool:
        """Reads the centre's persons, classes' grids, registers: its staff, viewers and supervisors."""
        return self.sees_everything or (centre_id is not None and centre_id in self.person_centre_ids)

    def edits(self, centre_id: int | None) -> bool:
        """Changes the centre's records: its director and training officers (and administrators)."""
        return self.sees_everything or (centre_id is not None and centre_id in self.editable_centre_ids)

    @property
    def edits_some_centre(self) -> bool:
        return self.sees_everything or bool(self.editable_centre_ids)

    def directs(self, centre_id: int | None) -> bool:
        """Approves and signs for the centre (or a centre it continued); administrators may stand in."""
        return self.sees_everything or (centre_id is not None and centre_id in self.directed_centre_ids)

    def manages(self, centre_id: int | None, province_id: int | None) -> bool:
        """Keeps a centre's own register (its organisations, local programmes, its page): the centre's
        editors, or the supervisors of the province it is in."""
        return self.edits(centre_id) or self.supervises(province_id)

    @property
    def directs_some_centre(self) -> bool:
        return self.sees_everything or bool(self.directed_centre_ids)

    @property
    def is_staff_of_some_centre(self) -> bool:
        """Pages about a centre's people and organisations: staff, viewers and supervisors."""
        return self.sees_everything or bool(self.person_centre_ids)

    # --- provinces ---------------------------------------------------------------------------------
    def supervises(self, province_id: int | None) -> bool:
        """Province supervisors keep the register of centres and province-wide organisations."""
        return self.sees_everything or (province_id is not None and bool(self.province_ids)
                                        and province_id in self.province_ids_with_history)

    @property
    def supervises_some_province(self) -> bool:
        return self.sees_everything or bool(self.province_ids)

    @property
    def grants_roles(self) -> bool:
        """Manages logins: supervisors in their province, directors at their centre (accounts/services.py
        decides which roles each may grant)."""
        return self.supervises_some_province or self.directs_some_centre

    # --- personal data -----------------------------------------------------------------------------
    @property
    def sees_personal_data(self) -> bool:
        return self.sees_everything or self.personal_data

    # Older names, kept while callers move to the vocabulary above.
    def can_edit_centre(self, centre_id: int | None) -> bool:
        return self.edits(centre_id)

    def can_manage_province(self, province_id: int | None) -> bool:
        return self.supervises(province_id)


ANONYMOUS = Scope()
