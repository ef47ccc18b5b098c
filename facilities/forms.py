from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import use_vn_dates
from facilities.models import (
    Building,
    ConditionCheck,
    Equipment,
    EquipmentCategory,
    FacilityRequirement,
    Room,
)
from org.models import Centre


def editable_centres(user):
    """Centres whose records the user may change, current ones first in the list."""
    return Centre.objects.editable_by(user)


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["centre", "name", "kind", "seats", "building", "area_m2", "accessible", "use", "address",
                  "contact_name", "contact_phone"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = editable_centres(user).filter(status=Centre.Status.ACTIVE)
        if self.instance.pk:
            # A room of a closed predecessor centre stays editable where it is.
            centres = centres | Centre.objects.filter(pk=self.instance.centre_id)
        self.fields["centre"].queryset = centres.distinct()
        if not self.instance.pk:
            only = list(centres[:2])
            if len(only) == 1:
                self.fields["centre"].initial = only[0]
        self.fields["address"].widget = forms.TextInput()
        self.fields["building"].queryset = Building.objects.filter(centre__in=centres)


class BuildingForm(forms.ModelForm):
    class Meta:
        model = Building
        fields = ["centre", "name", "floors", "year_built", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = editable_centres(user).filter(status=Centre.Status.ACTIVE)


class EquipmentForm(forms.ModelForm):
    class Meta:
        model = Equipment
        fields = ["centre", "category", "name", "quantity", "unit", "year_acquired", "funding_source", "condition",
                  "room", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = editable_centres(user)
        if not self.instance.pk:
            centres = centres.filter(status=Centre.Status.ACTIVE)
            only = list(centres[:2])
            if len(only) == 1:
                self.fields["centre"].initial = only[0]
        self.fields["centre"].queryset = centres
        self.fields["category"].queryset = EquipmentCategory.objects.filter(active=True)
        self.fields["room"].queryset = Room.objects.filter(centre__in=centres, active=True).select_related("centre")
        self.fields["room"].label_from_instance = lambda room: f"{room.name} ({room.centre.name})"
        if self.instance.pk:
            # The condition changes through dated checks once the item exists.
            del self.fields["condition"]


class ConditionCheckForm(forms.ModelForm):
    class Meta:
        model = ConditionCheck
        fields = ["date", "condition", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class InventoryUploadForm(forms.Form):
    centre = forms.ModelChoiceField(queryset=Centre.objects.none(), label=_("Centre"))
    file = forms.FileField(label=_("Inventory list (.xlsx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = editable_centres(user).filter(status=Centre.Status.ACTIVE)
        self.fields["centre"].queryset = centres
        only = list(centres[:2])
        if len(only) == 1:
            self.fields["centre"].initial = only[0]


class RequirementForm(forms.ModelForm):
    class Meta:
        model = FacilityRequirement
        fields = ["name", "kind", "room_kind", "min_seats", "min_count", "category", "valid_from", "valid_to",
                  "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == FacilityRequirement.Kind.ROOMS and not data.get("room_kind"):
            self.add_error("room_kind", _("Choose the kind of room the requirement counts."))
        if kind in (FacilityRequirement.Kind.EQUIPMENT, FacilityRequirement.Kind.EQUIPMENT_PER_ROOM) and not data.get(
                "category"):
            self.add_error("category", _("Choose the equipment category the requirement counts."))
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", _("The requirement ends before it starts."))
        return data


class CategoryForm(forms.ModelForm):
    class Meta:
        model = EquipmentCategory
        fields = ["code", "name", "aliases", "sort_order", "active"]
