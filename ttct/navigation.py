"""The navigation menu, built from the user's roles so each role sees only what it can use."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.scope import scope_of


def _staff(s):
    return s.is_staff_of_some_centre


# Groups of (label, url name, predicate on the scope). A group with one visible entry is a plain link.
MENU = [
    (_("Training"), [
        (_("Director's view"), "training:dashboard", _staff),
        (_("Classes"), "training:class_list", lambda s: s.authenticated),
        (_("Annual plans"), "training:plan_list", _staff),
        (_("Programmes"), "curriculum:programme_list", lambda s: s.authenticated),
        (_("Certificate registers"), "certificates:register_list", _staff),
        (_("My classes"), "training:my_classes", lambda s: s.has_role(Role.LEARNER)),
        (_("My schedule"), "training:my_schedule", lambda s: s.has_role(Role.LECTURER)),
    ]),
    (_("Reports"), [
        (_("Dashboard"), "reports:dashboard", _staff),
        (_("Reports"), "reports:report_list", _staff),
        (_("Province roll-up"), "reports:rollup", lambda s: s.supervises_some_province),
        (_("Report kinds"), "reports:kind_list", lambda s: s.sees_everything),
    ]),
    (_("People"), [
        (_("Persons"), "people:person_list", _staff),
        (_("Staff"), "people:staff_list", _staff),
        (_("Lecturers"), "people:lecturer_list", lambda s: _staff(s) or s.has_role(Role.LECTURER)),
        (_("My record"), "people:my_record", lambda s: bool(s.person_id)),
    ]),
    (_("Organisation"), [
        (_("Centres"), "org:centre_list", lambda s: s.sees_some_centre),
        (_("Sending organisations"), "org:sending_org_list", _staff),
        (_("Administrative units"), "org:unit_list", _staff),
        (_("Rooms"), "facilities:room_list", _staff),
    ]),
    (_("Administration"), [
        (_("Logins"), "accounts:user_list",
         lambda s: s.grants_roles),
    ]),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    scope = scope_of(user)
    current = request.path
    groups = []
    for label, entries in MENU:
        items = []
        for item_label, url_name, allowed in entries:
            if allowed(scope):
                url = reverse(url_name)
                items.append({"label": item_label, "url": url, "active": current.startswith(url)})
        if items:
            groups.append({"label": label, "items": items, "active": any(i["active"] for i in items)})
    return {"menu": groups, "scope": scope}
