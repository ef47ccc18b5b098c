"""Forms of the timetable pages. They only parse input; the rules live in training.timetable.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from facilities.models import Room
from people.models import Lecturer
from training.models import Session


class LecturerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.person.full_name


class SessionForm(forms.Form):
    date = DateField(label=_("Date"))
    part = forms.ChoiceField(label=_("Part of day"), choices=Session.Part.choices)
    periods = forms.IntegerField(label=_("Periods"), min_value=1, max_value=6, initial=4)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=None, required=False)
    lecturer = LecturerChoiceField(label=_("Lecturer"), queryset=None, required=False)
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, required=False)
    venue = forms.CharField(label=_("Venue (off-site)"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    override_reason = forms.CharField(
        label=_("Reason for an exception"), max_length=300, required=False,
        help_text=_("Needed only to assign a lecturer who does not list the topic."),
    )

    def __init__(self, *args, klass, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = klass.version.topics.order_by("order")
        self.fields["lecturer"].queryset = (
            Lecturer.objects.filter(centre_id=klass.centre_id, active=True).select_related("person")
            .order_by("person__sort_key")
        )
        self.fields["room"].queryset = Room.objects.filter(centre_id=klass.centre_id, active=True).order_by("name")

    @classmethod
    def initial_from(cls, session: Session) -> dict:
        return {"date": session.date, "part": session.part, "periods": session.periods, "topic": session.topic_id,
                "lecturer": session.lecturer_id, "room": session.room_id, "venue": session.venue,
                "note": session.note}


class MoveForm(forms.Form):
    date = DateField(label=_("Date"))
    part = forms.ChoiceField(label=_("Part of day"), choices=Session.Part.choices)


class GenerateForm(forms.Form):
    parts = forms.MultipleChoiceField(
        label=_("Parts of the day to use"), choices=Session.Part.choices, widget=forms.CheckboxSelectMultiple,
        initial=[Session.Part.MORNING, Session.Part.AFTERNOON],
    )
    periods_per_session = forms.IntegerField(label=_("Periods per session"), min_value=1, max_value=6, initial=4)
    replace = forms.BooleanField(
        label=_("Replace the sessions already scheduled"), required=False,
        help_text=_("Sessions whose attendance was taken are kept."),
    )


class UnavailabilityForm(forms.Form):
    date = DateField(label=_("Date"))
    part = forms.ChoiceField(label=_("Part of day"), choices=[("", _("whole day")), *Session.Part.choices],
                             required=False)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)
