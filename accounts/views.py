from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import services, throttle
from accounts.forms import PasswordChangeForm, RoleForm, UserCreateForm
from accounts.models import ApiToken, LoginLock, Role, RoleAssignment
from accounts.scope import scope_of
from core.http import client_address
from core.listing import Filter, ListSpec, build_list
from core.views import apply_validation_error


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        if throttle.is_locked(username, client_address(request)):
            form = self.get_form()
            form.errors.clear()
            form.add_error(None, _("Too many failed attempts. Please wait 15 minutes and try again."))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.register_failure(self.request.POST.get("username", ""), client_address(self.request))
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.reset(form.get_user().username, client_address(self.request))
        messages.success(self.request, _("Welcome, %(name)s.") % {"name": form.get_user().display_name})
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    pass


# ------------------------------------------------------------------------------- user management

def _require_user_manager(user):
    scope = scope_of(user)
    if not scope.grants_roles:
        raise PermissionDenied


USER_LIST = ListSpec(
    sorts={
        "username": (gettext_lazy("Username"), "username"),
        "name": (gettext_lazy("Name"), "first_name"),
        "last_login": (gettext_lazy("Last login"), "last_login"),
    },
    default_sort="username",
    search=lambda qs, text: qs.filter(Q(username__icontains=text) | Q(first_name__icontains=text)
                                      | Q(last_name__icontains=text)),
    filters=[
        Filter("role", gettext_lazy("Role"), Role.choices, lambda qs, v: qs.filter(role_assignments__role=v).distinct()),
        Filter("active", gettext_lazy("Status"), [("yes", gettext_lazy("active")), ("no", gettext_lazy("locked"))],
               lambda qs, v: qs.filter(is_active=(v == "yes"))),
    ],
)


@login_required
def user_list(request):
    _require_user_manager(request.user)
    queryset = services.users_visible_to(request.user).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related("centre", "province"))
    )
    return render(request, "accounts/user_list.html", build_list(request, queryset, USER_LIST))


@login_required
def user_create(request):
    _require_user_manager(request.user)
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.create_user(
                actor=request.user, username=data["username"], first_name=data["first_name"],
                last_name=data["last_name"], email=data["email"], password=data["password"], role=data["role"],
                centre=data["centre"], province=data["province"], person=data["person"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Login %(name)s created.") % {"name": created.username})
            return redirect("accounts:user_detail", pk=created.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("New login")})


@login_required
def user_detail(request, pk: int):
    _require_user_manager(request.user)
    account = get_object_or_404(services.users_visible_to(request.user), pk=pk)
    form = RoleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_role(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:user_detail", pk=account.pk)
    assignments = account.role_assignments.select_related("centre", "province")
    context = {
        "account": account,
        "assignments": [
            (a, services.can_grant(request.user, a.role, centre=a.centre, province=a.province)) for a in assignments
        ],
        "form": form,
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def role_revoke(request, pk: int, assignment_pk: int):
    _require_user_manager(request.user)
    account = get_object_or_404(services.users_visible_to(request.user), pk=pk)
    assignment = get_object_or_404(account.role_assignments.select_related("centre", "province"), pk=assignment_pk)
    services.revoke_role(actor=request.user, assignment=assignment)
    messages.success(request, _("Role removed."))
    return redirect("accounts:user_detail", pk=account.pk)


@login_required
@require_POST
def user_set_active(request, pk: int):
    _require_user_manager(request.user)
    account = get_object_or_404(services.users_visible_to(request.user), pk=pk)
    active = request.POST.get("active") == "1"
    services.set_active(actor=request.user, user=account, active=active)
    messages.success(request, _("Login unlocked.") if active else _("Login locked."))
    return redirect("accounts:user_detail", pk=account.pk)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password was changed."))
        return super().form_valid(form)


# ------------------------------------------------------------------------------- login locks

def _require_administrator(user) -> None:
    if not scope_of(user).sees_everything:
        raise PermissionDenied


@login_required
def login_locks(request):
    """The login locks in force: which account or address, since when, until when; each can be lifted."""
    _require_administrator(request.user)
    return render(request, "accounts/login_locks.html", {"locks": throttle.active_locks()})


@login_required
@require_POST
def login_lock_lift(request, pk: int):
    _require_administrator(request.user)
    lock = get_object_or_404(LoginLock, pk=pk)
    services.record_lock_lifted(actor=request.user, lock=lock)
    throttle.lift(lock)
    messages.success(request, _("The lock was lifted."))
    return redirect("accounts:login_locks")


# ------------------------------------------------------------------------------- API tokens

@login_required
def api_tokens(request):
    """The user's API tokens (an administrator sees everyone's): create one, shown once; revoke any."""
    everyone = scope_of(request.user).sees_everything
    new_token = None
    if request.method == "POST":
        name = (request.POST.get("name") or "").strip()[:100]
        try:
            days = int(request.POST.get("days") or ApiToken.DEFAULT_DAYS)
        except ValueError:
            days = ApiToken.DEFAULT_DAYS
        token, new_token = services.issue_api_token(actor=request.user, name=name, days=days)
    tokens = ApiToken.objects.filter(revoked=False).select_related("user").order_by("-created_at")
    if not everyone:
        tokens = tokens.filter(user=request.user)
    return render(request, "accounts/api_tokens.html", {"tokens": tokens, "new_token": new_token, "everyone": everyone,
                                                        "default_days": ApiToken.DEFAULT_DAYS,
                                                        "max_days": ApiToken.MAX_DAYS})


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    tokens = ApiToken.objects.filter(revoked=False)
    if not scope_of(request.user).sees_everything:
        tokens = tokens.filter(user=request.user)
    services.revoke_api_token(actor=request.user, token=get_object_or_404(tokens, pk=pk))
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:api_tokens")
