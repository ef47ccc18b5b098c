"""The navigation menu, built from the user's roles so each role sees only what it can use."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.scope import scope_of

# (label, url name, predicate on the scope). Order is the menu's order.
MENU = [
    (_("Home"), "home", lambda s: True),
    (_("Centres"), "org:centre_list", lambda s: s.sees_everything or bool(s.centre_ids)),
    (_("Sending organisations"), "org:sending_org_list", lambda s: s.is_staff_of_some_centre),
    (_("Administrative units"), "org:unit_list", lambda s: s.is_staff_of_some_centre),
    (_("Persons"), "people:person_list", lambda s: s.is_staff_of_some_centre),
    (_("Staff"), "people:staff_list", lambda s: s.is_staff_of_some_centre),
    (_("Lecturers"), "people:lecturer_list", lambda s: s.is_staff_of_some_centre or s.has_role(Role.LECTURER)),
    (_("My record"), "people:my_record", lambda s: bool(s.person_id)),
    (_("Programmes"), "curriculum:programme_list", lambda s: s.authenticated),
    (_("Logins"), "accounts:user_list",
     lambda s: s.sees_everything or bool(s.province_ids) or s.has_role(Role.CENTRE_DIRECTOR)),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    scope = scope_of(user)
    current = request.path
    items = []
    for label, url_name, allowed in MENU:
        if allowed(scope):
            url = reverse(url_name)
            items.append({"label": label, "url": url, "active": url != "/" and current.startswith(url)})
    return {"menu": items, "scope": scope}
