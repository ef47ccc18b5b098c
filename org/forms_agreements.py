from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.scope import scope_of
from core.forms import use_vn_dates
from org import agreements
from org.models import Centre, CoordinationAgreement, SendingOrganisation


class AgreementForm(forms.ModelForm):
    class Meta:
        model = CoordinationAgreement
        fields = ["centre", "counterpart", "title", "document_number", "signed_on", "valid_from", "valid_to",
                  "signatories", "scope", "centre_duties", "counterpart_duties", "file"]
        widgets = {name: forms.Textarea(attrs={"rows": 3})
                   for name in ("signatories", "scope", "centre_duties", "counterpart_duties")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        scope = scope_of(user)
        centres = Centre.objects.visible_to(user)
        if not scope.sees_everything:
            centres = centres.filter(pk__in=scope.editable_centre_ids)
        self.fields["centre"].queryset = centres
        only = list(centres[:2])
        if len(only) == 1 and not self.instance.pk:
            self.fields["centre"].initial = only[0]
        self.fields["counterpart"].queryset = SendingOrganisation.objects.visible_to(user).filter(archived=False)
        self.fields["title"].initial = self.fields["title"].initial or _("Coordination agreement on political training")



    def clean(self):
        data = super().clean()
        for field, messages in agreements.date_errors(data.get("signed_on"), data.get("valid_from"),
                                                      data.get("valid_to")).items():
            self.add_error(field, messages)
        return data
