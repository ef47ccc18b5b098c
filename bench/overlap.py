"""Overlap analysis on synthetic catalogues of 5,000 and 20,000 topics, every pair considered.

The catalogue is made in memory (no database) so the figure is the detector's own cost: programmes of
20 topics; each topic treats one of 300 subjects (vocabulary shared by every topic on that subject, as
real programmes share "lịch sử Đảng" or "xây dựng Đảng"), mixed with general vocabulary drawn with
Zipf-like frequencies; 15 % of topics are reworded copies of a topic in another programme (sentences
reordered, a fifth of the syllables replaced), the overlaps the detector is for.

For each size: wall and CPU time of the whole analysis (features, matrix, every pair) without tracing;
peak memory in a second run under tracemalloc; then the same features scored by scikit-learn
(DictVectorizer, TfidfTransformer with sublinear tf, cosine_similarity in blocks of the same size) in
this process, its CPU time, the ratio, and whether both found the same pairs. Last, the 5,000-topic run
again with a CPU-bound process beside it, the figure a shared 2-core machine sees.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
import tracemalloc

SYLLABLES = """đảng chính trị xây dựng tổ chức cơ sở đoàn kết dân tộc nhân dân nhà nước pháp luật quyền kinh tế xã hội
văn hóa giáo dục khoa học công nghệ quốc phòng an ninh đối ngoại hội nhập quốc tế lịch sử truyền thống cách mạng
tư tưởng đạo đức phong cách lý luận thực tiễn phát triển bền vững chuyển đổi số hành chính cải cách lãnh đạo quản lý
cán bộ đảng viên chi bộ sinh hoạt kiểm tra giám sát kỷ luật dân vận mặt trận tổ quốc thanh niên phụ nữ nông dân
cựu chiến binh công đoàn biên giới biển đảo chủ quyền lãnh thổ môi trường tài nguyên nông nghiệp nông thôn mới
đô thị y tế dân số gia đình tôn giáo tín ngưỡng dân chủ pháp quyền hiến pháp chính quyền địa phương hai cấp
cương lĩnh điều lệ nghị quyết kết luận chỉ thị quy định hướng dẫn chương trình kế hoạch báo cáo tổng kết
thi đua khen thưởng tuyên truyền báo chí xuất bản thông tin truyền thông mạng xã hội an toàn trật tự
phòng chống tham nhũng lãng phí tiêu cực suy thoái tự diễn biến tự chuyển hóa chỉnh đốn trong sạch vững mạnh""".split()


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add(f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}")
    return sorted(words)


def make_catalogue(topics: int = 5000, per_programme: int = 20, seed: int = 2025):
    from curriculum.overlap import Doc

    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, 3000)
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    subjects = [rng.sample(vocabulary, 30) for _ in range(300)]
    docs: list[Doc] = []
    planted: list[tuple[int, int]] = []
    for i in range(topics):
        programme = i // per_programme
        if i > per_programme and rng.random() < 0.15:
            source = docs[rng.randrange(0, programme * per_programme)]
            planted.append((source.key, i))
            sentences = source.outline.split(". ")
            rng.shuffle(sentences)
            reworded = []
            for text in [source.title, *sentences]:
                words = text.split(" ")
                reworded.append(" ".join(rng.choice(SYLLABLES) if rng.random() < 0.2 else w for w in words))
            docs.append(Doc(i, programme, reworded[0], ". ".join(reworded[1:])))
            continue
        subject = subjects[rng.randrange(len(subjects))]
        title = " ".join(rng.sample(subject, 3))
        body = rng.choices(subject, k=12) + rng.choices(vocabulary, weights=weights, k=14)
        rng.shuffle(body)
        sentences = [" ".join(body[k:k + 4]) for k in range(0, len(body), 4)]
        docs.append(Doc(i, programme, title, ". ".join(sentences)))
    return docs, planted


def _ttct(docs, params):
    from curriculum.overlap import find_overlaps

    return {(m.a, m.b): m.score for m in find_overlaps(docs, params, with_phrases=False)}


def _sklearn(docs, params):
    """The same features, weighted and scored the scikit-learn way."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.metrics.pairwise import cosine_similarity

    from curriculum.overlap import features
    from curriculum.overlap_matrix import BLOCK_ENTRIES

    counts = [features(d, params) for d in docs]
    matrix = TfidfTransformer(sublinear_tf=True).fit_transform(DictVectorizer().fit_transform(counts)).tocsr()
    groups = np.array([d.group for d in docs])
    keys = [d.key for d in docs]
    n = len(docs)
    step = max(1, BLOCK_ENTRIES // n)
    found = {}
    for start in range(0, n, step):
        sims = cosine_similarity(matrix[start:start + step], matrix, dense_output=False).tocoo()
        a = sims.row + start
        keep = (sims.col > a) & (groups[a] != groups[sims.col]) & (sims.data >= params.threshold - 1e-9)
        for x, y, score in zip(a[keep].tolist(), sims.col[keep].tolist(), sims.data[keep].tolist(), strict=True):
            found[(keys[x], keys[y])] = round(score, 4)
    return found


def _timed(function, *args):
    started, cpu_started = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - started, time.process_time() - cpu_started


def _size(topics: int) -> list[tuple[str, float, str]]:
    from curriculum.overlap import Params

    params = Params()
    docs, planted = make_catalogue(topics)
    found, elapsed, cpu = _timed(_ttct, docs, params)
    tracemalloc.start()
    _ttct(docs, params)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    prefix = f"overlap_{topics}_topics"
    figures = [
        (f"{prefix}_pairs_considered", topics * (topics - 1) // 2, "pairs"),
        (f"{prefix}_time", elapsed, "s"),
        (f"{prefix}_cpu_time", cpu, "s"),
        (f"{prefix}_peak_memory", peak / 1024 / 1024, "MiB"),
        (f"{prefix}_pairs_found", len(found), "pairs"),
        (f"{prefix}_planted_copies", len(planted), "pairs"),
        (f"{prefix}_planted_copies_found", sum(1 for a, b in planted if (a, b) in found), "pairs"),
    ]
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print(f"# {prefix}: scikit-learn is not installed (requirements-dev.txt); no ratio measured", file=sys.stderr)
        return figures
    reference, _elapsed, reference_cpu = _timed(_sklearn, docs, params)
    same = reference.keys() == found.keys() and all(abs(reference[k] - found[k]) <= 1e-4 for k in found)
    figures += [
        (f"{prefix}_sklearn_cpu_time", reference_cpu, "s"),
        (f"{prefix}_cpu_ratio_to_sklearn", cpu / reference_cpu, "x"),
        (f"{prefix}_same_pairs_as_sklearn", "yes" if same else "NO", ""),
    ]
    return figures


def _busy(topics: int = 5000) -> list[tuple[str, float, str]]:
    """The analysis with another CPU-bound process running beside it."""
    from curriculum.overlap import Params

    docs, _planted = make_catalogue(topics)
    hog = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.2)
        _found, elapsed, cpu = _timed(_ttct, docs, Params())
    finally:
        hog.kill()
        hog.wait()
    return [(f"overlap_{topics}_topics_time_beside_busy_process", elapsed, "s"),
            (f"overlap_{topics}_topics_cpu_time_beside_busy_process", cpu, "s")]


def run() -> list[tuple[str, float, str]]:
    return _size(5000) + _size(20000) + _busy(5000)
