"""Calibration of the overlap detector on labelled topic pairs it was not written around.

The pairs are in two files: the threshold and weights of `curriculum.overlap` were chosen on
overlap_tuning.json only; overlap_heldout.json holds other subjects, programmes and wordings and is
never tuned on. A change that degrades the detector on the held-out pairs fails here.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from curriculum.overlap import DEFAULT_THRESHOLD, Doc, Params, find_overlaps

DATA = Path(__file__).parent / "data"
DEFAULTS = Params()


def load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def scores(data: dict, params: Params) -> dict[frozenset, float]:
    """The score of every labelled pair (0 below a tiny floor), the whole file being the corpus."""
    docs = [Doc(t["id"], t["programme"], t["title"], t["outline"], t["keywords"]) for t in data["topics"]]
    floor = replace(params, threshold=0.01)
    found = {frozenset((m.a, m.b)): m.score for m in find_overlaps(docs, floor, with_phrases=False)}
    return {frozenset((a, b)): found.get(frozenset((a, b)), 0.0) for a, b, _label in data["pairs"]}


def evaluate(data: dict, params: Params = DEFAULTS) -> tuple[float, float]:
    scored = scores(data, params)
    flagged = {pair for pair, score in scored.items() if score >= params.threshold - 1e-9}
    labels = {frozenset((a, b)): label for a, b, label in data["pairs"]}
    tp = sum(1 for pair in flagged if labels[pair])
    fp = len(flagged) - tp
    fn = sum(1 for pair, label in labels.items() if label and pair not in flagged)
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def test_the_labelled_set_is_large_and_balanced():
    tuning, heldout = load("overlap_tuning.json"), load("overlap_heldout.json")
    assert len(tuning["pairs"]) + len(heldout["pairs"]) >= 150
    for data in (tuning, heldout):
        labels = [label for _a, _b, label in data["pairs"]]
        assert 0.25 < sum(labels) / len(labels) < 0.6
        assert sum(1 for t in data["topics"] if not t["keywords"]) > len(data["topics"]) / 2
        programmes = {t["id"]: t["programme"] for t in data["topics"]}
        assert all(programmes[a] != programmes[b] for a, b, _label in data["pairs"])
    assert not {t["title"] for t in tuning["topics"]} & {t["title"] for t in heldout["topics"]}


def test_precision_and_recall_on_the_held_out_pairs():
    """Measured when the threshold was chosen (on the tuning half, with the equivalent terms of
    `curriculum.overlap.DEFAULT_EQUIVALENT_TERMS` chosen on that half too): precision 0,94 (44 of 47
    flagged), recall 0,92 (44 of 48). Before the equivalent terms it was 0,93 and 0,875: topics naming one
    subject in other words ("đồng bào có đạo" for "tôn giáo") were missed."""
    precision, recall = evaluate(load("overlap_heldout.json"))
    print(f"\nheld-out pairs at threshold {DEFAULT_THRESHOLD}: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.90
    assert recall >= 0.90


def test_the_default_threshold_is_the_one_the_tuning_half_gives():
    assert choose_threshold(load("overlap_tuning.json")) == DEFAULT_THRESHOLD


def choose_threshold(data: dict, params: Params = DEFAULTS) -> float:
    """The middle of the widest run of thresholds (steps of 0,01) with the best F1 on `data`."""
    scored = scores(data, params)
    labels = {frozenset((a, b)): label for a, b, label in data["pairs"]}
    best, run = -1.0, []
    for step in range(5, 80):
        t = step / 100
        tp = sum(1 for p, s in scored.items() if s >= t - 1e-9 and labels[p])
        fp = sum(1 for p, s in scored.items() if s >= t - 1e-9 and not labels[p])
        fn = sum(1 for p, s in scored.items() if s < t - 1e-9 and labels[p])
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best + 1e-12:
            best, run = f1, [t]
        elif abs(f1 - best) <= 1e-12 and run and abs(run[-1] - (t - 0.01)) < 1e-9:
            run.append(t)
    return round(run[len(run) // 2], 2)
