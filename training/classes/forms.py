"""Forms of the class pages. They only parse input; every rule lives in training.classes.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, use_vn_dates
from curriculum.choices import VersionStatus
from curriculum.models import ProgrammeVersion
from facilities.models import Room
from org.models import Centre, CoordinationAgreement, SendingOrganisation
from people.models import Lecturer
from training.models import Klass


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.programme.code} – {obj.programme.name} (v{obj.number})"


class LecturerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.person.full_name


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        seats = ", " + gettext("%(n)s seats") % {"n": obj.seats} if obj.seats else ""
        return f"{obj.name}{seats} · {obj.centre.name}"


def editable_centres(user):
    return Centre.objects.editable_by(user).filter(status=Centre.Status.ACTIVE)


class ClassForm(forms.ModelForm):
    """Create (with a centre) or edit a class."""

    centre = forms.ModelChoiceField(label=_("Centre"), queryset=Centre.objects.none())
    warning_reason = forms.CharField(
        label=_("Reason to continue despite the warning"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed only when the class starts outside its plan line's quarter; kept in the history."),
    )

    class Meta:
        model = Klass
        fields = [
            "version", "code", "name", "start_date", "end_date", "room", "off_site_venue", "co_organiser",
            "agreement", "head_teacher", "capacity", "is_resit", "opening_decision_number", "opening_decision_date",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        centres = editable_centres(user)
        editing = bool(self.instance.pk)
        if editing:
            del self.fields["centre"]
        else:
            self.fields["centre"].queryset = centres
            only = list(centres[:2])
            if len(only) == 1:
                self.fields["centre"].initial = only[0]
            self.order_fields(["centre"])
        versions = ProgrammeVersion.objects.visible_to(user).filter(status=VersionStatus.PUBLISHED)
        if editing:
            versions = versions | ProgrammeVersion.objects.filter(pk=self.instance.version_id)
        self.fields["version"] = VersionChoiceField(
            label=_("Programme version"), queryset=versions.select_related("programme").order_by(
                "programme__sort_key", "-number").distinct(),
        )
        rooms = Room.objects.visible_to(user).filter(active=True, centre__in=centres)
        if editing and self.instance.room_id:
            rooms = rooms | Room.objects.filter(pk=self.instance.room_id)
        self.fields["room"] = RoomChoiceField(
            label=_("Room"), required=False, queryset=rooms.select_related("centre").order_by("centre", "name").distinct(),
        )
        self.fields["head_teacher"] = LecturerChoiceField(
            label=_("Head teacher"), required=False,
            queryset=Lecturer.objects.visible_to(user).filter(active=True).select_related("person")
            .order_by("person__sort_key"),
        )
        self.fields["co_organiser"].queryset = SendingOrganisation.objects.visible_to(user).filter(archived=False)
        self.fields["agreement"].queryset = CoordinationAgreement.objects.visible_to(user).filter(centre__in=centres)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Leave empty to take the next code, e.g. DVM-2026-03.")
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave empty to use the programme's name.")
        self.fields["opening_decision_number"].widget.attrs["placeholder"] = "12-QĐ/TTCT"

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            # Named here so the model's date-order constraint is not reported as a bare "constraint violated".
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def validate_unique(self):
        # The service checks the code and the dates with field-named Vietnamese messages; the model's
        # constraints would only say "constraint violated".
        pass


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(choices=Klass.Status.choices)
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OpeningDecisionForm(forms.Form):
    number = forms.CharField(label=_("Opening decision number"), max_length=60)
    date = DateField(label=_("Opening decision date"))
