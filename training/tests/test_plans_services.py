"""The annual plan: drafting lines, approval by the director, plan against actual filled from classes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import AuditEvent
from curriculum.choices import ProgrammeStatus
from training.models import AnnualPlan, PlanLine, Result
from training.plans import services as services
from training.plans.report import plan_vs_actual
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db
APPROVAL = {"issuer": "Ban Thường vụ Đảng ủy xã Yên Sơn", "number": "45-QĐ/ĐU", "date": dt.date(2026, 1, 10)}


def _line(plan, programme, **kw):
    values = {"quarter": 1, "planned_classes": 2, "planned_learners": 80, "audience": "  đảng viên   mới "}
    values.update(kw)
    return PlanLine(plan=plan, programme=programme, **values)


def test_create_plan_once_per_centre_and_year(world):
    plan = services.create_plan(actor=world.officer_a, centre=world.centre_a, year=2026)
    assert plan.status == AnnualPlan.Status.DRAFT
    with pytest.raises(ValidationError) as excinfo:
        services.create_plan(actor=world.director_a, centre=world.centre_a, year=2026)
    assert "year" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.create_plan(actor=world.officer_a, centre=world.centre_a, year=1999)
    for user in (world.officer_b, world.viewer_a, world.supervisor, world.lecturer_a):
        with pytest.raises(PermissionDenied):
            services.create_plan(actor=user, centre=world.centre_a, year=2027)
    assert AnnualPlan.objects.count() == 1


def test_lines_are_validated_and_normalised(world):
    plan = make.plan(world.centre_a)
    programme = make.version().programme
    line = services.save_plan_line(actor=world.officer_a, line=_line(plan, programme))
    assert line.audience == "đảng viên mới"
    assert AuditEvent.objects.for_object(line).exists()
    for bad, field in (({"quarter": 5}, "quarter"), ({"planned_classes": 0}, "planned_classes")):
        with pytest.raises(ValidationError) as excinfo:
            services.save_plan_line(actor=world.officer_a, line=_line(plan, programme, **bad))
        assert field in excinfo.value.message_dict
    programme.status = ProgrammeStatus.RETIRED
    programme.save()
    with pytest.raises(ValidationError) as excinfo:
        services.save_plan_line(actor=world.officer_a, line=_line(plan, programme))
    assert "programme" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        services.save_plan_line(actor=world.officer_b, line=_line(plan, programme))
    assert plan.lines.count() == 1


def test_only_the_director_approves_with_the_approving_document(world):
    plan = make.plan(world.centre_a, lines=[(make.version().programme, 1, 2, 80)])
    for user in (world.officer_a, world.supervisor, world.viewer_a):
        with pytest.raises(PermissionDenied):
            services.approve_plan(actor=user, plan=plan, **APPROVAL)
    with pytest.raises(ValidationError) as excinfo:
        services.approve_plan(actor=world.director_a, plan=plan, **{**APPROVAL, "number": " "})
    assert "approval_number" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.approve_plan(actor=world.director_a, plan=plan,
                              **{**APPROVAL, "date": timezone.localdate() + dt.timedelta(days=3)})
    assert "approval_date" in excinfo.value.message_dict
    plan.refresh_from_db()
    assert plan.status == "draft" and not plan.approval_number
    services.approve_plan(actor=world.director_a, plan=plan, **APPROVAL)
    plan.refresh_from_db()
    assert plan.status == "approved" and plan.approved_by == world.director_a
    assert (plan.approval_issuer, plan.approval_number, plan.approval_date) == tuple(APPROVAL.values())
    assert AuditEvent.objects.for_object(plan).filter(action=AuditEvent.Action.APPROVE).exists()


def test_empty_plan_cannot_be_approved(world):
    plan = make.plan(world.centre_a)
    with pytest.raises(ValidationError):
        services.approve_plan(actor=world.director_a, plan=plan, **APPROVAL)
    assert AnnualPlan.objects.get(pk=plan.pk).status == "draft"


def test_approved_plan_is_locked_until_reopened_with_reason(world):
    programme = make.version().programme
    plan = make.plan(world.centre_a, approved=True, lines=[(programme, 1, 2, 80)])
    with pytest.raises(ValidationError):
        services.save_plan_line(actor=world.officer_a, line=_line(plan, programme, quarter=2))
    with pytest.raises(ValidationError):
        services.delete_plan_line(actor=world.officer_a, line=plan.lines.get())
    with pytest.raises(ValidationError):
        services.reopen_plan(actor=world.director_a, plan=plan, reason="")
    with pytest.raises(PermissionDenied):
        services.reopen_plan(actor=world.officer_a, plan=plan, reason="thêm lớp")
    assert plan.lines.count() == 1
    services.reopen_plan(actor=world.director_a, plan=plan, reason="bổ sung lớp quý 3")
    services.save_plan_line(actor=world.officer_a, line=_line(plan, programme, quarter=3))
    assert plan.lines.count() == 2
    assert AnnualPlan.objects.get(pk=plan.pk).approval_number == "45-QĐ/ĐU"  # the history stays


def test_line_with_classes_cannot_be_deleted(world):
    ver = make.version()
    plan = make.plan(world.centre_a, lines=[(ver.programme, 1, 1, 30)])
    make.klass(world.centre_a, ver, plan_line=plan.lines.get())
    with pytest.raises(ValidationError):
        services.delete_plan_line(actor=world.officer_a, line=plan.lines.get())
    assert plan.lines.count() == 1


def test_plan_vs_actual_fills_itself_from_classes(world):
    dvm = make.version("DVM")
    ntvd = make.version("NTVD", name="Bồi dưỡng nhận thức về Đảng")
    plan = make.plan(world.centre_a, approved=True, lines=[(dvm.programme, 1, 2, 80), (ntvd.programme, 2, 1, 40)])
    dvm_line = plan.lines.get(programme=dvm.programme)
    running = make.klass(world.centre_a, dvm, status="in_progress", plan_line=dvm_line)
    make.enrol(running, world.person_a)
    make.enrol(running, world.learner_person)
    make.enrol(running, world.person_b, status="withdrawn")
    finished = make.klass(world.centre_a, dvm, status="closed", plan_line=dvm_line)
    done = make.enrol(finished, world.person_a)
    Result.objects.create(enrolment=done, completed=True)
    make.klass(world.centre_a, ntvd, plan_line=plan.lines.get(programme=ntvd.programme))  # still planned
    outside = make.klass(world.centre_a, ntvd, status="open")
    make.enrol(outside, world.person_a)
    make.klass(world.centre_b, ntvd, status="open")  # another centre
    make.klass(world.centre_a, ntvd, status="open", start_date=dt.date(2025, 5, 1), end_date=dt.date(2025, 5, 3))

    report = plan_vs_actual(plan)
    by_code = {r.programme_code: r for r in report.rows}
    assert (by_code["DVM"].opened_classes, by_code["DVM"].finished_classes) == (2, 1)
    assert (by_code["DVM"].enrolled, by_code["DVM"].completed) == (3, 1)
    assert by_code["DVM"].percent_classes == 100
    assert by_code["NTVD"].opened_classes == 0
    assert [(r.programme_code, r.opened_classes, r.enrolled) for r in report.unplanned] == [("NTVD", 1, 1)]
    total = report.total
    assert (total.planned_classes, total.opened_classes, total.enrolled) == (3, 3, 4)
    assert [q["planned"] for q in report.quarters] == [2, 1, 0, 0]
    assert [q["opened"] for q in report.quarters] == [2, 0, 0, 0]


def test_plan_vs_actual_takes_two_queries_whatever_the_size(world):
    plan = make.plan(world.centre_a, approved=True)
    ver = make.version()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            plan_vs_actual(plan)
        return len(ctx.captured_queries)

    PlanLine.objects.create(plan=plan, programme=ver.programme, quarter=1)
    small = count()
    for quarter in (1, 2, 3, 4):
        line = PlanLine.objects.create(plan=plan, programme=ver.programme, quarter=quarter)
        make.enrol(make.klass(world.centre_a, ver, status="open", plan_line=line), world.person_a)
        make.klass(world.centre_a, ver, status="closed")
    assert count() == small == 2
