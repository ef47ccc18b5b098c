"""Forms of the reports pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from org.models import Centre
from reports.models import ReportKind
from reports.sections import LABELS, ORDER, TABLES, TEXTS


class GenerateForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none())
    kind = forms.ModelChoiceField(label=_("Report kind"), queryset=ReportKind.objects.filter(active=True))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(label=_("Quarter or half"), min_value=1, max_value=4, required=False, initial=1,
                                help_text=_("Quarter 1–4 for a quarterly report, 1–2 for a six-monthly one."))
    start_date = DateField(label=_("From (ad hoc report)"), required=False)
    end_date = DateField(label=_("To (ad hoc report)"), required=False)

    def __init__(self, *args, centres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres
        if centres.count() == 1:
            self.fields["centre"].initial = centres.first()
        self.fields["year"].initial = timezone.localdate().year


class TextsForm(forms.Form):
    """One text area per text section of the report's kind."""

    def __init__(self, *args, keys: list[str], mandatory: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        for key in keys:
            label = f"{LABELS[key]}{' *' if key in mandatory else ''}"
            self.fields[key] = forms.CharField(label=label, required=False, help_text=TEXTS[key].hint,
                                               widget=forms.Textarea(attrs={"rows": 5}))


class CorrectionForm(forms.Form):
    reason = forms.CharField(label=_("Why is the report corrected?"), widget=forms.Textarea(attrs={"rows": 2}))


SECTION_CHOICES = [(key, LABELS[key]) for key in ORDER]
TEXT_CHOICES = [(key, LABELS[key]) for key in TEXTS]


class KindForm(forms.ModelForm):
    sections = forms.MultipleChoiceField(label=_("Sections"), choices=SECTION_CHOICES, required=False,
                                         widget=forms.CheckboxSelectMultiple)
    mandatory = forms.MultipleChoiceField(label=_("Text sections that must be written before submitting"),
                                          choices=TEXT_CHOICES, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ReportKind
        fields = ["name", "period_type", "deadline_days", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            rows = list(self.instance.sections.all())
            self.fields["sections"].initial = [s.key for s in rows]
            self.fields["mandatory"].initial = [s.key for s in rows if s.mandatory]
            if self.instance.reports.exists():
                # Existing reports were generated for this period type.
                self.fields["period_type"].disabled = True

    def clean(self):
        data = super().clean()
        chosen = set(data.get("sections") or [])
        if not chosen & set(TABLES) and not chosen & set(TEXTS):
            self.add_error("sections", _("Choose at least one section."))
        extra = set(data.get("mandatory") or []) - chosen
        if extra:
            self.add_error("mandatory", _("A mandatory text section must also be one of the kind's sections."))
        return data
