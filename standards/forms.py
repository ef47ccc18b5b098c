from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from org.models import AdministrativeUnit, Centre
from standards.models import Comparator, Framework, Level


def _decimal_field(label, required=False):
    return forms.CharField(label=label, required=required, max_length=20,
                           widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}))


class OpenAssessmentForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none())
    framework = forms.ModelChoiceField(label=_("Criteria framework"), queryset=Framework.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        centres = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE, kind=Centre.Kind.CENTRE)
        if not scope.sees_everything:
            centres = centres.filter(pk__in=scope.editable_centre_ids)
        self.fields["centre"].queryset = centres
        self.fields["framework"].queryset = Framework.objects.visible_to(user).filter(
            status=Framework.Status.PUBLISHED)
        self.fields["year"].initial = timezone.localdate().year
        only = list(centres[:2])
        if len(only) == 1:
            self.fields["centre"].initial = only[0]
        frameworks = list(self.fields["framework"].queryset[:2])
        if len(frameworks) == 1:
            self.fields["framework"].initial = frameworks[0]


class CopyFrameworkForm(forms.Form):
    province = forms.ModelChoiceField(label=_("Province"), queryset=AdministrativeUnit.objects.none())
    code = forms.CharField(label=_("Code of the province's framework"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=300, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).current()
        if not scope.sees_everything:
            provinces = provinces.filter(pk__in=scope.province_ids)
        self.fields["province"].queryset = provinces
        only = list(provinces[:2])
        if len(only) == 1:
            self.fields["province"].initial = only[0]


class ImportFrameworkForm(forms.Form):
    file = forms.FileField(label=_("File (JSON or Excel)"))
    province = forms.ModelChoiceField(label=_("Province"), queryset=AdministrativeUnit.objects.none(), required=False,
                                      help_text=_("Empty: a national framework (administrators only)."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE).current()
        if not scope.sees_everything:
            provinces = provinces.filter(pk__in=scope.province_ids)
            self.fields["province"].required = True
        self.fields["province"].queryset = provinces


class IndicatorForm(forms.Form):
    text = forms.CharField(label=_("Indicator"), widget=forms.Textarea(attrs={"rows": 3}))
    comparator = forms.ChoiceField(label=_("Comparator"), choices=Comparator.choices)
    guidance = forms.CharField(label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.levels = list(levels)
        for level in self.levels:
            self.fields[f"target_{level.pk}"] = _decimal_field(_("Target for %(level)s") % {"level": level.name})


class DeclareForm(forms.Form):
    value = _decimal_field(_("Value"))
    note = forms.CharField(label=_("Explanation"), required=False, max_length=2000)


class ReviewValueForm(forms.Form):
    agreed = forms.ChoiceField(label=_("Review"), choices=[("1", _("agree")), ("0", _("set a reviewed value"))])
    reviewed_value = _decimal_field(_("Reviewed value"))
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000)


class CloseForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"))
    decision_number = forms.CharField(label=_("Recognition decision number"), max_length=60, required=False)
    decision_date = forms.DateField(label=_("Recognition decision date"), required=False,
                                    input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                    widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    decision_file = forms.FileField(label=_("Signed decision (PDF or image)"), required=False)

    def __init__(self, *args, levels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [(str(lv.pk), lv.name) for lv in levels] + [
            ("not_yet", _("not yet standard"))]

    def level(self, levels) -> Level | None:
        value = self.cleaned_data["result"]
        return next((lv for lv in levels if str(lv.pk) == value), None)


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "issuer", "document_number", "document_date", "effective_from", "effective_to", "notes"]
        widgets = {f: forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}, format="%d/%m/%Y")
                   for f in ("document_date", "effective_from", "effective_to")} | {
            "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("document_date", "effective_from", "effective_to"):
            self.fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]
