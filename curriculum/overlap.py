"""Finding topics whose content overlaps, in Vietnamese: the features.

A topic is read field by field (title, outline, keywords). Each field is cut into segments at sentence
and list boundaries (full stops, semicolons, colons, commas, brackets, quotes, line breaks, bullets), so
that two syllables on either side of "… năm. Điều …" never make a feature. Inside a segment the text is
normalised to NFC and lower case, stop phrases are removed (judged on the syllables with their
diacritics, so "cơ" in "cơ sở" is not mistaken for "có"; the list is data an administrator reviews), and
each remaining syllable is reduced to its diacritic-free search key (`core.text.search_key`: đ → d).

The features are the syllable bigrams of each segment; a removed stop phrase is bridged, so "xây dựng
Đảng về chính trị" still gives "đảng chính trị". Single syllables are left out (the few hundred that make
up the field's vocabulary occur in nearly every topic); a topic of one syllable keeps it. A feature's
term frequency is the sum over fields of the field's weight times its count there: the title weighs
`title_weight` (it names the subject), the outline 1, the keywords `keyword_weight` — keywords help when
present and are not needed. Weights are at least 1, so frequencies are too, and a feature weighs
(1 + ln tf) · idf with idf = ln((n + 1) / (df + 1)) + 1; vectors are normalised to length 1 and two
topics overlap when their cosine reaches the threshold. Scoring every pair is `overlap_matrix`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.text import nfc, search_key
from curriculum.overlap_matrix import Corpus, score_pairs

# Chosen on the development sets of labelled pairs (three sets by different writers), as the threshold whose
# weakest precision or recall over the sets is highest, and checked on a set none of the choices saw; see
# curriculum/tests/test_overlap_calibration.py.
DEFAULT_THRESHOLD = 0.145
DEFAULT_TITLE_WEIGHT = 1.5
DEFAULT_KEYWORD_WEIGHT = 1.0

# Sentence and list boundaries: punctuation that ends a clause or separates items, and a bullet or dash
# at the start of a line. A dash inside a line ("Mác - Lênin") is not one.
_BOUNDARY = re.compile(r"[.;:!?…,()\[\]{}\"“”‘’«»|/\\•·\n\r\t]+|(?m:^\s*[-–—+*]+\s)")
_WORD = re.compile(r"[^\W_]+")

# The default stop phrases, seeded as data (curriculum.models.StopPhrase) and used where no list is given:
# function words, and the generic phrasing of syllabi that says nothing about a topic's subject. Phrases
# of several syllables are removed only together: "số" in "chuyển đổi số" and "học" in "khoa học" stay.
DEFAULT_STOP_PHRASES = tuple(
    """và của các những trong về với cho là để một có được này đó khi thì từ theo trên tại như cũng đã sẽ
    hoặc hay mà nhằm ra vào bị gì nào nên vì do đến sau trước giữa qua bởi rằng thế ấy lại còn đều
    rất nhiều ít mọi mỗi từng đây kia họ chúng ta tôi mình việc phải cần không chưa đang vẫn bài
    i ii iii iv v vi vii viii ix x""".split()
) + (
    "chuyên đề", "học phần", "nội dung", "khái niệm", "vấn đề", "cơ bản", "một số", "nhất định", "chủ yếu",
    "quan trọng", "thực hiện", "tình hình", "giải pháp", "phương hướng", "nhiệm vụ", "mục tiêu", "yêu cầu",
    "ý nghĩa", "tầm quan trọng", "liên hệ thực tiễn", "liên hệ", "vận dụng", "hiện nay", "thời gian tới",
    "trong thời gian tới", "giới thiệu", "khái quát", "tổng quan", "phần", "chương", "mục",
)


class StopList:
    """Stop phrases ready for matching: by first syllable, longest first."""

    def __init__(self, phrases: Iterable[str] = DEFAULT_STOP_PHRASES):
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            words = tuple(_WORD.findall(nfc(phrase).lower()))
            if words:
                by_first.setdefault(words[0], []).append(words)
        self.by_first = {k: sorted(set(v), key=len, reverse=True) for k, v in by_first.items()}

    def removed(self, words: Sequence[str]) -> list[bool]:
        """For each word of a segment (NFC lower case, with diacritics): is it part of a stop phrase?"""
        out = [False] * len(words)
        i, n = 0, len(words)
        by_first = self.by_first
        while i < n:
            candidates = by_first.get(words[i])
            if candidates:
                for phrase in candidates:
                    size = len(phrase)
                    if size == 1 or tuple(words[i:i + size]) == phrase:
                        for j in range(i, i + size):
                            out[j] = True
                        i += size
                        break
                else:
                    i += 1
            else:
                i += 1
        return out


DEFAULT_STOPS = StopList()

# Equivalent terms: wordings programme outlines use for one subject. Every phrase of a group (the term and
# its equivalents) is read as one shared token before scoring, so "công tác đồng bào có đạo" and "công tác
# tôn giáo" share features. Seeded as data (curriculum.models.EquivalentTerm), reviewed by an administrator
# on the overlap rules page; matched on the syllables with their diacritics, longest phrase first, before
# stop phrases are removed ("có" in "đồng bào có đạo" is part of the phrase).
DEFAULT_EQUIVALENT_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tôn giáo", ("đồng bào có đạo", "tín ngưỡng", "đồng bào theo đạo", "chức sắc", "nhà tu hành",
                  "cơ sở thờ tự", "hoạt động tôn giáo")),
    ("dân tộc thiểu số", ("đồng bào các dân tộc", "đồng bào dân tộc", "đồng bào dân tộc thiểu số",
                          "vùng đồng bào dân tộc", "công tác dân tộc", "người dân tộc")),
    ("kinh tế thị trường định hướng xã hội chủ nghĩa", ("kinh tế thị trường định hướng xhcn",
                                                        "nền kinh tế thị trường", "kinh tế thị trường")),
    ("chủ nghĩa xã hội", ("cnxh", "xã hội chủ nghĩa", "xhcn")),
    ("chủ nghĩa mác lênin", ("mác lênin", "mác - lênin", "chủ nghĩa mác", "học thuyết mác")),
    ("hồ chí minh", ("bác hồ", "chủ tịch hồ chí minh")),
    ("không gian mạng", ("an ninh mạng", "mạng xã hội", "môi trường mạng", "internet", "an toàn thông tin mạng",
                         "an toàn thông tin")),
    ("hội nhập quốc tế", ("hội nhập kinh tế quốc tế", "hiệp định thương mại tự do", "fta", "cptpp", "evfta",
                          "toàn cầu hóa", "kinh tế quốc tế")),
    ("phòng chống tham nhũng", ("chống tham nhũng", "phòng, chống tham nhũng", "tham nhũng, tiêu cực",
                                "tham nhũng", "lãng phí, tiêu cực")),
    ("diễn biến hòa bình", ("âm mưu chống phá", "thế lực thù địch", "luận điệu sai trái", "quan điểm sai trái",
                            "chống phá")),
    ("tự diễn biến tự chuyển hóa", ("tự diễn biến", "tự chuyển hóa", "suy thoái về tư tưởng chính trị")),
    ("nông thôn mới", ("nông thôn mới nâng cao", "nông thôn mới kiểu mẫu")),
    ("chuyển đổi số", ("chính quyền số", "kinh tế số", "xã hội số", "công nghệ số")),
    ("truyền thống cách mạng", ("truyền thống cách mạng của quê hương", "lịch sử đảng bộ", "lịch sử cách mạng",
                                "di tích lịch sử cách mạng")),
    ("phụ nữ", ("cán bộ nữ", "hội liên hiệp phụ nữ", "bình đẳng giới")),
    ("dân chủ ở cơ sở", ("quy chế dân chủ", "thực hiện dân chủ", "dân biết, dân bàn", "dân chủ cơ sở")),
    ("quốc phòng toàn dân", ("nền quốc phòng toàn dân", "thế trận quốc phòng toàn dân")),
    ("an ninh nhân dân", ("thế trận an ninh nhân dân", "bảo vệ an ninh tổ quốc", "an ninh, trật tự")),
)


class Terms:
    """Equivalent terms ready for matching: by first syllable, longest phrase first, each to its token."""

    def __init__(self, groups: Iterable[tuple[str, Iterable[str]]] = ()):
        by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for term, variants in groups:
            head = tuple(_WORD.findall(nfc(term).lower()))
            if not head:
                continue
            token = "=" + "_".join(search_key(w) for w in head)
            for phrase in (term, *variants):
                words = tuple(_WORD.findall(nfc(phrase).lower()))
                if words:
                    by_first.setdefault(words[0], []).append((words, token))
        self.by_first = {k: sorted(set(v), key=lambda item: (-len(item[0]), item)) for k, v in by_first.items()}

    def __bool__(self) -> bool:
        return bool(self.by_first)

    def spans(self, words: Sequence[str]) -> list[tuple[int, int, str]]:
        """(start, end, token) of each phrase found in a segment's words, left to right, not overlapping."""
        out = []
        i, n = 0, len(words)
        by_first = self.by_first
        while i < n:
            for phrase, token in by_first.get(words[i], ()):
                size = len(phrase)
                if tuple(words[i:i + size]) == phrase:
                    out.append((i, i + size, token))
                    i += size
                    break
            else:
                i += 1
        return out


NO_TERMS = Terms()
DEFAULT_TERMS = Terms(DEFAULT_EQUIVALENT_TERMS)


@dataclass(frozen=True)
class Params:
    threshold: float = DEFAULT_THRESHOLD
    title_weight: float = DEFAULT_TITLE_WEIGHT
    keyword_weight: float = DEFAULT_KEYWORD_WEIGHT
    stops: StopList = field(default=DEFAULT_STOPS, compare=False)
    terms: Terms = field(default=DEFAULT_TERMS, compare=False)

    def __post_init__(self):
        if self.title_weight < 1 or self.keyword_weight < 1:
            raise ValueError("field weights are relative to the outline's and at least 1")


@dataclass(frozen=True)
class Doc:
    key: object  # e.g. the topic id
    group: object  # e.g. the programme id: pairs within one group are not reported
    title: str
    outline: str = ""
    keywords: str = ""  # separated by semicolons; each keyword is a segment


@dataclass
class Match:
    a: object
    b: object
    score: float
    phrases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Syllable:
    segment: int
    start: int  # position in the field's NFC text
    end: int
    text: str  # as written (NFC)
    key: str  # diacritic-free
    kept: bool  # False: part of a stop phrase


_KEYS: dict[str, str] = {}  # syllable → search key; the syllables of a language are few


def _key(word: str) -> str:
    key = _KEYS.get(word)
    if key is None:
        key = search_key(word)
        if len(_KEYS) < 200_000:
            _KEYS[word] = key
    return key


def _segment_keys(text: str, stops: StopList, terms: Terms = NO_TERMS) -> list[list[str]]:
    """The kept syllable keys of each segment of `text` (the fast path of `syllables`); an equivalent
    term is its token."""
    out = []
    by_first = stops.by_first
    term_first = terms.by_first
    keys = _KEYS
    for part in _BOUNDARY.split(unicodedata.normalize("NFC", text).lower()):
        words = _WORD.findall(part)
        if not words:
            continue
        if term_first and any(w in term_first for w in words):
            spans = terms.spans(words)
            if spans:
                out.extend(_with_tokens(words, spans, stops))
                continue
        if any(w in by_first for w in words):
            removed = stops.removed(words)
            words = [w for w, r in zip(words, removed, strict=True) if not r]
        kept = [keys.get(w) or _key(w) for w in words]
        if kept:
            out.append(kept)
    return out


def _with_tokens(words: list[str], spans: list[tuple[int, int, str]], stops: StopList) -> list[list[str]]:
    """One segment's keys with its equivalent terms as tokens; the words between are read as usual."""
    kept: list[str] = []
    position = 0
    for start, end, token in [*spans, (len(words), len(words), "")]:
        between = words[position:start]
        if between:
            removed = stops.removed(between)
            kept.extend(_key(w) for w, r in zip(between, removed, strict=True) if not r)
        if token:
            kept.append(token)
        position = end
    return [kept] if kept else []


def syllables(text: str, stops: StopList = DEFAULT_STOPS, terms: Terms = NO_TERMS) -> list[Syllable]:
    """Every syllable of `text` with its place, segment and whether it counts (for explanations)."""
    text = unicodedata.normalize("NFC", text or "")  # keeping line breaks: a new line may start a list item
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer: keep positions aligned
        text = lowered
    out: list[Syllable] = []
    segment = 0
    position = 0
    for boundary in [*_BOUNDARY.finditer(lowered), None]:
        end = boundary.start() if boundary else len(lowered)
        matches = list(_WORD.finditer(lowered, position, end))
        if matches:
            words = [m.group() for m in matches]
            spans = terms.spans(words) if terms else []
            position_in = 0
            for start, stop, token in [*spans, (len(words), len(words), "")]:
                between = matches[position_in:start]
                removed = stops.removed(words[position_in:start])
                for m, r in zip(between, removed, strict=True):
                    out.append(Syllable(segment, m.start(), m.end(), text[m.start():m.end()], _key(m.group()),
                                        not r))
                if token:  # an equivalent term: one syllable spanning the phrase as written
                    first, last = matches[start], matches[stop - 1]
                    out.append(Syllable(segment, first.start(), last.end(), text[first.start():last.end()], token,
                                        True))
                position_in = stop
            segment += 1
        if boundary:
            position = boundary.end()
    return out


def _bigrams(segments: list[list[str]], weight: float, counts: dict[str, float]) -> None:
    """Bigrams of each segment; an equivalent term's token also counts alone (it names the subject)."""
    get = counts.get
    for keys in segments:
        for a, b in zip(keys, keys[1:], strict=False):
            k = a + " " + b
            counts[k] = get(k, 0.0) + weight
        for k in keys:
            if k[0] == "=":
                counts[k] = get(k, 0.0) + weight


def features(doc: Doc, params: Params = Params()) -> dict[str, float]:
    """Weighted term frequencies of the document's bigrams (see the module's docstring)."""
    stops, terms = params.stops, params.terms
    counts: dict[str, float] = {}
    title = _segment_keys(doc.title, stops, terms)
    outline = _segment_keys(doc.outline, stops, terms) if doc.outline else []
    keywords = _segment_keys(doc.keywords.replace(";", "."), stops, terms) if doc.keywords else []
    _bigrams(title, params.title_weight, counts)
    _bigrams(outline, 1.0, counts)
    _bigrams(keywords, params.keyword_weight, counts)
    if not counts:
        alone = [k for seg in title + outline + keywords for k in seg]
        if len(alone) == 1:
            counts[alone[0]] = 1.0
    return counts


def vectors(docs: Sequence[Doc], params: Params = Params()) -> list[dict[str, float]]:
    """Unit TF-IDF vectors as dicts: for one pair's explanation and as the reference the tests hold the
    matrix product to."""
    counts = [features(d, params) for d in docs]
    df: dict[str, int] = {}
    for c in counts:
        for f in c:
            df[f] = df.get(f, 0) + 1
    n = len(docs)
    idf = {f: math.log((n + 1) / (d + 1)) + 1.0 for f, d in df.items()}
    out = []
    for c in counts:
        vec = {f: (1.0 + math.log(tf)) * idf[f] for f, tf in c.items()}
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        out.append({f: w / norm for f, w in vec.items()})
    return out


def find_overlaps(docs: Sequence[Doc], params: Params = Params(), *, focus: Iterable[int] | None = None,
                  with_phrases: bool = True, phrase_count: int = 6) -> list[Match]:
    """Every pair of documents of different groups with cosine ≥ the threshold, best first. With `focus`
    (indexes into `docs`), only the pairs involving at least one of those documents; the others still make
    up the corpus the weights come from."""
    corpus = Corpus([features(d, params) for d in docs])
    found = score_pairs(corpus, [d.group for d in docs], params.threshold,
                        focus=None if focus is None else sorted(set(focus)))
    matches = [Match(docs[a].key, docs[b].key, round(score, 4)) for a, b, score in found]
    if with_phrases and found:
        for match, (a, b, _s) in zip(matches, found, strict=True):
            match.phrases = shared_phrases(docs[a], corpus.vector(a), corpus.vector(b), params, phrase_count)
    return matches


def shared_phrases(doc: Doc, a: dict[str, float], b: dict[str, float], params: Params = Params(),
                   count: int = 6) -> list[str]:
    """The longest runs of `doc` (document a) whose every bigram is shared with b, as first written,
    strongest first, each once: a phrase contained in a stronger one is not repeated."""
    runs: dict[str, tuple[float, str]] = {}
    for text in (doc.title, doc.outline, doc.keywords.replace(";", ".")):
        words = [s for s in syllables(text, params.stops, params.terms) if s.kept]
        start = 0
        while start < len(words) - 1:
            end, weight = start, 0.0
            while end < len(words) - 1 and words[end].segment == words[end + 1].segment:
                key = words[end].key + " " + words[end + 1].key
                if key not in b:
                    break
                weight += a.get(key, 0.0) * b[key]
                end += 1
            if end > start:
                run_key = " ".join(w.key for w in words[start:end + 1])
                if run_key not in runs or runs[run_key][0] < weight:
                    runs[run_key] = (weight, " ".join(w.text for w in words[start:end + 1]).lower())
                start = end
            else:
                start += 1
    chosen: list[tuple[str, str]] = []
    for run_key, (_w, text) in sorted(runs.items(), key=lambda item: (-item[1][0], item[0])):
        if any(f" {run_key} " in f" {other} " for other, _t in chosen):
            continue
        chosen.append((run_key, text))
        if len(chosen) == count:
            break
    return [text for _k, text in chosen]


def cosine(a: Doc, b: Doc, corpus: Sequence[Doc] = (), params: Params = Params()) -> float:
    """The score of one pair; IDF comes from the pair plus `corpus`."""
    va, vb = vectors([a, b, *corpus], params)[:2]
    return sum(w * vb[f] for f, w in va.items() if f in vb)
