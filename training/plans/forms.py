"""Forms of the annual plan pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateField
from curriculum.choices import ProgrammeStatus
from curriculum.models import Programme
from training.classes.forms import editable_centres
from training.models import PlanLine


class PlanForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Centre"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = editable_centres(user)
        self.fields["centre"].queryset = centres
        only = list(centres[:2])
        if len(only) == 1:
            self.fields["centre"].initial = only[0]
        today = timezone.localdate()
        self.fields["year"].initial = today.year + (1 if today.month >= 10 else 0)


class ProgrammeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.name}"


class PlanLineForm(forms.ModelForm):
    class Meta:
        model = PlanLine
        fields = ["programme", "audience", "quarter", "planned_classes", "planned_learners", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"] = ProgrammeChoiceField(
            label=_("Programme"),
            queryset=Programme.objects.visible_to(user).filter(status=ProgrammeStatus.ACTIVE).order_by("sort_key"),
        )
        self.fields["audience"].widget.attrs["placeholder"] = _("e.g. new party members of the communes served")


class ApprovePlanForm(forms.Form):
    issuer = forms.CharField(label=_("Approved by (body)"), max_length=250,
                             help_text=_("e.g. Ban Thường vụ Đảng ủy xã Yên Sơn"))
    number = forms.CharField(label=_("Approving document number"), max_length=60)
    date = DateField(label=_("Approving document date"))
