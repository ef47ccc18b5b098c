"""The overlap detector: tokenisation, stop phrases, weighting, and exactness of the matrix scoring."""

from __future__ import annotations

import itertools
import math
import random
import unicodedata

import pytest

from curriculum.overlap import (
    NO_TERMS,
    Doc,
    Params,
    StopList,
    Terms,
    features,
    find_overlaps,
    shared_phrases,
    syllables,
    vectors,
)
from curriculum.overlap_matrix import Corpus, score_pairs


def reference_pairs(docs, params):
    """Plain Python: every pair scored one by one from dict vectors."""
    vecs = vectors(docs, params)
    found = {}
    for i, j in itertools.combinations(range(len(docs)), 2):
        if docs[i].group == docs[j].group:
            continue
        score = sum(w * vecs[j].get(f, 0.0) for f, w in vecs[i].items())
        if score >= params.threshold - 1e-9:
            found[frozenset((docs[i].key, docs[j].key))] = score
    return found


def random_catalogue(size=240, seed=7):
    rng = random.Random(seed)
    words = ("xây dựng đảng chính trị tổ chức cơ sở dân vận kinh tế xã hội quốc phòng an ninh lịch sử văn hóa "
             "giáo dục pháp luật nhà nước mặt trận đoàn thể chi bộ đảng viên kiểm tra giám sát").split()
    docs = []
    for i in range(size):
        if i > 20 and rng.random() < 0.25:
            source = docs[rng.randrange(i)]
            title = " ".join(w if rng.random() > 0.2 else rng.choice(words) for w in source.title.split())
            sentences = source.outline.split(". ")
            rng.shuffle(sentences)
            outline = ". ".join(sentences)
        else:
            title = " ".join(rng.choice(words) for _ in range(rng.randint(2, 8)))
            outline = ". ".join(" ".join(rng.choice(words) for _ in range(rng.randint(3, 9)))
                                for _ in range(rng.randint(0, 4)))
        docs.append(Doc(i, i // 8, title, outline, "kinh tế; xã hội" if i % 5 == 0 else ""))
    return docs


@pytest.mark.parametrize("threshold", [0.15, 0.22, 0.3, 0.5])
@pytest.mark.parametrize("block_entries", [1, 500, 2_000_000])
def test_matrix_scoring_finds_the_same_pairs_and_scores_as_scoring_every_pair(threshold, block_entries):
    docs = random_catalogue()
    params = Params(threshold=threshold)
    expected = reference_pairs(docs, params)
    corpus = Corpus([features(d, params) for d in docs])
    found = score_pairs(corpus, [d.group for d in docs], threshold, block_entries=block_entries)
    got = {frozenset((docs[a].key, docs[b].key)): score for a, b, score in found}
    assert got.keys() == expected.keys()
    assert all(abs(got[k] - expected[k]) < 1e-9 for k in got)
    assert [s for _a, _b, s in found] == sorted((s for _a, _b, s in found), reverse=True)
    if threshold <= 0.3:
        assert got
    by_pairs = {frozenset((m.a, m.b)): m.score for m in find_overlaps(docs, params, with_phrases=False)}
    assert by_pairs == {k: round(v, 4) for k, v in got.items()}


def test_focus_keeps_only_the_pairs_of_the_focused_documents():
    docs = random_catalogue()
    params = Params(threshold=0.2)
    expected = {k for k in reference_pairs(docs, params) if k & {10, 29, 64}}
    got = {frozenset((m.a, m.b)) for m in find_overlaps(docs, params, focus=[10, 29, 64], with_phrases=False)}
    assert got == expected and got


def test_bigrams_stop_at_sentence_ends_and_list_items():
    keys = features(Doc(1, 1, "Lịch sử", "Thành lập năm 1930. Điều lệ Đảng; tổ chức, đảng viên\n- chi bộ"))
    assert "nam 1930" in keys and "dieu le" in keys and "le dang" in keys
    assert "1930 dieu" not in keys  # across the full stop
    assert "dang to" not in keys  # across the semicolon
    assert "chuc dang" not in keys  # across the comma between list items
    assert "vien chi" not in keys  # across the bullet on a new line
    assert "su thanh" not in keys  # title and outline are separate texts


def test_a_dash_inside_a_line_is_not_a_boundary():
    assert "mac lenin" in features(Doc(1, 1, "Chủ nghĩa Mác - Lênin"), Params(terms=NO_TERMS))


def test_equivalent_terms_share_one_token_before_scoring():
    terms = Terms([("tôn giáo", ["đồng bào có đạo", "tín ngưỡng"])])
    params = Params(terms=terms)
    a = features(Doc(1, 1, "Công tác tôn giáo ở cơ sở"), params)
    b = features(Doc(2, 2, "Công tác vận động đồng bào có đạo"), params)
    assert "=ton_giao" in a and "=ton_giao" in b  # the token counts alone, whatever the wording
    assert "tac =ton_giao" in a and "dong =ton_giao" in b
    assert not any("bao" in f or "dao" in f for f in b)  # the phrase is read as one term, "có" included
    without = Params(terms=NO_TERMS)
    assert not set(features(Doc(1, 1, "Tôn giáo"), without)) & set(features(Doc(2, 2, "Đồng bào có đạo"), without))
    assert cosine_of("Công tác tôn giáo", "Công tác đồng bào có đạo", params) > 0.5


def cosine_of(x, y, params):
    va, vb = vectors([Doc(1, 1, x), Doc(2, 2, y), Doc(3, 3, "Xây dựng nông thôn mới")], params)[:2]
    return sum(w * vb.get(f, 0.0) for f, w in va.items())


def test_an_equivalent_term_is_one_syllable_spanning_the_phrase_as_written():
    terms = Terms([("tôn giáo", ["đồng bào có đạo"])])
    text = "Vận động Đồng bào có đạo. Tôn giáo"
    got = [(s.text, s.key, s.segment) for s in syllables(text, terms=terms) if s.kept]
    assert got == [("Vận", "van", 0), ("động", "dong", 0), ("Đồng bào có đạo", "=ton_giao", 0),
                   ("Tôn giáo", "=ton_giao", 1)]
    phrases = shared_phrases(Doc(1, 1, "Vận động đồng bào có đạo"), {"dong =ton_giao": 1.0, "van dong": 1.0},
                             {"dong =ton_giao": 1.0, "van dong": 1.0}, Params(terms=terms))
    assert phrases == ["vận động đồng bào có đạo"]


def test_stop_phrases_are_removed_only_whole():
    stops = StopList(["nội dung cơ bản", "của", "số"])
    kept = [s.text for s in syllables("Những nội dung cơ bản của chuyển đổi số", stops) if s.kept]
    assert kept == ["Những", "chuyển", "đổi"]
    kept = [s.text for s in syllables("Nội dung và cơ bản", stops) if s.kept]
    assert kept == ["Nội", "dung", "và", "cơ", "bản"]  # the phrase is not there in one piece


def test_function_words_are_judged_with_their_diacritics():
    # "cơ" in "cơ sở" must survive although "có" (has) is a function word.
    assert [s.text for s in syllables("tổ chức cơ sở có đảng viên") if s.kept] == ["tổ", "chức", "cơ", "sở",
                                                                                   "đảng", "viên"]


def test_a_removed_stop_phrase_is_bridged_within_a_sentence():
    assert "dang chinh" in features(Doc(1, 1, "Xây dựng Đảng về chính trị"))


def test_title_weight_is_a_parameter_not_a_repetition():
    doc = Doc(1, 1, "Điều lệ Đảng", "Điều lệ Đảng và nguyên tắc tập trung dân chủ")
    assert features(doc, Params(title_weight=1.0))["dieu le"] == 2.0
    assert features(doc, Params(title_weight=3.0))["dieu le"] == 4.0
    with pytest.raises(ValueError):
        Params(title_weight=0.5)


def test_keywords_help_but_are_not_needed():
    a = Doc(1, "A", "Công tác dân vận của hệ thống chính trị", "Quan điểm của Đảng về công tác dân vận")
    b = Doc(2, "B", "Đổi mới công tác dân vận ở cơ sở", "Phương thức dân vận khéo của chính quyền cơ sở")
    without = find_overlaps([a, b], Params(threshold=0.01))[0].score
    a_kw = Doc(1, "A", a.title, a.outline, "dân vận khéo; công tác dân vận")
    b_kw = Doc(2, "B", b.title, b.outline, "dân vận khéo")
    assert without > 0
    assert find_overlaps([a_kw, b_kw], Params(threshold=0.01))[0].score > without


def test_diacritics_case_and_word_order_do_not_hide_an_overlap():
    a = Doc(1, "A", "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh", "Nâng cao chất lượng sinh hoạt chi bộ")
    b = Doc(2, "B", "NÂNG CAO CHẤT LƯỢNG SINH HOẠT CHI BỘ", "xay dung to chuc co so dang trong sach, vung manh")
    noise = [Doc(10, "N1", "Đường lối đối ngoại và hội nhập quốc tế"), Doc(11, "N2", "Bảo vệ chủ quyền biển, đảo")]
    matches = find_overlaps([a, b, *noise])
    assert [(m.a, m.b) for m in matches] == [(1, 2)]
    assert matches[0].score > 0.8
    assert "sinh hoạt chi bộ" in " | ".join(matches[0].phrases)


def test_shared_phrases_have_no_duplicates():
    a = Doc(1, "A", "Sinh hoạt chi bộ", "Nâng cao chất lượng sinh hoạt chi bộ. Sinh hoạt chi bộ định kỳ")
    b = Doc(2, "B", "Chất lượng sinh hoạt chi bộ", "Sinh hoạt chi bộ chuyên đề")
    va, vb = vectors([a, b])
    phrases = shared_phrases(a, va, vb)
    assert len(phrases) == len(set(phrases))
    assert not any(p != q and p in q for p in phrases for q in phrases)  # no phrase inside another
    assert "chất lượng sinh hoạt chi bộ" in phrases


def test_nfd_input_is_normalised():
    composed = "Lịch sử Đảng bộ địa phương"
    decomposed = unicodedata.normalize("NFD", composed)
    assert features(Doc(1, 1, decomposed)) == features(Doc(1, 1, composed))


def test_pairs_in_the_same_programme_are_not_reported():
    docs = [Doc(1, "A", "Lịch sử Đảng Cộng sản Việt Nam"), Doc(2, "A", "Lịch sử Đảng Cộng sản Việt Nam")]
    assert find_overlaps(docs) == []


def test_corpus_rows_are_unit_vectors_like_the_reference():
    docs = random_catalogue(60)
    corpus = Corpus([features(d) for d in docs])
    reference = vectors(docs)
    for i in (0, 7, 33):
        got = corpus.vector(i)
        assert got.keys() == reference[i].keys()
        assert all(math.isclose(got[f], reference[i][f]) for f in got)
    assert features(Doc(1, 1, "")) == {}
