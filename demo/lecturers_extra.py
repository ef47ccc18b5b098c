"""Demo data for lecturers' work at the demo centre: the province's fee table, a guest lecturer on the
timetable, a final payment sheet, load entries, a survey with answers and a final closing report.

Everything goes through the services the pages use, acted by the demo users, so it obeys every rule.
Safe to repeat: each part checks what is stored first.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from accounts.models import User
from lecturers.models import ClosingReport, FeeTable, LoadEntry, PaymentSheet, Survey
from lecturers.services import closing as closing_services
from lecturers.services import feedback as feedback_services
from lecturers.services import load as load_services
from lecturers.services import pay as pay_services
from people.models import Lecturer, Person
from training.models import Klass, Session

RATES = [("central", "", Decimal(2_000_000)), ("provincial", "", Decimal(1_200_000)), ("centre", "", Decimal(600_000)),
         ("provincial", "Phó giáo sư", Decimal(1_500_000))]
COMMENTS = ["Giảng viên liên hệ thực tiễn địa phương rất sinh động.", "Nên bố trí thêm thời gian trao đổi, thảo luận.",
            "Tài liệu cần gửi trước cho học viên.", "Phòng học thoáng mát, trang thiết bị đầy đủ."]


def _guest(centre) -> Lecturer:
    lecturer = Lecturer.objects.filter(centre=centre, kind=Lecturer.Kind.GUEST).select_related("person").first()
    if lecturer is not None:
        return lecturer
    person = Person.objects.filter(family_name="Hoàng", given_name="Quý", centre=centre).first() or Person.objects.create(
        family_name="Hoàng", middle_name="Văn", given_name="Quý", gender="male", centre=centre,
        position="Giảng viên chính", workplace="Trường Chính trị tỉnh Tuyên Quang", is_party_member=True,
        theory_level="cao_cap")
    return Lecturer.objects.create(centre=centre, person=person, kind=Lecturer.Kind.GUEST, academic_title="Phó giáo sư",
                                   home_organisation="Trường Chính trị tỉnh Tuyên Quang", degree="tien_si",
                                   theory_level="cao_cap", pedagogy_certificate=True, teaching_since=2005)


def _give_sessions(klass, lecturer, count: int) -> None:
    """Hand a few of the class's sessions to the guest, where the guest is free at that time."""
    busy = set(Session.objects.filter(lecturer=lecturer).values_list("date", "part"))
    if Session.objects.filter(klass=klass, lecturer=lecturer).exists():
        return
    for session in Session.objects.filter(klass=klass).order_by("date", "pk"):
        if count <= 0:
            break
        if (session.date, session.part) not in busy:
            session.lecturer = lecturer
            session.save(update_fields=["lecturer"])
            count -= 1


def build_lecturers_extra(ctx) -> str:
    """The demo step (takes demo.steps.SeedContext)."""
    today, seed = ctx.today, ctx.seed
    officer = User.objects.filter(username="daotao").first()
    admin = User.objects.filter(username="admin").first()
    if officer is None or admin is None:
        return "bỏ qua (chưa có tài khoản minh họa)"
    centre = officer.role_assignments.get(role="training_officer").centre
    rng = random.Random(f"{seed}-lecturers")
    done = []
    if not FeeTable.objects.filter(province=centre.province).exists():
        pay_services.save_fee_table(actor=admin, table=FeeTable(
            province=centre.province, name=f"Mức chi thù lao giảng viên {centre.province.name} (minh họa)",
            valid_from=dt.date(2025, 7, 1), periods_per_session=4, decision="Quyết định của UBND tỉnh (minh họa)"),
            rates=RATES)
        done.append("bảng thù lao")
    classes = {k.status: k for k in Klass.objects.filter(centre=centre).order_by("start_date")}
    closed = classes.get(Klass.Status.CLOSED)
    approved = classes.get(Klass.Status.RESULTS_APPROVED)
    guest = _guest(centre)
    for klass, count in ((closed, 2), (approved, 2)):
        if klass is not None:
            _give_sessions(klass, guest, count)
    if closed is not None and not PaymentSheet.objects.filter(klass=closed).exists():
        pay_services.finalise_payment_sheet(actor=officer, klass=closed, number="05-BTT/TTCT")
        done.append(f"bảng thanh toán {closed.code}")
    lecturer = Lecturer.objects.filter(centre=centre, kind=Lecturer.Kind.FULL_TIME).order_by("pk").first()
    if lecturer is not None and not LoadEntry.objects.filter(lecturer=lecturer).exists():
        for kind, code, quantity, percent, note in (("work", "essay", 60, 0, "Chấm bài thu hoạch lớp nhận thức"),
                                                    ("work", "head_teacher", 2, 0, "Chủ nhiệm hai lớp"),
                                                    ("study", "", 0, 10, "Học cao cấp lý luận chính trị")):
            load_services.record_load_entry(actor=officer, entry=LoadEntry(
                lecturer=lecturer, year=today.year, kind=kind, coefficient_code=code, quantity=Decimal(quantity),
                percent=Decimal(percent), note=note))
        done.append("định mức giờ giảng")
    target = approved or closed
    if target is not None and not Survey.objects.filter(klass=target).exists():
        survey = feedback_services.open_survey(actor=officer, klass=target)
        items = list(survey.items.all())
        codes = list(survey.codes.values_list("code", flat=True))
        for index, code in enumerate(codes[: max(2, int(len(codes) * 0.6))]):
            answers = {i.pk: str(max(1, min(10, round(rng.gauss(8.2, 1.1))))) for i in items if i.kind == "rating"}
            if index % 4 == 0:
                answers.update({i.pk: COMMENTS[(index // 4) % len(COMMENTS)] for i in items if i.kind == "text"})
            feedback_services.submit_answers(survey=survey, code=code, answers=answers)
        survey.refresh_from_db()
        for answer in survey.items.filter(kind="text").first().texts.all()[:2] if survey.results_visible else []:
            feedback_services.review_text(actor=officer, answer=answer, publish=True)
        done.append(f"khảo sát {target.code} ({survey.valid_forms} phiếu)")
    if closed is not None and not ClosingReport.objects.filter(klass=closed).exists():
        report = closing_services.save_closing_report(actor=officer, report=ClosingReport(
            klass=closed, number="08-BC/TTCT",
            assessment="Lớp học được tổ chức đúng kế hoạch, học viên chấp hành tốt nội quy.",
            strengths="Giảng viên chuẩn bị bài chu đáo, liên hệ thực tiễn cơ sở.",
            limitations="Một số học viên còn vắng do bận công tác.",
            proposals="Đề nghị các đơn vị cử học viên bố trí thời gian cho học viên học tập đầy đủ."))
        closing_services.finalise_closing_report(actor=officer, report=report)
        done.append(f"báo cáo tổng kết {closed.code}")
    return ", ".join(done) or "đã có dữ liệu giảng viên minh họa"
