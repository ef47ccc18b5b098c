"""Calibration of the overlap detector on labelled topic pairs, by writers who did not see the detector.

Four sets, each with its own topics and wordings. Three are development sets: overlap_tuning.json and
overlap_heldout.json (one writer, split by whole subject clusters) and overlap_unseen.json (a second writer,
who saw neither the detector nor the first sets). The threshold is chosen on the three together, as the one
whose weakest precision or recall over the sets is highest, so that it does not follow one writer's style:
on the first writer's sets alone it came out at 0,12, and the second writer's near-misses (a national and a
provincial resolution, Party and state documents) then scored above it. overlap_fresh.json, by a third
writer, was evaluated once the threshold was fixed and is never chosen on: a change that degrades the
detector on it fails here.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from curriculum.overlap import DEFAULT_THRESHOLD, Doc, Params, find_overlaps

DATA = Path(__file__).parent / "data"
DEFAULTS = Params()
DEVELOPMENT = ("overlap_tuning.json", "overlap_heldout.json", "overlap_unseen.json")
HELD_OUT = "overlap_fresh.json"


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def scores(data: dict, params: Params) -> dict[frozenset, float]:
    """The score of every labelled pair (0 below a tiny floor), the whole file being the corpus."""
    docs = [Doc(t["id"], t["programme"], t["title"], t["outline"], t["keywords"]) for t in data["topics"]]
    floor = replace(params, threshold=0.01)
    found = {frozenset((m.a, m.b)): m.score for m in find_overlaps(docs, floor, with_phrases=False)}
    return {frozenset((a, b)): found.get(frozenset((a, b)), 0.0) for a, b, _label in data["pairs"]}


def rates(scored: dict[frozenset, float], labels: dict[frozenset, bool], threshold: float) -> tuple[float, float]:
    flagged = {pair for pair, score in scored.items() if score >= threshold - 1e-9}
    tp = sum(1 for pair in flagged if labels[pair])
    fp = len(flagged) - tp
    fn = sum(1 for pair, label in labels.items() if label and pair not in flagged)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def labels_of(data: dict) -> dict[frozenset, bool]:
    return {frozenset((a, b)): label for a, b, label in data["pairs"]}


def evaluate(data: dict, params: Params = DEFAULTS) -> tuple[float, float]:
    return rates(scores(data, params), labels_of(data), params.threshold)


def choose_threshold(sets: list[dict], params: Params = DEFAULTS) -> float:
    """The middle of the widest run of thresholds (steps of 0,005) whose lowest precision or recall over
    `sets` is highest."""
    scored = [(scores(data, params), labels_of(data)) for data in sets]
    best, run = -1.0, []
    for step in range(10, 80):
        t = step / 200
        weakest = min(min(rates(s, labels, t)) for s, labels in scored)
        if weakest > best + 1e-12:
            best, run = weakest, [t]
        elif abs(weakest - best) <= 1e-12 and run and abs(run[-1] - (t - 0.005)) < 1e-9:
            run.append(t)
    return round(run[len(run) // 2], 3)


def test_the_labelled_sets_are_large_and_balanced():
    sets = [load(name) for name in (*DEVELOPMENT, HELD_OUT)]
    assert sum(len(data["pairs"]) for data in sets[:2]) >= 150
    assert all(len(data["pairs"]) >= 150 for data in sets[2:])
    for data in sets:
        labels = [label for _a, _b, label in data["pairs"]]
        assert 0.25 < sum(labels) / len(labels) < 0.6
        assert sum(1 for t in data["topics"] if not t["keywords"]) > len(data["topics"]) / 2
        programmes = {t["id"]: t["programme"] for t in data["topics"]}
        assert all(programmes[a] != programmes[b] for a, b, _label in data["pairs"])
    # The one writer's two halves share no topic; independent writers may well give a topic the same title.
    assert not {t["title"] for t in sets[0]["topics"]} & {t["title"] for t in sets[1]["topics"]}


def test_precision_and_recall_on_the_held_out_set():
    """Measured once, after the threshold was fixed: precision 0,914 (74 of 81 flagged), recall 0,961 (74 of
    77). At the earlier threshold of 0,12 it would have been 0,822 and 0,961."""
    precision, recall = evaluate(load(HELD_OUT))
    print(f"\nheld-out pairs at threshold {DEFAULT_THRESHOLD}: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.90
    assert recall >= 0.90


def test_the_development_sets_keep_their_figures():
    """Measured when the threshold was chosen: tuning 0,956 / 0,896, first held-out half 0,935 / 0,896,
    second writer 0,898 / 0,978 (precision / recall)."""
    for name in DEVELOPMENT:
        precision, recall = evaluate(load(name))
        assert precision >= 0.89 and recall >= 0.89, (name, precision, recall)


def test_the_default_threshold_is_the_one_the_development_sets_give():
    assert choose_threshold([load(name) for name in DEVELOPMENT]) == DEFAULT_THRESHOLD
