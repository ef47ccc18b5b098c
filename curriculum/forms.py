"""Forms of the catalogue pages. They only parse input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from curriculum.choices import (
    AssessmentKind,
    Classification,
    Coverage,
    OverlapDecision,
    OverlapVerdict,
    PrerequisiteKind,
)
from curriculum.models import EquivalentTerm, OverlapSettings, Programme, ProgrammeVersion, StopPhrase, Topic
from curriculum.validation import HEADER_FIELDS, VersionContent
from org.models import AdministrativeUnit, Centre


def owner_choices(user) -> list[tuple[str, str]]:
    """The catalogues the user may add programmes to."""
    scope = scope_of(user)
    choices = []
    if scope.sees_everything:
        choices.append(("national", str(_("National catalogue"))))
    provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
    if not scope.sees_everything:
        provinces = provinces.filter(pk__in=scope.province_ids)
    choices += [(f"province:{p.pk}", str(_("Catalogue of %(p)s") % {"p": p.name})) for p in provinces]
    centres = [c for c in Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
               if scope.manages(c.pk, c.province_id)]
    choices += [(f"centre:{c.pk}", str(_("Local programme of %(c)s") % {"c": c.name})) for c in centres]
    return choices


def owner_from_choice(value: str) -> dict:
    kind, _sep, pk = value.partition(":")
    if kind == "province":
        return {"owner_province": AdministrativeUnit.objects.get(pk=int(pk)), "owner_centre": None}
    if kind == "centre":
        return {"owner_province": None, "owner_centre": Centre.objects.get(pk=int(pk))}
    return {"owner_province": None, "owner_centre": None}


class OwnerField(forms.ChoiceField):
    def __init__(self, user, **kwargs):
        super().__init__(choices=owner_choices(user), label=_("Catalogue"), **kwargs)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["code", "name", "category", "organiser_kind", "audience", "party_audience", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["owner"] = OwnerField(user)
        else:
            self.fields["code"].disabled = True


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class VersionHeaderForm(forms.ModelForm):
    class Meta:
        model = ProgrammeVersion
        fields = HEADER_FIELDS
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 2}),
            **{name: forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
               for name in ("document_date", "effective_from", "effective_to")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("max_absence_percent", "min_final_score"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True


class TopicForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    code = forms.CharField(label=_("code"), max_length=20, required=False,
                           widget=forms.TextInput(attrs={"size": 5}))
    title = forms.CharField(label=_("title"), max_length=400)
    outline = forms.CharField(label=_("outline"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    keywords = forms.CharField(label=_("keywords"), max_length=600, required=False)
    lecture_periods = forms.IntegerField(label=_("lecture"), min_value=0, initial=0)
    discussion_periods = forms.IntegerField(label=_("discussion / practice"), min_value=0, initial=0)
    fieldwork_periods = forms.IntegerField(label=_("fieldwork"), min_value=0, initial=0)


class ComponentForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=AssessmentKind.choices)
    name = forms.CharField(label=_("name"), max_length=200)
    weight = forms.DecimalField(label=_("weight (%)"), max_digits=5, decimal_places=2, localize=True)
    required = forms.BooleanField(label=_("required"), required=False, initial=True)


class BandForm(forms.Form):
    classification = forms.ChoiceField(label=_("classification"), choices=Classification.choices)
    min_score = forms.DecimalField(label=_("from score"), max_digits=3, decimal_places=1, localize=True)
    max_score = forms.DecimalField(label=_("below score"), max_digits=3, decimal_places=1, localize=True)
    passing = forms.BooleanField(label=_("counts as passed"), required=False, initial=True)


class PrerequisiteForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=PrerequisiteKind.choices)
    required_programme = forms.ModelChoiceField(label=_("programme completed before"), required=False,
                                                queryset=Programme.objects.none())
    within_months = forms.IntegerField(label=_("within months"), min_value=1, required=False)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["required_programme"].queryset = programmes


TopicFormSet = forms.formset_factory(TopicForm, extra=2, can_delete=True)
ComponentFormSet = forms.formset_factory(ComponentForm, extra=1, can_delete=True)
BandFormSet = forms.formset_factory(BandForm, extra=1, can_delete=True)
PrerequisiteFormSet = forms.formset_factory(PrerequisiteForm, extra=1, can_delete=True)


def _kept(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def content_from_forms(header: VersionHeaderForm, topics, components, bands, prerequisites) -> VersionContent:
    def strip(rows):
        return [{k: v for k, v in row.items() if k != "DELETE"} for row in rows]

    topic_rows = strip(_kept(topics))
    for n, row in enumerate(topic_rows, start=1):
        row["_where"] = str(_("Topic row %(n)s") % {"n": n})
    return VersionContent(
        header={name: header.cleaned_data.get(name) for name in HEADER_FIELDS},
        topics=topic_rows,
        components=strip(_kept(components)),
        bands=strip(_kept(bands)),
        prerequisites=strip(_kept(prerequisites)),
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (.json or .xlsx)"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"] = OwnerField(user, help_text=_("Used only when the programme code is new here."))


class ReviewForm(forms.Form):
    topic_a = forms.ModelChoiceField(queryset=Topic.objects.none(), widget=forms.HiddenInput)
    topic_b = forms.ModelChoiceField(queryset=Topic.objects.none(), widget=forms.HiddenInput)
    score = forms.FloatField(required=False, widget=forms.HiddenInput)
    verdict = forms.ChoiceField(label=_("verdict"), choices=OverlapVerdict.choices)
    decision = forms.ChoiceField(label=_("decision"), choices=[("", "—"), *OverlapDecision.choices], required=False)
    note = forms.CharField(label=_("note"), required=False)
    saved_side = forms.ChoiceField(label=_("periods saved on"), required=False,
                                   choices=[("", "—"), ("a", _("first topic")), ("b", _("second topic"))])
    periods_saved = forms.IntegerField(label=_("periods saved"), required=False, min_value=0, max_value=999)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        topics = Topic.objects.visible_to(user)
        self.fields["topic_a"].queryset = topics
        self.fields["topic_b"].queryset = topics

    def saved_topic(self):
        side = self.cleaned_data.get("saved_side")
        return self.cleaned_data.get(f"topic_{side}") if side in ("a", "b") else None


class StopPhraseForm(forms.ModelForm):
    class Meta:
        model = StopPhrase
        fields = ["phrase", "note"]


class EquivalentTermForm(forms.ModelForm):
    class Meta:
        model = EquivalentTerm
        fields = ["term", "equivalents", "note"]
        widgets = {"equivalents": forms.Textarea(attrs={"rows": 2})}


class OverlapSettingsForm(forms.ModelForm):
    class Meta:
        model = OverlapSettings
        fields = ["effective_from", "threshold", "title_weight", "keyword_weight", "publish_confirm_above", "note"]


class MappingForm(forms.Form):
    centre_topic = forms.ModelChoiceField(label=_("centre topic"), queryset=Topic.objects.none())
    school_module = forms.ModelChoiceField(label=_("provincial-school module"), queryset=Topic.objects.none())
    coverage = forms.ChoiceField(label=_("coverage"), choices=Coverage.choices)
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, centre_topics=None, school_modules=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre_topic"].queryset = centre_topics
        self.fields["school_module"].queryset = school_modules
