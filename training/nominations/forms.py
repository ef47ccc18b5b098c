"""Forms of the nomination pages, and reading the preview's decisions back from a POST."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from org.models import SendingOrganisation
from training.nominations.enrolment import sending_organisations
from training.nominations.services import Choices

_FIX = re.compile(r"fix-(\d+)-([a-z_]+)")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Nomination list (.xlsx)"))
    sending_organisation = forms.ModelChoiceField(
        label=_("Sending organisation"), queryset=SendingOrganisation.objects.none(), required=False,
        help_text=_("Recorded on the enrolments and on the persons registered from this list."),
    )

    def __init__(self, *args, user, klass, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sending_organisation"].queryset = sending_organisations(user, klass)
        self.fields["file"].widget.attrs["accept"] = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    to_klass = forms.ChoiceField(label=_("Move to class"))
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    override_reason = forms.CharField(
        label=_("Reason for an exception"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if the learner does not meet a rule of the new class (places, prerequisites …)."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {str(k.pk): k for k in targets}
        self.fields["to_klass"].choices = [("", "—")] + [
            (str(k.pk), f"{k.code} – {k.name} ({k.start_date:%d/%m/%Y})") for k in self.targets.values()
        ]

    def clean_to_klass(self):
        return self.targets[self.cleaned_data["to_klass"]]


def _rows(values) -> set[int]:
    return {int(v) for v in values if str(v).isdigit()}


def choices_from_post(post) -> Choices:
    """The decisions the preview form carries: skipped rows, consents, links, overrides, fixed cells."""
    reason = (post.get("override_reason") or "").strip()
    links = {}
    for key, value in post.items():
        if key.startswith("link-") and key[5:].isdigit() and str(value).isdigit():
            links[int(key[5:])] = int(value)
    fixes: dict[int, dict[str, str]] = {}
    for key, value in post.items():
        match = _FIX.fullmatch(key)
        if match:
            fixes.setdefault(int(match.group(1)), {})[match.group(2)] = value.strip()
    return Choices(
        skipped=_rows(post.getlist("skip")),
        consented=_rows(post.getlist("consent")),
        consent_all=post.get("consent_all") == "1",
        links=links,
        overrides={row: reason for row in _rows(post.getlist("override"))} if reason else {},
        fixes=fixes,
        warning_reason=(post.get("warning_reason") or "").strip(),
    )


def cell_text(value) -> str:
    """A cell as the user would type it again: dates dd/mm/yyyy, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
