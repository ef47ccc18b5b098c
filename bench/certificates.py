"""Certificates and Party documents: rendering cost, no database.

Figures (each a median of a few runs; every run uses fresh verification URLs and numbers, so
typst's memoisation cannot serve a page from an earlier run):
- certificates_qr_1000: 1,000 QR codes made as SVG paths.
- certificates_1000_pdf: 1,000 certificates with their QR codes into one PDF (QR codes, typst
  source and the compile, in a child process, all included); the process has compiled one
  document before, as a running server has.
- certificates_plain_typst_1000 (+ _cpu): the floor the issue compares with — typst alone
  compiling the same 1,000 certificates (same template, text, fonts, heading and signature
  block) with the QR codes left out, its source built before the clock starts, in a child
  process as the certificates are. certificates_1000_ratio_to_plain_typst (CPU, the figure
  the goal ≤ 2 refers to: the machine is shared, so wall time mostly measures the neighbours)
  and certificates_1000_wall_ratio_to_plain_typst are what the QR codes and TTCT's own work
  (data to typst source, the child process) add over it, measured in the same run.
- certificates_plain_lines_typst_1000: the floor used before, 1,000 pages of one line of text
  each; it does not lay out a certificate, so a ratio to it overstates the cost (kept to
  compare with older figures).
- cpu figures (_cpu): user + system time of this process and its finished children.
- load_average_start / _end: the 1-minute load average of the machine around the run.
- certificates_zip_100: 100 single-page PDFs in a ZIP.
- register_book_1000_pdf / _xlsx: a register book of 1,000 entries.
- decision_docx / decision_pdf: one decision with a list of 30 learners.
- certificates_1000_python_peak: Python allocations at peak during the 1,000-certificate render
  (tracemalloc, in a separate untimed run: it slows Python down).
- process_peak_rss: the bench process's peak resident memory (typst's own memory included;
  batches above core.documents.engine.ISOLATE_ABOVE_CHARS compile in a child process, which
  this figure does not see).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import resource
import statistics
import time
import tracemalloc

_run_ids = itertools.count(1)


def _certificates(count: int):
    from certificates.rendering import CertificateData

    run = next(_run_ids)
    names = ["Nguyễn Thị Hường", "Đặng Quốc Việt", "Trịnh Thị Ngọc Ẩn", "Hoàng Văn Ỷ", "Lê Thị Thu Hà"]
    grades = ["Xuất sắc", "Giỏi", "Khá", "Trung bình", ""]
    return [
        CertificateData(
            centre_name="TRUNG TÂM CHÍNH TRỊ",
            host_line="ĐẢNG ỦY XÃ YÊN SƠN",
            learner_name=f"{names[i % 5]} {i}",
            date_of_birth=dt.date(1970 + i % 35, 1 + i % 12, 1 + i % 28),
            programme_name="Lý luận chính trị dành cho đảng viên mới",
            class_code=f"ĐVM-2026-{i // 60:02d}",
            class_name=f"Lớp đảng viên mới khóa {i // 60}",
            date_from=dt.date(2026, 11, 16),
            date_to=dt.date(2026, 11, 22),
            classification=grades[i % 5],
            number=f"{run}{i:05d}/GCN-TTCT",
            register_year=2026,
            place="Yên Sơn",
            issue_date=dt.date(2026, 11, 24),
            signer_title="GIÁM ĐỐC",
            signer_name="Đặng Quốc Việt",
            verification_url=f"https://ttct.tuyenquang.gov.vn/xac-minh/R{run:03d}Q{i:07d}",
        )
        for i in range(count)
    ]


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _median_wall_and_cpu(action, runs: int = 3) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(runs):
        prepared = action()  # returns a zero-argument callable with its fresh data bound
        cpu, started = _cpu_seconds(), time.perf_counter()
        prepared()
        walls.append(time.perf_counter() - started)
        cpus.append(_cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def _median_seconds(action, runs: int = 3) -> float:
    return _median_wall_and_cpu(action, runs)[0]


def _interleaved(first, second, runs: int = 3):
    """Median (wall, cpu) of two actions run in turns, so a change in the machine's load hits both."""
    pairs = [(_median_wall_and_cpu(first, 1), _median_wall_and_cpu(second, 1)) for _ in range(runs)]
    return tuple(tuple(statistics.median(p[i][j] for p in pairs) for j in (0, 1)) for i in (0, 1))


def _decision():
    from core.documents import Article, Column, DocumentTable, OfficialDocument, Signature

    run = next(_run_ids)
    rows = tuple(
        (str(i), f"Nguyễn Thị Hường {run}-{i}", "12/03/1990", "Đảng ủy xã Yên Sơn", "Khá") for i in range(1, 31)
    )
    return OfficialDocument(
        parent_bodies=("ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ YÊN SƠN"),
        issuer="TRUNG TÂM CHÍNH TRỊ",
        number="12-QĐ/TTCT",
        place="Yên Sơn",
        date=dt.date(2026, 11, 24),
        doc_type="QUYẾT ĐỊNH",
        title="Về việc công nhận hoàn thành chương trình lý luận chính trị dành cho đảng viên mới",
        authority="GIÁM ĐỐC TRUNG TÂM CHÍNH TRỊ XÃ YÊN SƠN",
        grounds=("Căn cứ Quy định số 360-QĐ/TW của Ban Bí thư;", "Xét đề nghị của bộ phận đào tạo,"),
        articles=(Article.of("Công nhận 30 đồng chí có tên trong danh sách kèm theo."), Article.of("Thi hành.")),
        table=DocumentTable(
            columns=(
                Column("STT", 12, "center"),
                Column("Họ và tên"),
                Column("Ngày sinh", 26, "center"),
                Column("Đơn vị", 50),
                Column("Xếp loại", 22, "center"),
            ),
            rows=rows,
            title="DANH SÁCH HỌC VIÊN",
        ),
        recipients=("Như Điều 2,", "Lưu VP."),
        signature=Signature(title="GIÁM ĐỐC", name="Đặng Quốc Việt"),
    )


def _register(count: int):
    from certificates.rendering import RegisterEntry

    run = next(_run_ids)
    return [
        RegisterEntry(
            number=f"{run}{i:05d}/GCN-TTCT",
            learner_name=f"Nguyễn Thị Hường {i}",
            date_of_birth=dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28),
            class_label=f"ĐVM-2026-{i // 60:02d} – Lý luận chính trị dành cho đảng viên mới",
            classification="Khá",
            issue_date=dt.date(2026, 11, 24),
            note="Cấp lại" if i % 97 == 0 else "",
        )
        for i in range(1, count + 1)
    ]


def run() -> list[tuple[str, float, str]]:
    from certificates import rendering
    from core.documents import render_docx, render_pdf

    rendering.render_certificates_pdf(_certificates(1))  # load fonts once, as a server worker would

    def qr_batch():
        urls = [c.verification_url for c in _certificates(1000)]
        return lambda: [rendering.qr_svg(url) for url in urls]

    def pdf_batch():
        items = _certificates(1000)
        return lambda: rendering.render_certificates_pdf(items)

    def plain_batch():
        # The same document without its QR codes; only typst's compile is timed.
        from core.documents.engine import compile_many

        source = rendering.certificates_source(_certificates(1000), qr_codes=False)
        return lambda: compile_many([source], isolated=True)

    def plain_lines_batch():
        from core.documents.engine import compile_many, font_setup

        run = next(_run_ids)
        pages = "\n#pagebreak()\n".join(
            f"Nguyễn Thị Hường {run}-{i} — Sơ cấp lý luận chính trị, xếp loại Giỏi." for i in range(1000))
        source = f'{font_setup()}\n#set page(paper: "a4", flipped: true)\n{pages}\n'
        return lambda: compile_many([source], isolated=True)

    def zip_batch():
        items = _certificates(100)
        return lambda: rendering.render_certificate_zip(items)

    load_start = os.getloadavg()[0]
    (pdf_wall, pdf_cpu), (plain_wall, plain_cpu) = _interleaved(pdf_batch, plain_batch)
    figures: list[tuple[str, float, str]] = [
        ("certificates_qr_1000", _median_seconds(qr_batch), "s"),
        ("certificates_1000_pdf", pdf_wall, "s"),
        ("certificates_1000_pdf_cpu", pdf_cpu, "s"),
        ("certificates_plain_typst_1000", plain_wall, "s"),
        ("certificates_plain_typst_1000_cpu", plain_cpu, "s"),
        ("certificates_1000_ratio_to_plain_typst", pdf_cpu / plain_cpu, "x"),
        ("certificates_1000_wall_ratio_to_plain_typst", pdf_wall / plain_wall, "x"),
        ("certificates_plain_lines_typst_1000", _median_seconds(plain_lines_batch), "s"),
        ("certificates_zip_100", _median_seconds(zip_batch), "s"),
    ]
    pdf = rendering.render_certificates_pdf(_certificates(1000))
    figures.append(("certificates_1000_pdf_size", len(pdf) / 1e6, "MB"))

    def book(render):
        entries = _register(1000)
        return lambda: render(entries)

    figures.append(("register_book_1000_pdf", _median_seconds(lambda: book(rendering.render_register_book_pdf)), "s"))
    figures.append(("register_book_1000_xlsx", _median_seconds(lambda: book(rendering.render_register_book_xlsx)), "s"))

    def single(render):
        decision = _decision()
        return lambda: render(decision)

    render_pdf(_decision())  # the first compile of a layout parses the Party template
    figures.append(("decision_docx", 1000 * _median_seconds(lambda: single(render_docx), runs=9), "ms"))
    figures.append(("decision_pdf", 1000 * _median_seconds(lambda: single(render_pdf), runs=9), "ms"))

    items = _certificates(1000)
    tracemalloc.start()
    rendering.render_certificates_pdf(items)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures.append(("certificates_1000_python_peak", peak / 1e6, "MB"))
    figures.append(("process_peak_rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB"))
    figures.append(("load_average_start", load_start, "procs"))
    figures.append(("load_average_end", os.getloadavg()[0], "procs"))
    return figures
