"""Checks on a version's content and rules before anything is written.

The same checks serve the edit form, the importer and the catalogue loader. Every message is in the
interface language and names the field or the row it is about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from core.text import format_decimal
from curriculum.choices import (
    AssessmentKind,
    CertificateType,
    Classification,
    GradingScheme,
    PrerequisiteKind,
    VersionStatus,
)

HEADER_FIELDS = [
    "label", "issuer", "document_number", "document_date", "effective_from", "effective_to", "duration",
    "total_periods", "grading_scheme", "max_absence_percent", "min_final_score", "certificate_type",
    "provisional", "notes",
]
TOPIC_FIELDS = ["code", "title", "outline", "keywords", "lecture_periods", "discussion_periods", "fieldwork_periods"]
COMPONENT_FIELDS = ["kind", "name", "weight", "required"]
BAND_FIELDS = ["classification", "min_score", "max_score", "passing"]
PREREQUISITE_FIELDS = ["kind", "required_programme", "within_months", "note"]

TEN = Decimal(10)
HUNDRED = Decimal(100)


@dataclass
class VersionContent:
    """Everything a version holds, as plain values. Items may carry "_where", the row name used in messages."""

    header: dict
    topics: list[dict] = field(default_factory=list)
    components: list[dict] = field(default_factory=list)
    bands: list[dict] = field(default_factory=list)
    prerequisites: list[dict] = field(default_factory=list)

    @property
    def topic_periods(self) -> int:
        return sum(_periods(t) for t in self.topics)


def _periods(topic: dict) -> int:
    return sum(int(topic.get(k) or 0) for k in ("lecture_periods", "discussion_periods", "fieldwork_periods"))


def _where(item: dict, default: str) -> str:
    return item.get("_where") or default


def _check_header(header: dict, errors: list[str]) -> None:
    total = header.get("total_periods")
    if total is None or int(total) < 0:
        errors.append(_("Total periods: enter a whole number of periods, 0 or more."))
    start, end = header.get("effective_from"), header.get("effective_to")
    if start and end and end < start:
        errors.append(_("Effective to: the end date is before the start date."))
    if header.get("grading_scheme") not in GradingScheme.values:
        errors.append(_("Grading scheme: unknown value “%(v)s”.") % {"v": header.get("grading_scheme")})
    if header.get("certificate_type") not in CertificateType.values:
        errors.append(_("Certificate type: unknown value “%(v)s”.") % {"v": header.get("certificate_type")})
    absence = header.get("max_absence_percent")
    if absence is None or not (0 <= Decimal(absence) <= HUNDRED):
        errors.append(_("Maximum share of absent sessions: enter a percentage from 0 to 100."))
    score = header.get("min_final_score")
    if score is not None and not (0 <= Decimal(score) <= TEN):
        errors.append(_("Minimum final score: enter a score from 0 to 10."))
    if score is None and header.get("grading_scheme") == GradingScheme.TEN_POINT:
        errors.append(_("Minimum final score: required on the 10-point scale."))


def _check_topics(content: VersionContent, errors: list[str]) -> None:
    for index, topic in enumerate(content.topics, start=1):
        where = _where(topic, _("Topic %(n)s") % {"n": index})
        if not (topic.get("title") or "").strip():
            errors.append(_("%(where)s: the title is empty.") % {"where": where})
        for key in ("lecture_periods", "discussion_periods", "fieldwork_periods"):
            value = topic.get(key)
            if value is None or int(value) < 0:
                errors.append(_("%(where)s: periods must be whole numbers, 0 or more.") % {"where": where})
                break
    total = content.header.get("total_periods")
    if total is not None and content.topic_periods != int(total):
        errors.append(
            _("Total periods: the version states %(stated)s periods but its topics add up to %(sum)s.")
            % {"stated": total, "sum": content.topic_periods}
        )


def _check_components(content: VersionContent, errors: list[str]) -> None:
    total = Decimal(0)
    for index, component in enumerate(content.components, start=1):
        where = _where(component, _("Assessment component %(n)s") % {"n": index})
        if component.get("kind") not in AssessmentKind.values:
            errors.append(_("%(where)s: the kind must be essay, test or exam.") % {"where": where})
        if not (component.get("name") or "").strip():
            errors.append(_("%(where)s: the name is empty.") % {"where": where})
        weight = component.get("weight")
        if weight is None or not (0 < Decimal(weight) <= HUNDRED):
            errors.append(_("%(where)s: the weight must be above 0 and at most 100 %%.") % {"where": where})
        else:
            total += Decimal(weight)
    if content.components and total != HUNDRED:
        errors.append(
            _("Assessment weights: the components add up to %(sum)s %% instead of 100 %%.")
            % {"sum": format_decimal(total, 2).rstrip("0").rstrip(",")}
        )


def _band_label(band: dict) -> str:
    try:
        name = Classification(band.get("classification")).label
    except ValueError:
        name = str(band.get("classification"))
    return f"{name} ({format_decimal(band['min_score'])}–{format_decimal(band['max_score'])})"


def _check_bands(content: VersionContent, errors: list[str]) -> None:
    scheme = content.header.get("grading_scheme")
    if scheme == GradingScheme.PASS_FAIL:
        if content.bands:
            errors.append(_("Classification bands: a pass/fail scheme has no score bands; remove them."))
        return
    if not content.bands:
        errors.append(_("Classification bands: the 10-point scale needs at least one band."))
        return
    valid = []
    for index, band in enumerate(content.bands, start=1):
        where = _where(band, _("Classification band %(n)s") % {"n": index})
        if band.get("classification") not in Classification.values:
            errors.append(_("%(where)s: unknown classification “%(v)s”.") % {"where": where,
                                                                          "v": band.get("classification")})
            continue
        low, high = band.get("min_score"), band.get("max_score")
        if low is None or high is None:
            errors.append(_("%(where)s: enter both scores.") % {"where": where})
            continue
        low, high = Decimal(low), Decimal(high)
        if not (0 <= low < high <= TEN):
            errors.append(_("%(where)s: scores must satisfy 0 ≤ from < below ≤ 10.") % {"where": where})
            continue
        if low != low.quantize(Decimal("0.1")) or high != high.quantize(Decimal("0.1")):
            errors.append(_("%(where)s: scores have one decimal at most.") % {"where": where})
            continue
        valid.append(band)
    ordered = sorted(valid, key=lambda b: Decimal(b["min_score"]))
    for first, second in zip(ordered, ordered[1:], strict=False):
        if Decimal(second["min_score"]) < Decimal(first["max_score"]):
            errors.append(_("Classification bands: %(a)s overlaps %(b)s.")
                          % {"a": _band_label(first), "b": _band_label(second)})
        elif Decimal(second["min_score"]) > Decimal(first["max_score"]):
            errors.append(_("Classification bands: scores from %(low)s to %(high)s fall in no band.")
                          % {"low": format_decimal(first["max_score"]), "high": format_decimal(second["min_score"])})
    if len(valid) == len(content.bands) and ordered:
        if Decimal(ordered[0]["min_score"]) > 0 or Decimal(ordered[-1]["max_score"]) < TEN:
            errors.append(_("Classification bands: the bands must cover every score from 0 to 10."))


def _prerequisite_graph(programme_id, excluding_version_id) -> dict[int, set[int]]:
    from curriculum.models import Prerequisite

    rows = (
        Prerequisite.objects.filter(kind=PrerequisiteKind.PROGRAMME_COMPLETED, required_programme__isnull=False,
                                    version__status__in=[VersionStatus.DRAFT, VersionStatus.PUBLISHED])
        .exclude(version_id=excluding_version_id)
        .values_list("version__programme_id", "required_programme_id")
    )
    graph: dict[int, set[int]] = {}
    for source, target in rows:
        graph.setdefault(source, set()).add(target)
    return graph


def _find_path(graph: dict[int, set[int]], start: int, goal: int) -> list[int] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        if node == goal:
            return path
        if node in seen:
            continue
        seen.add(node)
        for nxt in graph.get(node, ()):
            stack.append((nxt, path + [nxt]))
    return None


def _check_prerequisites(programme, content: VersionContent, version_id, errors: list[str]) -> None:
    from curriculum.models import Programme

    required_ids = []
    for index, item in enumerate(content.prerequisites, start=1):
        where = _where(item, _("Prerequisite %(n)s") % {"n": index})
        kind = item.get("kind")
        if kind == PrerequisiteKind.PROGRAMME_COMPLETED:
            required = item.get("required_programme")
            if required is None:
                errors.append(_("%(where)s: choose the programme to be completed first.") % {"where": where})
            elif programme.pk and required.pk == programme.pk:
                errors.append(_("%(where)s: a programme cannot require itself.") % {"where": where})
            else:
                required_ids.append((where, required.pk))
        elif kind == PrerequisiteKind.PARTY_ADMISSION_WINDOW:
            months = item.get("within_months")
            if not months or int(months) <= 0:
                errors.append(_("%(where)s: enter the number of months after party admission.") % {"where": where})
        else:
            errors.append(_("%(where)s: unknown kind of prerequisite “%(v)s”.") % {"where": where, "v": kind})
    if not required_ids or not programme.pk:
        return
    graph = _prerequisite_graph(programme.pk, version_id)
    graph.setdefault(programme.pk, set()).update(pk for _w, pk in required_ids)
    for where, required_pk in required_ids:
        path = _find_path(graph, required_pk, programme.pk)
        if path:
            codes = dict(Programme.objects.filter(pk__in=path).values_list("pk", "code"))
            chain = " → ".join([programme.code] + [codes.get(pk, "?") for pk in path])
            errors.append(_("%(where)s: the prerequisites form a cycle: %(chain)s.") % {"where": where,
                                                                                      "chain": chain})


def validate_content(programme, content: VersionContent, *, version_id=None) -> list[str]:
    errors: list[str] = []
    _check_header(content.header, errors)
    _check_topics(content, errors)
    _check_components(content, errors)
    _check_bands(content, errors)
    _check_prerequisites(programme, content, version_id, errors)
    return errors


def validate_for_publishing(content: VersionContent) -> list[str]:
    errors = []
    if not content.topics:
        errors.append(_("Topics: a version needs at least one topic before it is published."))
    return errors
