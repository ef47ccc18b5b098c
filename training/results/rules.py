"""Grading rules of a programme version, applied to one learner's scores and absences.

Pure functions over plain data, so the arithmetic is tested without a database and the same code
serves the grid, the approval and the corrections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from curriculum.choices import Classification, GradingScheme
from training.models.results import ResultClassification

ONE_DECIMAL = Decimal("0.1")


PASS = ResultClassification.PASS


def classification_label(code: str | None) -> str:
    """The label of a stored classification in the interface language; "" when there is none."""
    if not code:
        return ""
    return str(ResultClassification(code).label) if code in ResultClassification.values else code


def printed_classification(code: str | None) -> str:
    """The classification as official documents print it (always Vietnamese): "Khá", "Đạt" …"""
    with translation.override("vi"):
        label = classification_label(code)
    return label[:1].upper() + label[1:]

# Why a learner did not complete; stored as codes in Result.reasons and labelled when shown.
REASON_ABSENCE = "absence"
REASON_MISSING = "missing_scores"
REASON_BELOW_MINIMUM = "below_minimum"
REASON_FAILING_BAND = "failing_band"
REASON_LABELS = {
    REASON_ABSENCE: gettext_lazy("absent from too many sessions"),
    REASON_MISSING: gettext_lazy("a required assessment has no score"),
    REASON_BELOW_MINIMUM: gettext_lazy("final score below the minimum"),
    REASON_FAILING_BAND: gettext_lazy("classification does not pass"),
}

_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def parse_score(raw, *, cell: str = "") -> Decimal | None:
    """A score typed as "7,5" or "7.5" (or a number), on the 10-point scale with one decimal.

    Blank means "no score yet". Anything else that is not a score raises a ValidationError whose
    message names the cell, with a code tests and the API can rely on.
    """
    prefix = f"{cell}: " if cell else ""
    if raw is None:
        return None
    if isinstance(raw, Decimal | int | float):
        text = str(raw)
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise ValidationError(
            prefix + _("“%(value)s” is not a score; type a number such as 7,5.") % {"value": raw}, code="not_a_number"
        )
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValidationError(prefix + _("“%(value)s” is not a score.") % {"value": raw}, code="not_a_number")
    if value < 0 or value > 10:
        raise ValidationError(
            prefix + _("%(value)s is outside the scale; a score is between 0 and 10.") % {"value": raw},
            code="out_of_range",
        )
    if value != value.quantize(ONE_DECIMAL):
        raise ValidationError(
            prefix + _("%(value)s has more than one decimal; scores are written like 7,5.") % {"value": raw},
            code="too_many_decimals",
        )
    return value.quantize(ONE_DECIMAL)


@dataclass(frozen=True)
class ComponentRule:
    id: int
    name: str
    weight: Decimal
    required: bool


@dataclass(frozen=True)
class BandRule:
    classification: str
    min_score: Decimal
    max_score: Decimal
    passing: bool

    def contains(self, score: Decimal) -> bool:
        return self.min_score <= score < self.max_score or (self.max_score == 10 and score == 10)


@dataclass(frozen=True)
class Rules:
    scheme: str
    components: tuple[ComponentRule, ...]
    bands: tuple[BandRule, ...]
    min_final_score: Decimal | None
    max_absence_percent: Decimal

    @classmethod
    def of_version(cls, version) -> Rules:
        """Two queries: the version's components and bands (the version itself is already loaded)."""
        return cls(
            scheme=version.grading_scheme,
            components=tuple(
                ComponentRule(c.pk, c.name, c.weight, c.required) for c in version.components.order_by("order")
            ),
            bands=tuple(
                BandRule(b.classification, b.min_score, b.max_score, b.passing) for b in version.bands.order_by("order")
            ),
            min_final_score=version.min_final_score,
            max_absence_percent=version.max_absence_percent,
        )


@dataclass(frozen=True)
class Outcome:
    final_score: Decimal | None
    classification: str
    completed: bool
    reasons: tuple[str, ...]


def final_score(rules: Rules, scores: dict[int, Decimal | None]) -> Decimal | None:
    """The weighted mean of the scores; None while a required component has no score.

    An optional component without a score drops out of the weights, so it neither helps nor harms.
    """
    if not rules.components:
        return None
    weighted, weights, plain = Decimal(0), Decimal(0), []
    for component in rules.components:
        value = scores.get(component.id)
        if value is None:
            if component.required:
                return None
            continue
        weighted += value * component.weight
        weights += component.weight
        plain.append(value)
    if not plain:
        return None
    mean = weighted / weights if weights else sum(plain) / len(plain)
    return mean.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def evaluate(rules: Rules, scores: dict[int, Decimal | None], absence_percent: Decimal) -> Outcome:
    reasons: list[str] = []
    if absence_percent > rules.max_absence_percent:
        reasons.append(REASON_ABSENCE)
    if any(c.required and scores.get(c.id) is None for c in rules.components):
        reasons.append(REASON_MISSING)
    final = final_score(rules, scores)
    band = None
    if final is not None:
        if rules.min_final_score is not None and final < rules.min_final_score:
            reasons.append(REASON_BELOW_MINIMUM)
        if rules.scheme == GradingScheme.TEN_POINT:
            band = next((b for b in rules.bands if b.contains(final)), None)
            if band is not None and not band.passing and REASON_BELOW_MINIMUM not in reasons:
                reasons.append(REASON_FAILING_BAND)
    completed = not reasons
    if rules.scheme == GradingScheme.PASS_FAIL:
        classification = PASS if completed else Classification.FAIL
    else:
        classification = band.classification if band else ""
    return Outcome(final, classification, completed, tuple(reasons))


def absence_percent(absences: int, sessions: int) -> Decimal:
    if sessions <= 0:
        return Decimal(0)
    return (Decimal(absences) * 100 / Decimal(sessions)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
