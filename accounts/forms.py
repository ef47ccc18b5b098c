from functools import lru_cache

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, centre_model, person_model, unit_model
from accounts.scope import scope_of


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    # Querysets are set per user in __init__ (the org models are reached through accounts' own keys).
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=None, required=False)
    province = forms.ModelChoiceField(label=_("Province"), queryset=None, required=False)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False,
                             help_text=_("E.g. the decision that assigns the role; kept in the login's history."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        Centre, Unit = centre_model(), unit_model()  # noqa: N806 - model classes
        self.fields["centre"].queryset = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
        provinces = Unit.objects.filter(level=Unit.Level.PROVINCE).current()
        if not scope.sees_everything:
            provinces = provinces.filter(pk__in=scope.province_ids)
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.SYSTEM_ADMIN]
        self.fields["province"].queryset = provinces


class UserCreateForm(RoleForm):
    username = forms.RegexField(label=_("Username"), regex=r"^[\w.@+-]{3,150}$", max_length=150,
                                error_messages={"invalid": _("Use 3–150 letters, digits or . @ + - _ without spaces.")})
    last_name = forms.CharField(label=_("Family and middle name"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput(render_value=False))
    person = forms.IntegerField(label=_("Person number (for lecturers and learners)"), required=False)

    field_order = ["username", "last_name", "first_name", "email", "password", "role", "centre", "province", "person"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.user = user

    def clean_person(self):
        value = self.cleaned_data.get("person")
        if not value:
            return None
        person = person_model().objects.visible_to(self.user).filter(pk=value).first()
        if person is None:
            raise forms.ValidationError(_("No person with this number in your scope."))
        return person


@lru_cache(maxsize=16)
def _password_rules_html(language: str) -> str:
    return str(password_validators_help_text_html())


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """Django's form with the password rules' help text worked out once per language: Django's is lazy and is
    worked out again each time a page asks for it (three times per page, each asking every validator)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = _password_rules_html(get_language())
