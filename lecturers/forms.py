"""Forms of the lecturers app: fee tables, payment sheets, load entries."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.scope import scope_of
from core.forms import use_vn_dates
from lecturers.models import (
    ClosingReport,
    FeeTable,
    LoadEntry,
    NormPost,
    NormTable,
    Rank,
    StandardSet,
    SurveyTemplate,
)
from org.models import AdministrativeUnit


def _amount(text: str) -> Decimal:
    cleaned = text.replace(".", "").replace(" ", "").replace("đ", "").replace(",", "")
    return Decimal(cleaned)


class MoneyField(forms.CharField):
    """An amount in đồng typed as 1.250.000 or 1250000."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return None
        try:
            amount = _amount(value)
        except InvalidOperation:
            raise ValidationError(_("Enter an amount in đồng, e.g. 1.250.000.")) from None
        if amount < 0:
            raise ValidationError(_("A fee cannot be negative."))
        return amount


class FeeTableForm(forms.ModelForm):
    central = MoneyField(label=gettext_lazy("Central-level lecturer (đồng a session)"), required=False)
    provincial = MoneyField(label=gettext_lazy("Provincial-level lecturer (đồng a session)"), required=False)
    centre = MoneyField(label=gettext_lazy("Commune / centre-level lecturer (đồng a session)"), required=False)
    titles = forms.CharField(
        label=gettext_lazy("Fees by academic title"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One line each: rank; title; amount, e.g. “provincial; Phó giáo sư; 1.500.000”. "
                               "Ranks: central, provincial, centre."),
    )

    class Meta:
        model = FeeTable
        fields = ["province", "name", "valid_from", "valid_to", "periods_per_session", "decision"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        scope = scope_of(user)
        provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
        if not scope.sees_everything:
            provinces = provinces.filter(pk__in=scope.province_ids)
            self.fields["province"].required = True
        self.fields["province"].queryset = provinces.order_by("name")
        if self.instance.pk:
            rates = list(self.instance.rates.all())
            for rate in rates:
                if not rate.title:
                    self.initial[rate.rank] = f"{int(rate.amount):,}".replace(",", ".")
            self.initial["titles"] = "\n".join(
                f"{r.rank}; {r.title}; {int(r.amount):,}".replace(",", ".") for r in rates if r.title)

    def rates(self) -> list[tuple[str, str, Decimal]]:
        rows = [(rank, "", self.cleaned_data[rank]) for rank in Rank.values if self.cleaned_data.get(rank) is not None]
        labels = {str(label).casefold(): value for value, label in Rank.choices}
        for number, line in enumerate((self.cleaned_data.get("titles") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 3 or not parts[1]:
                raise ValidationError({"titles": _("Line %(n)d: write rank; title; amount.") % {"n": number}})
            rank = parts[0] if parts[0] in Rank.values else labels.get(parts[0].casefold())
            if rank is None:
                raise ValidationError({"titles": _("Line %(n)d: unknown rank “%(rank)s”.") % {"n": number,
                                                                                            "rank": parts[0]}})
            try:
                amount = _amount(parts[2])
            except InvalidOperation:
                raise ValidationError({"titles": _("Line %(n)d: the amount is not a number.") % {"n": number}}) from None
            rows.append((rank, parts[1], amount))
        return rows


class FinaliseForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Document number"), required=False, max_length=60,
                             help_text=gettext_lazy("e.g. 05-BTT/TTCT; may be left empty."))


class RankForm(forms.Form):
    rank = forms.ChoiceField(label=gettext_lazy("Pay rank"), choices=Rank.choices)


class NormTableForm(forms.ModelForm):
    coefficients = forms.CharField(
        label=gettext_lazy("Conversion coefficients"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("One line each: code; work; unit; standard hours per unit, e.g. "
                               "“essay; Chấm tiểu luận; bài; 0,1”. The code “lecture” is one lecturing period."),
    )

    class Meta:
        model = NormTable
        fields = ["name", "first_year", "last_year", "year_kind", "overtime_multiplier", "overtime_cap", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lines = {n.post: n for n in self.instance.lines.all()} if self.instance.pk else {}
        for post, label in NormPost.choices:
            line = lines.get(post)
            self.fields[f"{post}_standard"] = forms.DecimalField(
                label=_("%(post)s: standard hours") % {"post": label}, min_value=0, max_digits=6, decimal_places=1,
                initial=line.standard_hours if line else None, localize=True)
            self.fields[f"{post}_lecturing"] = forms.DecimalField(
                label=_("%(post)s: of which lecturing hours") % {"post": label}, min_value=0, max_digits=6,
                decimal_places=1, initial=line.lecturing_hours if line else None, localize=True)
        if self.instance.pk:
            self.initial["coefficients"] = "\n".join(
                f"{c.code}; {c.name}; {c.unit}; {str(c.value).replace('.', ',')}" for c in self.instance.coefficients.all())

    def norms(self) -> dict:
        return {post: (self.cleaned_data[f"{post}_standard"], self.cleaned_data[f"{post}_lecturing"])
                for post in NormPost.values}

    def coefficient_rows(self) -> list:
        rows = []
        for number, line in enumerate(self.cleaned_data["coefficients"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            if len(parts) != 4 or not parts[0]:
                raise ValidationError({"coefficients": _("Line %(n)d: write code; work; unit; value.") % {"n": number}})
            try:
                value = Decimal(parts[3].replace(",", "."))
            except InvalidOperation:
                raise ValidationError({"coefficients": _("Line %(n)d: the value is not a number.") % {"n": number}}) from None
            rows.append((parts[0], parts[1], parts[2], value))
        return rows


class LoadEntryForm(forms.ModelForm):
    class Meta:
        model = LoadEntry
        fields = ["kind", "coefficient_code", "quantity", "percent", "note"]

    def __init__(self, *args, coefficients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coefficient_code"] = forms.ChoiceField(
            label=_("Work"), required=False,
            choices=[("", "—")] + [(c.code, f"{c.name} ({c.value} / {c.unit})") for c in coefficients
                                   if c.code != "lecture"])
        self.fields["quantity"].localize = True
        self.fields["percent"].localize = True


class LoadPostForm(forms.Form):
    post = forms.ChoiceField(label=gettext_lazy("Norm post this year"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["post"].choices = [("", _("as the staff record says"))] + list(NormPost.choices)


class ClosingReportForm(forms.ModelForm):
    class Meta:
        model = ClosingReport
        fields = ["number", "report_date", "assessment", "strengths", "limitations", "proposals"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in ("assessment", "strengths", "limitations",
                                                                          "proposals")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)


def _lines(text: str, parts: int, field: str, example: str) -> list[tuple[str, ...]]:
    rows = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(";", parts - 1)]
        if len(cells) != parts:
            raise ValidationError({field: _("Line %(n)d: write %(example)s.") % {"n": number, "example": example}})
        rows.append(tuple(cells))
    return rows


class StandardSetForm(forms.ModelForm):
    requirements = forms.CharField(
        label=gettext_lazy("Requirements"), widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("One line each: post; rule; value; what to do, e.g. "
                               "“full_time; theory_level; cao_cap; Học lớp cao cấp lý luận chính trị”."))

    class Meta:
        model = StandardSet
        fields = ["name", "valid_from", "valid_to", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        if self.instance.pk:
            self.initial["requirements"] = "\n".join(
                f"{r.post}; {r.rule}; {r.value}; {r.advice}" for r in self.instance.requirements.all())

    def requirement_rows(self) -> list:
        return _lines(self.cleaned_data["requirements"], 4, "requirements", _("post; rule; value; what to do"))


class SurveyTemplateForm(forms.ModelForm):
    questions = forms.CharField(
        label=gettext_lazy("Questions"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("One line each: section; kind; question. Sections: lecturer (asked for each "
                               "lecturer and topic), organisation, facilities, programme, comments; kinds: rating, text."))

    class Meta:
        model = SurveyTemplate
        fields = ["name", "valid_from", "min_answers", "min_share_percent", "small_class_warning",
                  "max_unanswered_percent", "source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_vn_dates(self)
        if self.instance.pk:
            self.initial["questions"] = "\n".join(
                f"{q.section}; {q.kind}; {q.text}" for q in self.instance.questions.all())

    def question_rows(self) -> list:
        return _lines(self.cleaned_data["questions"], 3, "questions", _("section; kind; question"))
