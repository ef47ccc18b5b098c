"""One demo login per role, all with the same documented password."""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import Role, RoleAssignment, User
from demo.province import DemoProvince
from people.models import Person

DEMO_PASSWORD = "ttct-demo-2026"
HOME = "TQ-X-YENSON"  # the commune-cluster centre that continued the district centre of Yên Sơn
OTHER = "TQ-X-HAMYEN"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    centre: str = ""  # centre code, or "" for a province or system role
    province: bool = False
    person_slot: str = ""  # demo.staff roster slot of the linked person
    superuser: bool = False


DEMO_LOGINS = [
    DemoLogin("admin", Role.SYSTEM_ADMIN, superuser=True),
    DemoLogin("tinh", Role.PROVINCE_SUPERVISOR, province=True),
    DemoLogin("giamdoc", Role.CENTRE_DIRECTOR, HOME, person_slot=f"{HOME}:director"),
    DemoLogin("daotao", Role.TRAINING_OFFICER, HOME, person_slot=f"{HOME}:officer"),
    DemoLogin("giangvien", Role.LECTURER, HOME, person_slot=f"{HOME}:lecturer"),
    DemoLogin("hocvien", Role.LEARNER, HOME, person_slot=f"{HOME}:learner"),
    DemoLogin("xem", Role.VIEWER, HOME),
    DemoLogin("daotao2", Role.TRAINING_OFFICER, OTHER, person_slot=f"{OTHER}:officer"),
]


def build_logins(demo: DemoProvince, persons: dict[str, Person], *, password: str = DEMO_PASSWORD) -> list[tuple]:
    """Create or refresh the demo users; return table rows (username, role, scope, password).

    The password is set on every run so the printed table is always true, even after someone
    changed a demo password through the interface.
    """
    users = {u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_LOGINS])}
    have = set(RoleAssignment.objects.filter(user__username__in=[d.username for d in DEMO_LOGINS])
               .values_list("user__username", "role", "centre_id", "province_id"))
    table = []
    for login in DEMO_LOGINS:
        person = persons.get(login.person_slot)
        user = users.get(login.username) or User(username=login.username)
        user.person = person
        if person:
            user.last_name, user.first_name = person.family_name, f"{person.middle_name} {person.given_name}".strip()
        else:
            user.last_name, user.first_name = "Tài khoản thử", login.username
        user.is_staff = user.is_superuser = login.superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        centre = demo.centres[login.centre] if login.centre else None
        province = demo.province if login.province else None
        key = (login.username, login.role, centre.pk if centre else None, province.pk if province else None)
        if key not in have:
            RoleAssignment.objects.create(user=user, role=login.role, centre=centre, province=province)
        scope = centre.name if centre else (province.name if province else "toàn hệ thống")
        table.append((login.username, f"{Role(login.role).label} ({login.role})", scope, password))
    return table
