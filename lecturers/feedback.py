"""Reading feedback results: only aggregates, and only of surveys past the thresholds of their template."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from lecturers.models import RatingCount, Section, Survey, SurveyItem, TemplateQuestion, TextAnswer


def _avg(total: int, n: int) -> Decimal | None:
    return (Decimal(total) / n).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if n else None


@dataclass
class ItemResult:
    item: SurveyItem
    n: int = 0
    total: int = 0
    distribution: dict[int, int] = field(default_factory=dict)

    @property
    def average(self) -> Decimal | None:
        return _avg(self.total, self.n)

    @property
    def band(self) -> str:
        return self.item.survey.template.band(self.average)


def survey_results(survey: Survey) -> list[ItemResult]:
    """Per item of a survey: answers, average, counts per score (two queries)."""
    items = {item.pk: ItemResult(item) for item in survey.items.filter(kind=TemplateQuestion.Kind.RATING)
             .select_related("question", "survey__template")}
    for item_id, score, count in RatingCount.objects.filter(item__survey=survey).values_list("item_id", "score", "count"):
        result = items[item_id]
        result.distribution[score] = count
        result.n += count
        result.total += count * score
    return list(items.values())


def band_counts(survey: Survey, results: list[ItemResult]) -> list[tuple[str, int]]:
    """Scores of all items counted in the template's bands (a score on a boundary goes to the higher band)."""
    bands = survey.template.bands
    counts = [0] * len(bands)
    for result in results:
        for score, count in result.distribution.items():
            index = next((i for i in range(len(bands) - 1, -1, -1) if score >= bands[i][0]), 0)
            counts[index] += count
    return [(band[2], counts[i]) for i, band in enumerate(bands)]


def visible_texts(survey: Survey, *, reviewer: bool):
    texts = TextAnswer.objects.filter(item__survey=survey).select_related("item__question")
    return texts if reviewer else texts.filter(status=TextAnswer.Status.PUBLISHED)


@dataclass(frozen=True)
class Aggregate:
    key: tuple
    label: str
    surveys: int
    n: int
    total: int

    @property
    def average(self) -> Decimal | None:
        return _avg(self.total, self.n)


def passing_surveys(rows):
    """Rows of (survey-level) sums whose survey passes its thresholds."""
    for row in rows:
        forms, learners = row["survey__valid_forms"], row["survey__learners"]
        if forms >= row["survey__template__min_answers"] and \
                forms * 100 >= row["survey__template__min_share_percent"] * learners:
            yield row


_SURVEY_FIELDS = ("survey_id", "survey__valid_forms", "survey__learners", "survey__template__min_answers",
                  "survey__template__min_share_percent")


def rating_sums(items, *group):
    """Sums over rated items (their running totals), per survey and the given grouping."""
    return (items.filter(kind=TemplateQuestion.Kind.RATING).values(*_SURVEY_FIELDS, *group)
            .annotate(n=Sum("answers"), total=Sum("score_total")).order_by())


def lecturer_results(person_id: int, *, centre_ids=None) -> list[Aggregate]:
    """A lecturer's scores per class and topic, across classes and years (one query)."""
    items = SurveyItem.objects.filter(lecturer__person_id=person_id, section=Section.LECTURER)
    if centre_ids is not None:
        items = items.filter(survey__klass__centre_id__in=centre_ids)
    rows = rating_sums(items, "survey__klass__code", "survey__klass__start_date", "topic__title")
    result = [Aggregate((r["survey__klass__start_date"], r["survey__klass__code"]),
                        f'{r["survey__klass__code"]} · {r["topic__title"] or "—"}', 1, r["n"] or 0,
                        r["total"] or 0) for r in passing_surveys(rows)]
    return sorted(result, key=lambda a: a.key, reverse=True)


def _person_name(row) -> str:
    return " ".join(p for p in (row["lecturer__person__family_name"], row["lecturer__person__middle_name"],
                                row["lecturer__person__given_name"]) if p)


def centre_results(centre_ids) -> dict[str, list[Aggregate]]:
    """Per lecturer, per topic and per section for a set of centres (three queries)."""
    base = SurveyItem.objects.filter(survey__klass__centre_id__in=list(centre_ids))
    out: dict[str, list[Aggregate]] = {}
    for name, group, label in (
        ("lecturers", ("lecturer__person_id", "lecturer__person__family_name", "lecturer__person__middle_name",
                       "lecturer__person__given_name"), _person_name),
        ("topics", ("topic__title",), lambda r: r["topic__title"] or "—"),
        ("sections", ("section",), lambda r: str(Section(r["section"]).label)),
    ):
        queryset = base.filter(section=Section.LECTURER) if name != "sections" else base
        merged: dict[tuple, list] = defaultdict(lambda: [set(), 0, 0, ""])
        for row in passing_surveys(rating_sums(queryset, *group)):
            key = tuple(row[g] for g in group[:1])
            entry = merged[key]
            entry[0].add(row["survey_id"])
            entry[1] += row["n"] or 0
            entry[2] += row["total"] or 0
            entry[3] = label(row)
        out[name] = sorted((Aggregate(k, v[3], len(v[0]), v[1], v[2]) for k, v in merged.items()),
                           key=lambda a: a.label)
    return out


def province_results(centres) -> list[Aggregate]:
    """The average score of every centre (all questions of its counted surveys; one query)."""
    centres = list(centres)
    names = dict(centres)
    merged: dict[int, list] = defaultdict(lambda: [set(), 0, 0])
    rows = rating_sums(SurveyItem.objects.filter(survey__klass__centre_id__in=list(names)), "survey__klass__centre_id")
    for row in passing_surveys(rows):
        entry = merged[row["survey__klass__centre_id"]]
        entry[0].add(row["survey_id"])
        entry[1] += row["n"] or 0
        entry[2] += row["total"] or 0
    return [Aggregate((pk,), names[pk], len(merged[pk][0]), merged[pk][1], merged[pk][2]) if pk in merged
            else Aggregate((pk,), names[pk], 0, 0, 0) for pk, _name in centres]
