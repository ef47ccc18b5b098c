from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, use_vn_dates
from core.text import title_case_name
from org.models import Centre, SendingOrganisation
from people.models import Lecturer, Person, StaffAssignment


class PersonForm(forms.ModelForm):
    reason = forms.CharField(label=_("Reason for the change"), max_length=500, required=False,
                             help_text=_("Kept in the record's history with the values before and after."))

    class Meta:
        model = Person
        fields = [
            "family_name", "middle_name", "given_name", "national_id", "gender", "date_of_birth", "place_of_birth",
            "ethnicity", "religion", "is_party_member", "party_admission_date", "party_full_membership_date",
            "general_education", "professional_degree", "professional_field", "theory_level", "position", "workplace",
            "sending_organisation", "centre", "phone", "email",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        centres = Centre.objects.editable_by(user)
        self.fields["centre"].queryset = centres
        self.fields["centre"].required = True
        self.fields["sending_organisation"].queryset = SendingOrganisation.objects.visible_to(user).filter(archived=False)
        self.fields["national_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        if not self.instance.pk and centres.count() == 1:
            self.fields["centre"].initial = centres.first()

    # Typed names are kept in Vietnamese title case ("trần thị mai" → "Trần Thị Mai"), as documents print them.
    def clean_family_name(self):
        return title_case_name(self.cleaned_data["family_name"])

    def clean_middle_name(self):
        return title_case_name(self.cleaned_data["middle_name"])

    def clean_given_name(self):
        return title_case_name(self.cleaned_data["given_name"])


class PersonSearchForm(forms.Form):
    q = forms.CharField(required=False)


class MergeForm(forms.Form):
    keep = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class StaffAssignmentForm(forms.ModelForm):
    class Meta:
        model = StaffAssignment
        fields = ["centre", "person", "position", "start_date", "end_date", "is_concurrent", "concurrent_post", "decision"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        centres = Centre.objects.editable_by(user)
        self.fields["centre"].queryset = centres
        self.fields["person"].queryset = Person.objects.visible_to(user).filter(archived=False)
        self.fields["person"].widget = forms.NumberInput(attrs={"placeholder": _("person number")})
        self.fields["person"].help_text = _("Open the person's page and use “Add as staff”, or type the person number.")

    def clean(self):
        data = super().clean()
        if data.get("is_concurrent") and not data.get("concurrent_post"):
            self.add_error("concurrent_post", _("Name the main post held elsewhere."))
        return data


class EndTermForm(forms.Form):
    end_date = DateField(label=_("End date"))


class LecturerForm(forms.ModelForm):
    class Meta:
        model = Lecturer
        fields = [
            "centre", "person", "kind", "home_organisation", "academic_title", "degree", "degree_field", "theory_level",
            "state_management_level", "pedagogy_certificate", "it_certificate", "language_certificate",
            "teaching_since", "awards", "topics", "active",
        ]
        widgets = {"awards": forms.Textarea(attrs={"rows": 3}), "topics": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user, own_profile: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if own_profile:
            # A lecturer edits their qualifications, not where or how they are employed.
            for name in ("centre", "person", "kind", "active"):
                del self.fields[name]
            return
        centres = Centre.objects.editable_by(user)
        self.fields["centre"].queryset = centres
        self.fields["person"].queryset = Person.objects.visible_to(user).filter(archived=False)
        self.fields["person"].widget = forms.NumberInput(attrs={"placeholder": _("person number")})

    def clean(self):
        data = super().clean()
        if data.get("kind") in (Lecturer.Kind.PART_TIME, Lecturer.Kind.GUEST) and not data.get("home_organisation"):
            self.add_error("home_organisation", _("Part-time and guest lecturers need their main workplace."))
        return data
