"""Form helpers: dd/mm/yyyy date inputs and Vietnamese-friendly defaults."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A text input that shows and accepts dd/mm/yyyy (native date pickers would show the browser's locale)."""

    def __init__(self, attrs=None):
        base = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", "pattern": r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"}
        super().__init__(attrs={**base, **(attrs or {})}, format="%d/%m/%Y")


class DateField(forms.DateField):
    widget = DateInput
    default_error_messages = {"invalid": _("Enter a real date as dd/mm/yyyy.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"])
        super().__init__(**kwargs)


def use_vn_dates(form: forms.Form) -> None:
    """Swap every date field of a ModelForm for the dd/mm/yyyy field, keeping label and requiredness."""
    for name, field in list(form.fields.items()):
        if isinstance(field, forms.DateField) and not isinstance(field, DateField):
            form.fields[name] = DateField(required=field.required, label=field.label, help_text=field.help_text,
                                          initial=field.initial)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=True)
