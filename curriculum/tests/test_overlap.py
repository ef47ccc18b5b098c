"""The overlap detector: quality on the labelled pairs, exactness of the index, Vietnamese handling."""

from __future__ import annotations

import itertools
import json
import math
import random
from pathlib import Path

import pytest

from curriculum.overlap import DEFAULT_THRESHOLD, Doc, _vectors, find_overlaps, syllables

LABELLED = Path(__file__).parent / "data" / "overlap_pairs.json"


def _text(topic) -> str:
    return f'{topic["title"]}. {topic["title"]}. {topic["outline"]} {topic["keywords"].replace(";", ".")}'


def evaluate(threshold=DEFAULT_THRESHOLD) -> tuple[float, float, int]:
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    docs = [Doc(t["id"], t["programme"], _text(t)) for t in data["topics"]]
    flagged = {frozenset((m.a, m.b)) for m in find_overlaps(docs, threshold=threshold, with_phrases=False)}
    tp = sum(1 for a, b, label in data["pairs"] if label and frozenset((a, b)) in flagged)
    fp = sum(1 for a, b, label in data["pairs"] if not label and frozenset((a, b)) in flagged)
    fn = sum(1 for a, b, label in data["pairs"] if label and frozenset((a, b)) not in flagged)
    return tp / (tp + fp), tp / (tp + fn), len(data["pairs"])


def test_precision_and_recall_on_the_labelled_pairs():
    precision, recall, count = evaluate()
    print(f"\noverlap detector on {count} labelled pairs: precision {precision:.2f}, recall {recall:.2f}")
    assert precision >= 0.85
    assert recall >= 0.85


def _brute_force(docs, threshold):
    vectors, _df = _vectors(docs)
    found = set()
    for i, j in itertools.combinations(range(len(docs)), 2):
        if docs[i].group == docs[j].group:
            continue
        score = sum(w * vectors[j].get(f, 0.0) for f, w in vectors[i].items())
        if score >= threshold - 1e-9:
            found.add((frozenset((docs[i].key, docs[j].key)), round(score, 4)))
    return found


@pytest.mark.parametrize("threshold", [0.2, 0.3, 0.5])
def test_index_finds_exactly_the_pairs_that_scoring_every_pair_finds(threshold):
    rng = random.Random(7)
    words = ("xây dựng đảng chính trị tổ chức cơ sở dân vận kinh tế xã hội quốc phòng an ninh lịch sử văn hóa "
             "giáo dục pháp luật nhà nước mặt trận đoàn thể chi bộ đảng viên kiểm tra giám sát").split()
    docs = []
    for i in range(160):
        if i > 20 and rng.random() < 0.25:
            source = docs[rng.randrange(i)].text.split()
            rng.shuffle(source)
            text = " ".join(w if rng.random() > 0.2 else rng.choice(words) for w in source)
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 40)))
        docs.append(Doc(i, i // 8, text))
    indexed = {(frozenset((m.a, m.b)), round(m.score, 4)) for m in find_overlaps(docs, threshold=threshold,
                                                                                   with_phrases=False)}
    assert indexed == _brute_force(docs, threshold)
    if threshold <= 0.3:
        assert indexed  # the corpus does contain pairs above these thresholds


def test_diacritics_case_and_word_order_do_not_hide_an_overlap():
    a = "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh; nâng cao chất lượng sinh hoạt chi bộ"
    b = "NÂNG CAO CHẤT LƯỢNG SINH HOẠT CHI BỘ và xay dung to chuc co so dang trong sach vung manh"
    noise = ["Đường lối đối ngoại và hội nhập quốc tế", "Bảo vệ chủ quyền biển, đảo"]
    docs = [Doc(1, "A", a), Doc(2, "B", b)] + [Doc(10 + i, f"N{i}", t) for i, t in enumerate(noise)]
    matches = find_overlaps(docs)
    assert [(m.a, m.b) for m in matches] == [(1, 2)]
    assert matches[0].score > 0.9
    assert "sinh hoạt chi bộ" in " | ".join(matches[0].phrases)


def test_nfd_input_is_normalised():
    composed = "Lịch sử Đảng bộ địa phương"
    import unicodedata

    decomposed = unicodedata.normalize("NFD", composed)
    assert syllables(decomposed) == syllables(composed)


def test_pairs_in_the_same_programme_are_not_reported():
    docs = [Doc(1, "A", "Lịch sử Đảng Cộng sản Việt Nam"), Doc(2, "A", "Lịch sử Đảng Cộng sản Việt Nam")]
    assert find_overlaps(docs) == []


def test_function_words_are_judged_with_their_diacritics():
    # "cơ" in "cơ sở" must survive although "có" (has) is a function word.
    assert [o for o, _k in syllables("tổ chức cơ sở có đảng viên")] == ["tổ", "chức", "cơ", "sở", "đảng", "viên"]
    assert math.isclose(sum(1 for _ in syllables("")), 0)
