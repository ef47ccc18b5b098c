"""Overlap analysis on a synthetic catalogue of 5,000 topics, every pair considered.

The catalogue is made in memory (no database) so the figure is the detector's own cost: 250
programmes of 20 topics; each topic treats one of 300 subjects (vocabulary shared by every topic on
that subject, as real programmes share "lịch sử Đảng" or "xây dựng Đảng"), mixed with general
vocabulary drawn with Zipf-like frequencies; 15 % of topics are reworded copies of a topic in
another programme (phrases reordered, a fifth replaced), the overlaps the detector is for.
Time is measured without tracing; peak memory in a second run under tracemalloc.
"""

from __future__ import annotations

import random
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
            phrases = source.text.split(". ")
            rng.shuffle(phrases)
            words = " . ".join(phrases).split(" ")
            for j in range(len(words)):
                if rng.random() < 0.2:
                    words[j] = rng.choice(SYLLABLES)
            docs.append(Doc(i, programme, " ".join(words)))
            continue
        subject = subjects[rng.randrange(len(subjects))]
        title = " ".join(rng.sample(subject, 3))
        body = rng.choices(subject, k=12) + rng.choices(vocabulary, weights=weights, k=14)
        rng.shuffle(body)
        sentences = [" ".join(body[k:k + 4]) for k in range(0, len(body), 4)]
        docs.append(Doc(i, programme, f"{title}. {title}. " + ". ".join(sentences)))
    return docs, planted


def run() -> list[tuple[str, float, str]]:
    from curriculum.overlap import DEFAULT_THRESHOLD, find_overlaps

    docs, planted = make_catalogue()
    pairs = len(docs) * (len(docs) - 1) // 2
    started, cpu_started = time.perf_counter(), time.process_time()
    matches = find_overlaps(docs, threshold=DEFAULT_THRESHOLD)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    tracemalloc.start()
    find_overlaps(docs, threshold=DEFAULT_THRESHOLD)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = {frozenset((m.a, m.b)) for m in matches}
    return [
        ("overlap_5000_topics_pairs_considered", pairs, "pairs"),
        ("overlap_5000_topics_time", elapsed, "s"),
        # CPU time of this process: the one-core figure when the machine is shared.
        ("overlap_5000_topics_cpu_time", cpu, "s"),
        ("overlap_5000_topics_peak_memory", peak / 1024 / 1024, "MiB"),
        ("overlap_5000_topics_pairs_found", len(matches), "pairs"),
        ("overlap_5000_topics_planted_copies", len(planted), "pairs"),
        ("overlap_5000_topics_planted_copies_found",
         sum(1 for pair in planted if frozenset(pair) in found), "pairs"),
    ]
