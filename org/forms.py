from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.forms import DateField, use_vn_dates
from org.models import AdministrativeUnit, Centre, SendingOrganisation


class ScopedModelForm(forms.ModelForm):
    """A ModelForm whose choices of related records are limited to what the user may see."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        scope = scope_of(user)
        provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
        if not scope.sees_everything:
            provinces = provinces.filter(id__in=scope.province_ids_with_history)
        for name in ("province",):
            if name in self.fields:
                self.fields[name].queryset = provinces.current()
        if "centre" in self.fields:
            self.fields["centre"].queryset = Centre.objects.visible_to(user).filter(status=Centre.Status.ACTIVE)
        if "unit" in self.fields:
            self.fields["unit"].queryset = AdministrativeUnit.objects.visible_to(user).current()
        if "predecessor" in self.fields:
            self.fields["predecessor"].queryset = Centre.objects.visible_to(user)
        if "parent" in self.fields and self._meta.model is SendingOrganisation:
            self.fields["parent"].queryset = SendingOrganisation.objects.visible_to(user).filter(archived=False)


class CentreForm(ScopedModelForm):
    name = forms.CharField(label=_("Name"), max_length=250)
    name_from = DateField(label=_("Name valid from"), required=False)
    host_committee = forms.CharField(label=_("Host party committee"), max_length=250, required=False)

    class Meta:
        model = Centre
        fields = ["code", "kind", "level", "province", "status", "address", "phone", "email", "website",
                  "founding_issuer", "founding_number", "founding_date", "predecessor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Names and hosts change through dated records, not by overwriting.
            for name in ("name", "name_from", "host_committee"):
                del self.fields[name]
            self.fields["predecessor"].queryset = self.fields["predecessor"].queryset.exclude(pk=self.instance.pk)

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean(self):
        data = super().clean()
        founding = data.get("founding_number")
        if founding and not (data.get("founding_issuer") and data.get("founding_date")):
            self.add_error("founding_date", _("A founding decision needs its issuer, number and date together."))
        return data


class RenameForm(forms.Form):
    new_name = forms.CharField(label=_("New name"), max_length=250)
    valid_from = DateField(label=_("Valid from"))
    decision = forms.CharField(label=_("Decision"), max_length=200, required=False)


class HostForm(forms.Form):
    committee_name = forms.CharField(label=_("Host party committee"), max_length=250)
    valid_from = DateField(label=_("Valid from"))


class ServiceAreaForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Administrative unit"), queryset=AdministrativeUnit.objects.none())
    valid_from = DateField(label=_("Valid from"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = AdministrativeUnit.objects.visible_to(user).current().exclude(
            level=AdministrativeUnit.Level.PROVINCE
        )


class EndLinkForm(forms.Form):
    valid_to = DateField(label=_("Valid to"))


class SendingOrganisationForm(ScopedModelForm):
    class Meta:
        model = SendingOrganisation
        fields = ["name", "short_name", "kind", "parent", "province", "centre", "unit", "address", "phone", "email"]


class AdministrativeUnitForm(ScopedModelForm):
    class Meta:
        model = AdministrativeUnit
        fields = ["code", "name", "level", "parent", "citizen_id_code", "valid_from", "valid_to", "successor"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        visible = AdministrativeUnit.objects.visible_to(self.user)
        self.fields["parent"].queryset = visible
        self.fields["successor"].queryset = visible

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date is before the start date."))
        parent = data.get("parent")
        if data.get("level") == AdministrativeUnit.Level.PROVINCE and parent:
            self.add_error("parent", _("A province has no parent unit."))
        if data.get("level") != AdministrativeUnit.Level.PROVINCE and not parent:
            self.add_error("parent", _("Choose the unit this one belongs to."))
        return data


class HeadingForm(forms.Form):
    superior_body = forms.CharField(
        label=_("Superior body"), max_length=250,
        help_text=_("The direct superior body, in capitals, e.g. ĐẢNG ỦY XÃ YÊN SƠN."),
    )
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=250, initial="TRUNG TÂM CHÍNH TRỊ")
    symbol = forms.CharField(label=_("Number symbol"), max_length=30, initial="TTCT",
                             help_text=_("The issuer's part of document numbers: TTCT in 12-QĐ/TTCT."))
    valid_from = DateField(label=_("Valid from"))
