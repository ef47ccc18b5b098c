from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateField, use_vn_dates
from core.money import format_money, parse_money
from finance.models import Budget, BudgetLine, CostLine, CostRule, Spending
from org.models import AdministrativeUnit, Centre


class MoneyField(forms.Field):
    """An amount in đồng as typed in Vietnam ("1.250.000", "1 250 000 đ"); shown the same way."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "placeholder": "1.250.000", "maxlength": "30"})

    def prepare_value(self, value):
        if isinstance(value, int | Decimal):
            return format_money(value, unit="")
        return value

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        try:
            return parse_money(value)
        except ValueError:
            raise forms.ValidationError(_("Enter an amount in đồng, e.g. 1.250.000."), code="invalid")


class BudgetForm(forms.ModelForm):
    class Meta:
        model = Budget
        fields = ["centre", "year", "approval_issuer", "approval_number", "approval_date", "approval_file", "note"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        centres = Centre.objects.editable_by(user)
        self.fields["centre"].queryset = centres
        only = list(centres[:2])
        if len(only) == 1 and not self.instance.pk:
            self.fields["centre"].initial = only[0]
        self.fields["note"].widget.attrs["rows"] = 2


class BudgetLineForm(forms.ModelForm):
    amount = MoneyField(label=_("Amount (đồng)"))

    class Meta:
        model = BudgetLine
        fields = ["source", "purpose", "description", "amount"]


class SpendingForm(forms.ModelForm):
    amount = MoneyField(label=_("Amount (đồng)"))
    date = DateField(label=_("Date"))
    over_budget_reason = forms.CharField(label=_("Reason for spending over the line"), required=False,
                                         widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = Spending
        fields = ["line", "amount", "date", "document_number", "payee", "description", "klass", "file"]

    def __init__(self, *args, budget, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = budget.lines.all()
        self.fields["line"].label_from_instance = lambda line: (
            f"{line.get_source_display()} – {line.get_purpose_display()}"
            + (f" – {line.description}" if line.description else "") + f" ({format_money(line.amount)})")
        self.fields["klass"].queryset = classes
        self.fields["klass"].required = False


class CostLineForm(forms.ModelForm):
    rate = MoneyField(label=_("Rate (đồng)"))

    class Meta:
        model = CostLine
        fields = ["label", "unit", "quantity", "rate"]
        widgets = {"quantity": forms.TextInput(attrs={"inputmode": "decimal", "size": 6})}

    def clean_quantity(self):
        value = self.cleaned_data["quantity"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("The quantity cannot be negative."))
        return value


CostLineFormSet = forms.modelformset_factory(CostLine, form=CostLineForm, extra=1, can_delete=True)


class CostDocumentForm(forms.Form):
    document_number = forms.CharField(label=_("Document number"), max_length=60)
    document_date = DateField(label=_("Document date"))
    file = forms.FileField(label=_("Signed document"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CostRuleForm(forms.ModelForm):
    amount = MoneyField(label=_("Amount (đồng)"))

    class Meta:
        model = CostRule
        fields = ["province", "item", "amount", "valid_from", "valid_to", "basis"]

    def __init__(self, *args, provinces, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        self.fields["province"].queryset = AdministrativeUnit.objects.filter(pk__in=provinces)
        self.fields["province"].required = not national
