"""Forms of the results pages: correcting a locked score, the recognition decision's number and date."""

from django import forms
from django.utils.translation import gettext_lazy

from core.forms import DateField


class CorrectionForm(forms.Form):
    value = forms.CharField(
        label=gettext_lazy("New score"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 5}),
        help_text=gettext_lazy("Leave blank to remove the score."),
    )
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}))


class RecognitionForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Decision number"), max_length=60, help_text=gettext_lazy("For example 15-QĐ/TTCT.")
    )
    date = DateField(
        label=gettext_lazy("Decision date"),
        required=False,
        help_text=gettext_lazy("Leave blank to print a date line to fill in by hand."),
    )
