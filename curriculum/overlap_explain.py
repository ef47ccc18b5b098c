"""Why two topics were flagged: their overlapping passages side by side, the shared phrases, the periods
involved and the decision history."""

from __future__ import annotations

from dataclasses import dataclass
from unicodedata import normalize

from django.utils.translation import gettext_lazy as _

from core.models import AuditEvent
from curriculum.choices import OverlapDecision, OverlapVerdict
from curriculum.models import OverlapReview, Topic
from curriculum.models.overlap import detector_params
from curriculum.overlap import Doc, Params, features, shared_phrases, syllables, vectors
from curriculum.overlap_report import TopicPair, catalogue_topics, topic_group


@dataclass
class Passage:
    text: str
    shared: bool


@dataclass
class FieldText:
    label: str
    passages: list[Passage]


@dataclass
class HistoryRow:
    event: AuditEvent
    verdict: str
    decision: str
    periods_saved: int
    note: str


@dataclass
class Explanation:
    pair: TopicPair
    threshold: float
    fields_a: list[FieldText]
    fields_b: list[FieldText]
    history: list[HistoryRow]


def _history(review) -> list[HistoryRow]:
    verdicts, decisions = dict(OverlapVerdict.choices), dict(OverlapDecision.choices)
    rows = []
    for event in AuditEvent.objects.for_object(review).select_related("actor"):
        after = event.after or {}
        rows.append(HistoryRow(event, str(verdicts.get(after.get("verdict"), after.get("verdict", ""))),
                               str(decisions.get(after.get("decision"), "")), after.get("periods_saved") or 0,
                               after.get("note", "")))
    return rows


def highlight(text: str, shared: set[str], params: Params) -> list[Passage]:
    """`text` cut into passages, those made of bigrams both topics have marked as shared."""
    kept = [s for s in syllables(text, params.stops, params.terms) if s.kept]
    found = [(x.start, y.end) for x, y in zip(kept, kept[1:], strict=False)
             if x.segment == y.segment and f"{x.key} {y.key}" in shared]
    found += [(x.start, x.end) for x in kept if x.key[0] == "=" and x.key in shared]  # an equivalent term both name
    spans: list[list[int]] = []
    for start, end in sorted(found):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    passages, position = [], 0
    for start, end in spans:
        if start > position:
            passages.append(Passage(text[position:start], False))
        passages.append(Passage(text[start:end], True))
        position = end
    if position < len(text):
        passages.append(Passage(text[position:], False))
    return passages


def _fields(topic, shared: set[str], params: Params) -> list[FieldText]:
    out = [FieldText(str(_("title")), highlight(normalize("NFC", topic.title), shared, params))]
    if topic.outline:
        out.append(FieldText(str(_("outline")), highlight(normalize("NFC", topic.outline), shared, params)))
    if topic.keywords:
        out.append(FieldText(str(_("keywords")), highlight(normalize("NFC", topic.keywords), shared, params)))
    return out


def explain_pair(*, user, a: Topic, b: Topic) -> Explanation:
    """The pair scored in the catalogue of the user's scope (its weights come from there)."""
    params = detector_params()
    corpus = [t for t in catalogue_topics(user) if t.pk not in (a.pk, b.pk)]
    docs = [Doc(i, topic_group(t), t.title, t.outline, t.keywords) for i, t in enumerate([a, b, *corpus])]
    va, vb = vectors(docs, params)[:2]
    score = round(sum(w * vb[f] for f, w in va.items() if f in vb), 4)
    phrases = shared_phrases(docs[0], va, vb, params, count=12)
    shared = set(features(docs[0], params)) & set(features(docs[1], params))
    low, high = sorted([a.lineage, b.lineage], key=str)
    review = OverlapReview.objects.filter(lineage_low=low, lineage_high=high).select_related("reviewed_by").first()
    history = _history(review) if review else []
    return Explanation(TopicPair(a, b, score, phrases, review), params.threshold, _fields(a, shared, params),
                       _fields(b, shared, params), history)
