"""Demo data for standardisation: the default framework, a submitted self-assessment of the home centre for
this year, and a recognised one of the neighbouring centre for last year.

Last year predates the centres' use of TTCT, so its computed values are thin; the province's reviewer set
the reviewed values from the paper records, each with that comment, as a reviewer would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile

from accounts.models import User
from core.documents import OfficialDocument, Signature, render_pdf
from demo.logins import HOME, OTHER
from org.models import Centre
from standards.evaluation import judge
from standards.models import Assessment, Unit
from standards.selectors import framework_tree
from standards.services import assessments, frameworks, review

PAPER = "Thẩm định theo hồ sơ giấy của trung tâm (năm chưa dùng TTCT)."


def _evidence_pdf(centre: Centre) -> bytes:
    return render_pdf(OfficialDocument(
        issuer="TRUNG TÂM CHÍNH TRỊ", number="", place="Tuyên Quang", date=None, doc_type="BIÊN BẢN",
        title="tổng hợp minh chứng tự đánh giá (dữ liệu mẫu)",
        paragraphs=(f"Minh chứng mẫu của {centre.name} cho dữ liệu minh họa của TTCT.",),
        signature=Signature(title="GIÁM ĐỐC", name="")))


def _declare_all(actor, assessment: Assessment, content: bytes) -> None:
    tree = framework_tree(assessment.framework)
    first = tree.levels[0].pk
    for value in assessment.values.select_related("indicator").filter(indicator__kind="declared"):
        indicator = value.indicator
        target = tree.targets.get(indicator.pk, {}).get(first)
        top = tree.targets.get(indicator.pk, {})
        amount = max(top.values()) if top else (Decimal(1) if indicator.unit == Unit.YES_NO else Decimal(0))
        if target is None and indicator.unit == Unit.COUNT:
            amount = Decimal(0)
        assessments.declare_value(actor=actor, value=value, amount=amount, note="Dữ liệu minh họa.")
        upload = ContentFile(content, name=f"minh-chung-{indicator.code}.pdf")
        assessments.add_evidence(actor=actor, value=value, upload=upload)


def build_standards(*, today: dt.date) -> str:
    framework = frameworks.install_default_framework()
    admin = User.objects.get(username="admin")
    director = User.objects.get(username="giamdoc")
    officer = User.objects.get(username="daotao")
    supervisor = User.objects.get(username="tinh")
    home = Centre.objects.get(code=HOME)
    other = Centre.objects.get(code=OTHER)
    made = []
    if not Assessment.objects.filter(centre=home, year=today.year).exists():
        submitted = assessments.open_assessment(actor=officer, centre=home, framework=framework, year=today.year)
        _declare_all(officer, submitted, _evidence_pdf(home))
        for group in framework.groups.all():
            assessments.write_narrative(actor=officer, assessment=submitted, group=group,
                                        text=f"Trung tâm tự đánh giá nhóm “{group.name}” theo số liệu trên TTCT.")
        assessments.submit_assessment(actor=director, assessment=submitted)
        made.append(f"{home.name} {today.year}: đã nộp")
    last = today.year - 1
    if not Assessment.objects.filter(centre=other, year=last).exists():
        recognised = assessments.open_assessment(actor=admin, centre=other, framework=framework, year=last)
        _declare_all(admin, recognised, _evidence_pdf(other))
        assessments.submit_assessment(actor=admin, assessment=recognised)
        tree = framework_tree(framework)
        top = tree.levels[0].pk
        for value in recognised.values.select_related("indicator"):
            targets = tree.targets.get(value.indicator_id, {})
            judged = judge(value.indicator, value.value, value.not_applicable, targets)
            if judged.met.get(top) is False:
                review.review_value(actor=supervisor, value=value, agreed=False, reviewed=targets[top], comment=PAPER)
            else:
                review.review_value(actor=supervisor, value=value, agreed=True)
        review.close_assessment(actor=supervisor, assessment=recognised, level=tree.levels[0],
                                decision_number="215-QĐ/TU", decision_date=dt.date(today.year, 1, 20))
        made.append(f"{other.name} {last}: đã công nhận {tree.levels[0].name.lower()}")
    return "; ".join(made) or "đã có bộ tiêu chí và tự đánh giá minh họa"
