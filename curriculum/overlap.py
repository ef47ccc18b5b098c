"""Finding topics whose content overlaps, in Vietnamese.

Texts are normalised to NFC and lower case, function words are dropped (judged on the syllable with
its diacritics, so "cơ" in "cơ sở" is not mistaken for "có"), and each remaining syllable is reduced
to its diacritic-free form (đ → d). A topic becomes a sparse vector of syllable unigrams and bigrams
weighted by TF-IDF; two topics overlap when the cosine of their vectors reaches the threshold.
Bigrams keep compound words ("chính trị", "xây dựng") together, so reordering phrases or adding a
few words changes the score little.

All pairs are considered without scoring them one by one: this is the AllPairs scheme of Bayardo,
Ma and Srikant (2007). Features are ranked from most to least frequent; for each topic the leading
frequent features whose largest possible contribution to any cosine stays below the threshold are
not indexed. Two topics reaching the threshold must then share an indexed feature, so the inverted
index over the rarer features yields every qualifying pair, and each candidate's score is completed
exactly from the unindexed part. The result is exact for every pair at or above the threshold.
"""

from __future__ import annotations

import gc
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

# Chosen on the labelled pairs in curriculum/tests/data/overlap_pairs.json (see the test there).
DEFAULT_THRESHOLD = 0.30

_WORD = re.compile(r"[^\W_]+")

# Function words and the generic vocabulary of syllabi that says nothing about a topic's subject.
STOPWORDS = frozenset(
    """và của các những trong về với cho là để một có được này đó khi thì từ theo trên tại như cũng đã sẽ
    hoặc hay mà nhằm ra vào bị gì nào nên vì do đến sau trước giữa qua bởi rằng thế ấy lại còn đều
    rất nhiều ít mọi mỗi từng đây kia họ chúng ta tôi mình việc phải cần không chưa đang vẫn bài
    i ii iii iv v vi vii viii ix x""".split()
)
# Two-syllable expressions that are generic in syllabi; their syllables alone may carry meaning
# ("số" in "chuyển đổi số", "học" in "khoa học"), so they are removed only together.
STOP_PHRASES = frozenset(
    tuple(p.split()) for p in (
        "chuyên đề", "học phần", "nội dung", "khái niệm", "vấn đề", "cơ bản", "một số", "nhất định", "chủ yếu",
        "quan trọng", "thực hiện", "tình hình", "giải pháp", "phương hướng", "nhiệm vụ", "mục tiêu",
    )
)


def _strip_table() -> dict[int, str]:
    """One-character mapping from every Vietnamese letter to its bare letter, so a whole text is
    stripped by one str.translate call and its words stay aligned with the original's."""
    table = {ord("đ"): "d", ord("Đ"): "d"}
    for code in range(0x00C0, 0x1EFF + 1):
        char = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
        if len(base) == 1 and base != char:
            table[code] = base.lower()
    return table


_STRIP = _strip_table()


def syllables(text: str) -> list[tuple[str, str]]:
    """(original, diacritic-free key) for each content syllable of `text`."""
    lowered = unicodedata.normalize("NFC", text or "").lower()
    originals = _WORD.findall(lowered)
    keys = _WORD.findall(lowered.translate(_STRIP))
    if len(keys) != len(originals):  # a character outside the table split differently; fall back per word
        keys = [w.translate(_STRIP) for w in originals]
    kept = []
    skip_next = False
    for i, (o, k) in enumerate(zip(originals, keys, strict=True)):
        if skip_next:
            skip_next = False
            continue
        if i + 1 < len(originals) and (o, originals[i + 1]) in STOP_PHRASES:
            skip_next = True
            continue
        if o not in STOPWORDS:
            kept.append((o, k))
    return kept


def features(text: str) -> dict[str, int]:
    """Counts of syllable bigrams. Single syllables are left out: the few hundred that make up the
    vocabulary of the field occur in nearly every topic, say little alone, and would make the index
    dense; a one-syllable text keeps its syllable so it is not empty."""
    keys = [k for _o, k in syllables(text)]
    counts: dict[str, int] = {}
    get = counts.get
    if len(keys) == 1:
        counts[keys[0]] = 1
    for a, b in zip(keys, keys[1:], strict=False):
        k = a + " " + b
        counts[k] = get(k, 0) + 1
    return counts


@dataclass(frozen=True)
class Doc:
    key: object  # e.g. the topic id
    group: object  # e.g. the programme id: pairs within one group are not reported
    text: str


@dataclass
class Match:
    a: object
    b: object
    score: float
    phrases: list[str] = field(default_factory=list)


def _vectors(docs: Sequence[Doc]) -> tuple[list[dict[str, float]], dict[str, int]]:
    counts = [features(d.text) for d in docs]
    df: dict[str, int] = {}
    get = df.get
    for c in counts:
        for f in c:
            df[f] = get(f, 0) + 1
    n = len(docs)
    idf = {f: math.log((n + 1) / (d + 1)) + 1.0 for f, d in df.items()}
    log = math.log
    vectors = []
    for c in counts:
        vec = {}
        for f, tf in c.items():
            w = (1.0 + log(tf)) * idf[f]
            vec[f] = w
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        vectors.append({f: w / norm for f, w in vec.items()})
    return vectors, df


def find_overlaps(docs: Sequence[Doc], *, threshold: float = DEFAULT_THRESHOLD, with_phrases: bool = True,
                  phrase_count: int = 6) -> list[Match]:
    """Every pair of documents of different groups with cosine ≥ threshold, best first."""
    # The index is hundreds of thousands of small tuples and no cycles: the cyclic garbage collector
    # would walk it again and again while it grows, for nothing.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _find_overlaps(docs, threshold, with_phrases, phrase_count)
    finally:
        if collecting:
            gc.enable()


def _find_overlaps(docs: Sequence[Doc], threshold: float, with_phrases: bool, phrase_count: int) -> list[Match]:
    vectors, df = _vectors(docs)
    rank = {f: i for i, f in enumerate(sorted(df, key=lambda f: (-df[f], f)))}  # most frequent first
    maxw: dict[str, float] = {}
    for vec in vectors:
        for f, w in vec.items():
            if w > maxw.get(f, 0.0):
                maxw[f] = w
    groups = [d.group for d in docs]
    index: dict[str, list[tuple[int, float]]] = {}
    prefixes: list[dict[str, float]] = []  # the unindexed, frequent features of each document
    prefix_bounds: list[float] = []  # the most a prefix adds to any cosine (< threshold)
    prefix_norms: list[float] = []
    boundaries: list[int] = []  # rank of the first indexed feature
    found: list[tuple[int, int, float]] = []
    sqrt = math.sqrt
    for x, vec in enumerate(vectors):
        items = sorted((rank[f], f, w) for f, w in vec.items())
        ranks = [r for r, _f, _w in items]
        cumulative = [0.0]
        total = 0.0
        for _r, _f, w in items:
            total += w * w
            cumulative.append(total)
        # Query the indexed parts of the earlier documents.
        acc: dict[int, float] = {}
        acc_get = acc.get
        for f, w in vec.items():
            postings = index.get(f)
            if postings:
                for y, wy in postings:
                    acc[y] = acc_get(y, 0.0) + w * wy
        group = groups[x]
        vec_get = vec.get
        for y, partial in acc.items():
            if partial + prefix_bounds[y] < threshold or groups[y] == group:
                continue
            # y's prefix only holds features ranked before its boundary; by Cauchy–Schwarz it adds at
            # most |x restricted to those ranks| × |prefix of y|.
            if partial + sqrt(cumulative[bisect_left(ranks, boundaries[y])]) * prefix_norms[y] < threshold:
                continue
            score = partial
            for f, wy in prefixes[y].items():
                wx = vec_get(f)
                if wx:
                    score += wx * wy
            if score >= threshold - 1e-9:
                found.append((y, x, score))
        # Index x, leaving out the leading frequent features that cannot reach the threshold alone.
        by_max = by_norm = 0.0
        prefix: dict[str, float] = {}
        position = 0
        for _r, f, w in items:
            next_max = by_max + w * maxw[f]
            next_norm = by_norm + w * w
            if min(next_max, sqrt(next_norm)) >= threshold:
                break
            by_max, by_norm = next_max, next_norm
            prefix[f] = w
            position += 1
        for _r, f, w in items[position:]:
            if df[f] > 1:
                index.setdefault(f, []).append((x, w))
        prefixes.append(prefix)
        prefix_bounds.append(min(by_max, sqrt(by_norm)))
        prefix_norms.append(sqrt(by_norm))
        boundaries.append(items[position][0] if position < len(items) else len(rank))
    found.sort(key=lambda item: -item[2])
    matches = [Match(docs[a].key, docs[b].key, round(score, 4)) for a, b, score in found]
    if with_phrases:
        cache: dict[int, list[tuple[str, str]]] = {}
        for match, (a, b, _s) in zip(matches, found, strict=True):
            if a not in cache:
                cache[a] = syllables(docs[a].text)
            match.phrases = shared_phrases(cache[a], vectors[a], vectors[b], phrase_count)
    return matches


def shared_phrases(words: list[tuple[str, str]], a: dict[str, float], b: dict[str, float], count: int) -> list[str]:
    """The longest runs of `words` (document a) whose every bigram is shared with b, as first written,
    strongest first: "hệ thống chính trị" rather than three overlapping bigrams."""
    runs: dict[str, tuple[float, str]] = {}
    start = 0
    while start < len(words) - 1:
        end = start
        weight = 0.0
        while end < len(words) - 1:
            key = words[end][1] + " " + words[end + 1][1]
            if key not in b:
                break
            weight += a.get(key, 0.0) * b[key]
            end += 1
        if end > start:
            run_key = " ".join(k for _o, k in words[start:end + 1])
            if run_key not in runs or runs[run_key][0] < weight:
                runs[run_key] = (weight, " ".join(o for o, _k in words[start:end + 1]))
            start = end
        else:
            start += 1
    ordered = sorted(runs.values(), key=lambda item: -item[0])
    return [text for _w, text in ordered[:count]]


def cosine(text_a: str, text_b: str, corpus: Sequence[str] = ()) -> float:
    """The score of one pair (for display and tests); IDF comes from the pair plus `corpus`."""
    docs = [Doc(0, 0, text_a), Doc(1, 1, text_b)] + [Doc(i + 2, -1, t) for i, t in enumerate(corpus)]
    vectors, _df = _vectors(docs)
    a, b = vectors[0], vectors[1]
    return sum(w * b[f] for f, w in a.items() if f in b)
