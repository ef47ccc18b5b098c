"""The navigation menu, built from the user's roles so each role sees only what it can use.

Each entry asks the same predicate as the view it leads to (the app's `permissions` module, or a
named `Scope` predicate), so a menu entry never ends in a refusal.

Every rule reads only the login's scope and lecturer profile, both read from the tables the access token
follows (`accounts.access`), so the entries a login may use are worked out once per token: a role granted
or revoked changes the token and shows on the next page. A rule that needs anything else breaks that
promise; `tests/test_navigation.py` asks every rule with nothing but those two known and no query
allowed. The HTML for a given language, set of visible entries and current entry is rendered once per process.
"""

from functools import cache, lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.access import recall_for
from accounts.models import Role
from accounts.scope import scope_of
from facilities import permissions as facilities_permissions
from finance import permissions as finance_permissions
from org import agreements
from reports import permissions as reports_permissions
from standards import permissions as standards_permissions
from training import permissions as training_permissions


def _staff(s):
    return s.is_staff_of_some_centre


def _on_scope(predicate):
    """A menu rule from a predicate on the user's scope (the app's own rules take the user)."""
    return lambda user: predicate(scope_of(user))


@cache
def _url(name: str) -> str:
    """Menu targets have no arguments, so each is reversed once per process."""
    return reverse(name)


# Groups of (label, url name, rule on the user). A group with one visible entry is a plain link.
MENU = [
    (_("Training"), [
        (_("Director's view"), "training:dashboard", training_permissions.sees_centre_work),
        (_("Classes"), "training:class_list", training_permissions.reads_class_lists),
        (_("Annual plans"), "training:plan_list", _on_scope(_staff)),
        (_("Programmes"), "curriculum:programme_list", _on_scope(lambda s: s.authenticated)),
        (_("Certificate registers"), "certificates:register_list", _on_scope(_staff)),
        (_("My classes"), "training:my_classes", training_permissions.has_own_classes),
        (_("My schedule"), "training:my_schedule", training_permissions.has_lecturer_profile),
    ]),
    (_("Reports"), [
        (_("Dashboard"), "reports:dashboard", _on_scope(reports_permissions.reads_some_reports)),
        (_("Reports"), "reports:report_list", _on_scope(reports_permissions.reads_some_reports)),
        (_("Province roll-up"), "reports:rollup", _on_scope(reports_permissions.reads_some_rollup)),
        (_("Report kinds"), "reports:kind_list", _on_scope(reports_permissions.edits_report_kinds)),
    ]),
    (_("People"), [
        (_("Persons"), "people:person_list", _on_scope(_staff)),
        (_("Staff"), "people:staff_list", _on_scope(_staff)),
        (_("Lecturers"), "people:lecturer_list", _on_scope(lambda s: _staff(s) or s.has_role(Role.LECTURER))),
        (_("My record"), "people:my_record", _on_scope(lambda s: bool(s.person_id))),
    ]),
    (_("Lecturer work"), [
        (_("Teaching load"), "lecturers:centre_load", _on_scope(_staff)),
        (_("My teaching load"), "lecturers:my_load", training_permissions.has_lecturer_profile),
        (_("Load by centre"), "lecturers:province_load", _on_scope(lambda s: s.supervises_some_province)),
        (_("Payment sheets"), "lecturers:payment_list", _on_scope(_staff)),
        (_("Post standards"), "lecturers:centre_standards", _on_scope(_staff)),
        (_("Learner feedback"), "lecturers:centre_feedback", _on_scope(_staff)),
        (_("Feedback by centre"), "lecturers:province_feedback",
         _on_scope(lambda s: s.supervises_some_province)),
        (_("Teaching norms"), "lecturers:norm_table_list", _on_scope(_staff)),
        (_("Lecturer fee tables"), "lecturers:fee_table_list", _on_scope(_staff)),
    ]),
    (_("Organisation"), [
        (_("Centres"), "org:centre_list", _on_scope(lambda s: s.sees_some_centre)),
        (_("Sending organisations"), "org:sending_org_list", _on_scope(_staff)),
        (_("Coordination agreements"), "org:agreement_list", agreements.reads_agreements),
        (_("Administrative units"), "org:unit_list", _on_scope(_staff)),
        (_("Rooms"), "facilities:room_list", _on_scope(_staff)),
        (_("Equipment"), "facilities:equipment_list", facilities_permissions.reads_facilities),
        (_("Facilities standard"), "facilities:standard", facilities_permissions.reads_facilities),
    ]),
    (_("Finance"), [
        (_("Yearly budgets"), "finance:budget_list", finance_permissions.reads_finance),
        (_("Cost rules"), "finance:cost_rules", finance_permissions.reads_finance),
        (_("Centres compared"), "finance:comparison", finance_permissions.compares_centres),
    ]),
    (_("Standardisation"), [
        (_("Where the province stands"), "standards:province", standards_permissions.sees_province_standing),
        (_("Self-assessments"), "standards:assessment_list", standards_permissions.reads_assessments),
        (_("Criteria frameworks"), "standards:framework_list", standards_permissions.reads_frameworks),
    ]),
    (_("Administration"), [
        (_("Logins"), "accounts:user_list",
         _on_scope(lambda s: s.grants_roles)),
        (_("Login locks"), "accounts:login_locks", _on_scope(lambda s: s.sees_everything)),
        (_("API tokens"), "accounts:api_tokens", _on_scope(lambda s: s.is_staff_of_some_centre)),
    ]),
]


def _visible_entries(user) -> tuple[tuple[int, int], ...]:
    """(group, entry) positions of the entries the user may use; each distinct rule is asked once."""
    verdicts = {}
    shown = []
    for g, (_label, entries) in enumerate(MENU):
        for i, (_item_label, _url_name, allowed) in enumerate(entries):
            verdict = verdicts.get(allowed)
            if verdict is None:
                verdict = verdicts[allowed] = bool(allowed(user))
            if verdict:
                shown.append((g, i))
    return tuple(shown)


@lru_cache(maxsize=2048)
def _rendered(language: str, shown: tuple[tuple[int, int], ...], active: frozenset[tuple[int, int]],
              home_active: bool) -> str:
    """The menu's HTML for one set of entries in one language with one entry current. Its inputs are
    the whole of what it shows (the rules were asked for this request), so it is rendered once."""
    groups = {}
    for g, i in shown:
        label, url_name, _allowed = MENU[g][1][i]
        groups.setdefault(g, []).append({"label": label, "url": _url(url_name), "active": (g, i) in active})
    menu = [{"label": MENU[g][0], "items": items, "active": any(item["active"] for item in items)}
            for g, items in groups.items()]
    return render_to_string("_mainnav.html", {"menu": menu, "home_active": home_active})


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"mainnav": ""}
    scope = scope_of(user)
    current = request.path
    # By day as the scope is: a role's last day ends at midnight without any change to the tables.
    shown = recall_for(user, ("menu", timezone.localdate()), lambda: _visible_entries(user))
    active = frozenset((g, i) for g, i in shown if current.startswith(_url(MENU[g][1][i][1])))
    render = _rendered.__wrapped__ if settings.DEBUG else _rendered  # templates edited in development show
    return {"mainnav": render(get_language(), shown, active, current == "/"), "scope": scope}
