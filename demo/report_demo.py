"""Demo reports at the demo centre: the last finished quarter submitted, the current quarter as a draft.

Through the same services as the pages (generate, write, submit), acted by the demo officer and director.
"""

from __future__ import annotations

import datetime as dt

from accounts.models import User
from reports import services
from reports.models import Report, ReportKind

TEXTS = {
    "results": "Trung tâm tổ chức các lớp theo đúng kế hoạch quý; học viên tham gia đầy đủ, nghiêm túc; "
               "công tác phối hợp với các đơn vị cử học viên chặt chẽ.",
    "limitations": "Một số lớp còn học viên vắng do trùng lịch công tác ở cơ sở.",
    "causes": "Lịch học chưa thống nhất sớm với các đảng ủy xã.",
    "proposals": "Đề nghị Ban Thường vụ Đảng ủy chỉ đạo các đơn vị cử học viên đúng thành phần, đúng thời gian.",
}


def _last_finished_quarter(today: dt.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3
    return (today.year, quarter) if quarter else (today.year - 1, 4)


def build_reports(*, today: dt.date) -> str:
    officer = User.objects.get(username="daotao")
    director = User.objects.get(username="giamdoc")
    centre = officer.role_assignments.get(role="training_officer").centre
    kind = ReportKind.objects.get(code="quarterly")
    done = []
    year, quarter = _last_finished_quarter(today)
    current = (today.year, (today.month - 1) // 3 + 1)
    for (y, q), submit in (((year, quarter), True), (current, False)):
        report = Report.objects.filter(centre=centre, kind=kind, year=y, number=q).order_by("-version").first()
        if report is None:
            report = services.generate_report(actor=officer, centre=centre, kind=kind, year=y, number=q)
            services.save_texts(actor=officer, report=report, texts=TEXTS if submit else {"results": TEXTS["results"]})
        if submit and not report.is_submitted:
            report = services.submit_report(actor=director, report=report)
        done.append(f"quý {q}/{y} ({report.doc_label or 'dự thảo'})")
    return "báo cáo " + ", ".join(done)


def step_reports(ctx) -> str:
    """The `demo.steps` step."""
    return build_reports(today=ctx.today)
