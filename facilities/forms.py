from django import forms

from facilities.models import Room
from org.models import Centre


def editable_centres(user):
    """Centres whose records the user may change, current ones first in the list."""
    return Centre.objects.editable_by(user)


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["centre", "name", "kind", "seats", "address"]

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
