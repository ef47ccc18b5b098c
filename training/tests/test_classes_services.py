"""Opening a class and its state machine: rules, refusals (nothing changes), audit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from curriculum.choices import VersionStatus
from tests import factories as f
from training.classes import services as services
from training.models import Klass
from training.permissions import directs_centre
from training.tests.factories import classes as make

pytestmark = pytest.mark.django_db
START = make.START


def _open(world, **kw):
    values = {"actor": world.officer_a, "centre": world.centre_a, "version": kw.pop("version", None) or make.version(),
              "start_date": START, "end_date": START + dt.timedelta(days=4)}
    values.update(kw)
    return services.open_class(**values)


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def test_code_suggestion_follows_programme_year_and_sequence(world):
    ver = make.version("DVM")
    assert services.suggest_class_code(programme=ver.programme, year=2026) == "DVM-2026-01"
    make.klass(world.centre_a, ver, code="DVM-2026-01")
    make.klass(world.centre_b, ver, code="DVM-2026-07")
    make.klass(world.centre_b, ver, code="DVM-2026-X")
    make.klass(world.centre_b, ver, code="DVM-2025-09")
    assert services.suggest_class_code(programme=ver.programme, year=2026) == "DVM-2026-08"


def test_open_ad_hoc_class_generates_code_and_name_and_is_audited(world):
    klass = _open(world)
    assert klass.status == Klass.Status.PLANNED
    assert klass.code == "DVM-2026-01"
    assert klass.name == klass.version.programme.name
    event = AuditEvent.objects.for_object(klass).get()
    assert event.action == AuditEvent.Action.CREATE and event.actor == world.officer_a


def test_open_from_approved_plan_line(world):
    ver = make.version()
    plan = make.plan(world.centre_a, approved=True, lines=[(ver.programme, 1, 2, 80)])
    klass = _open(world, version=ver, plan_line=plan.lines.get(), code="dvm 2026 a")
    assert klass.plan_line == plan.lines.get()
    assert klass.code == "DVM2026A"


@pytest.mark.parametrize("case", ["draft_plan", "other_programme", "other_year", "other_centre"])
def test_plan_line_must_fit_the_class(world, case):
    ver = make.version("DVM")
    other = make.version("NTVD", name="Bồi dưỡng nhận thức về Đảng")
    centre = world.centre_b if case == "other_centre" else world.centre_a
    plan = make.plan(centre, year=2027 if case == "other_year" else 2026, approved=case != "draft_plan",
                     lines=[(other.programme if case == "other_programme" else ver.programme, 1, 1, 30)])
    with pytest.raises(ValidationError) as excinfo:
        _open(world, version=ver, plan_line=plan.lines.get())
    assert set(_errors(excinfo)) & {"plan_line", "version", "start_date"}
    assert not Klass.objects.exists()


@pytest.mark.parametrize("field, kwargs", [
    ("end_date", {"end_date": START - dt.timedelta(days=1)}),
    ("version", {"version": "draft"}),
    ("code", {"code": "DVM 2026/#1"}),
    ("off_site_venue", {"room": "own", "off_site_venue": "Hội trường xã Thái Bình"}),
    ("room", {"room": "other"}),
    ("capacity", {"room": "small", "capacity": 60}),
    ("capacity", {"capacity": 0}),
    ("opening_decision_date", {"opening_decision_number": "5-QĐ/TTCT"}),
    ("opening_decision_number", {"opening_decision_date": START}),
    ("opening_decision_date", {"opening_decision_number": "5-QĐ/TTCT", "opening_decision_date": START + dt.timedelta(days=1)}),
    ("head_teacher", {"head_teacher": "other_province"}),
])
def test_bad_input_is_refused_by_field_and_nothing_is_written(world, field, kwargs):
    if kwargs.get("version") == "draft":
        kwargs["version"] = make.version(status=VersionStatus.DRAFT)
    if kwargs.get("room") == "own":
        kwargs["room"] = make.room(world.centre_a)
    elif kwargs.get("room") == "other":
        kwargs["room"] = make.room(world.centre_b)
    elif kwargs.get("room") == "small":
        kwargs["room"] = make.room(world.centre_a, seats=30)
    if kwargs.get("head_teacher") == "other_province":
        kwargs["head_teacher"] = f.LecturerFactory(centre=world.centre_c)
    with pytest.raises(ValidationError) as excinfo:
        _open(world, **kwargs)
    assert field in _errors(excinfo)
    assert not Klass.objects.exists()
    assert not AuditEvent.objects.filter(object_type="training.klass").exists()


def test_duplicate_code_is_refused(world):
    make.klass(world.centre_b, code="DVM-2026-01")
    with pytest.raises(ValidationError) as excinfo:
        _open(world, code="dvm-2026-01")
    assert "code" in _errors(excinfo)
    assert Klass.objects.count() == 1


def test_out_of_scope_officer_and_closed_centre_are_refused(world):
    with pytest.raises(PermissionDenied):
        _open(world, actor=world.officer_b)
    with pytest.raises(PermissionDenied):
        _open(world, actor=world.viewer_a)
    with pytest.raises(ValidationError):
        _open(world, centre=world.centre_a0)  # the predecessor centre is closed
    assert not Klass.objects.exists()


def test_update_checks_capacity_dates_and_version_against_what_exists(world):
    klass = make.klass(world.centre_a, status=Klass.Status.OPEN)
    make.enrol(klass, world.person_a)
    make.enrol(klass, world.learner_person)
    make.session(klass, day=4)
    klass.capacity = 1
    with pytest.raises(ValidationError) as excinfo:
        services.update_class(actor=world.officer_a, klass=klass)
    assert "capacity" in _errors(excinfo)
    klass.refresh_from_db()
    klass.end_date = START + dt.timedelta(days=2)
    with pytest.raises(ValidationError) as excinfo:
        services.update_class(actor=world.officer_a, klass=klass)
    assert "start_date" in _errors(excinfo)  # a session on day 4 would fall outside
    klass.refresh_from_db()
    klass.version = make.version("NTVD", name="Nhận thức về Đảng")
    with pytest.raises(ValidationError) as excinfo:
        services.update_class(actor=world.officer_a, klass=klass)
    assert "version" in _errors(excinfo)
    klass.refresh_from_db()
    assert klass.capacity == 60 and klass.end_date == START + dt.timedelta(days=4)


def test_update_is_audited_and_locked_after_results(world):
    klass = make.klass(world.centre_a)
    klass.name = "Lớp đảng viên mới khóa 3"
    services.update_class(actor=world.officer_a, klass=klass, reason="đặt tên khóa")
    event = AuditEvent.objects.for_object(klass).get()
    assert event.before["name"] != event.after["name"] == "Lớp đảng viên mới khóa 3"
    assert event.reason == "đặt tên khóa"
    Klass.objects.filter(pk=klass.pk).update(status=Klass.Status.RESULTS_APPROVED)
    klass.refresh_from_db()
    klass.name = "Đổi sau khi duyệt"
    with pytest.raises(ValidationError):
        services.update_class(actor=world.officer_a, klass=klass)
    assert Klass.objects.get(pk=klass.pk).name == "Lớp đảng viên mới khóa 3"


def test_planned_to_open_needs_the_opening_decision(world):
    klass = make.klass(world.centre_a)
    with pytest.raises(ValidationError):
        services.transition_class(actor=world.officer_a, klass=klass, to_status="open")
    assert Klass.objects.get(pk=klass.pk).status == "planned"
    klass.opening_decision_number, klass.opening_decision_date = "7-QĐ/TTCT", START - dt.timedelta(days=3)
    services.update_class(actor=world.officer_a, klass=klass)
    services.transition_class(actor=world.officer_a, klass=klass, to_status="open")
    assert Klass.objects.get(pk=klass.pk).status == "open"


def test_open_to_in_progress_needs_learners_and_sessions(world):
    klass = make.klass(world.centre_a, status=Klass.Status.OPEN)
    blockers = services.transition_blockers(klass, "in_progress")
    assert len(blockers) == 2
    make.enrol(klass, world.person_a)
    assert len(services.transition_blockers(klass, "in_progress")) == 1
    with pytest.raises(ValidationError):
        services.transition_class(actor=world.officer_a, klass=klass, to_status="in_progress")
    make.session(klass)
    services.transition_class(actor=world.officer_a, klass=klass, to_status="in_progress")
    assert Klass.objects.get(pk=klass.pk).status == "in_progress"


def test_withdrawn_learners_do_not_count_for_in_progress(world):
    klass = make.klass(world.centre_a, status=Klass.Status.OPEN)
    make.enrol(klass, world.person_a, status="withdrawn")
    make.session(klass)
    assert services.transition_blockers(klass, "in_progress")


def test_results_approval_is_not_a_plain_transition_and_steps_cannot_be_skipped(world):
    klass = make.klass(world.centre_a, status=Klass.Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        services.transition_class(actor=world.director_a, klass=klass, to_status="results_approved")
    planned = make.klass(world.centre_a)
    with pytest.raises(ValidationError):
        services.transition_class(actor=world.officer_a, klass=planned, to_status="in_progress")
    with pytest.raises(ValidationError):
        services.transition_class(actor=world.officer_a, klass=planned, to_status="nonsense")
    assert Klass.objects.get(pk=klass.pk).status == "in_progress"
    assert Klass.objects.get(pk=planned.pk).status == "planned"


def test_close_and_reopen_with_reason(world):
    klass = make.klass(world.centre_a, status=Klass.Status.RESULTS_APPROVED)
    services.transition_class(actor=world.officer_a, klass=klass, to_status="closed")
    klass.refresh_from_db()
    assert klass.status == "closed" and klass.closed_at is not None
    with pytest.raises(ValidationError) as excinfo:
        services.transition_class(actor=world.officer_a, klass=klass, to_status="results_approved")
    assert "reason" in _errors(excinfo)
    services.transition_class(actor=world.director_a, klass=klass, to_status="results_approved",
                              reason="bổ sung giấy chứng nhận")
    klass.refresh_from_db()
    assert klass.status == "results_approved" and klass.closed_at is None
    event = AuditEvent.objects.for_object(klass).order_by("-pk").first()
    assert event.before["status"] == "closed" and event.reason == "bổ sung giấy chứng nhận"


def test_back_to_planned_refused_while_learners_are_enrolled(world):
    klass = make.klass(world.centre_a, status=Klass.Status.OPEN)
    make.enrol(klass, world.person_a)
    with pytest.raises(ValidationError):
        services.transition_class(actor=world.officer_a, klass=klass, to_status="planned", reason="nhầm")
    assert Klass.objects.get(pk=klass.pk).status == "open"


def test_transitions_need_the_right(world):
    klass = make.klass(world.centre_a, status=Klass.Status.RESULTS_APPROVED)
    for user in (world.officer_b, world.viewer_a, world.lecturer_a, world.supervisor):
        with pytest.raises(PermissionDenied):
            services.transition_class(actor=user, klass=klass, to_status="closed")
    assert Klass.objects.get(pk=klass.pk).status == "results_approved"


def test_delete_only_planned_empty_classes(world):
    opened = make.klass(world.centre_a, status=Klass.Status.OPEN)
    with pytest.raises(ValidationError):
        services.delete_class(actor=world.officer_a, klass=opened)
    planned = make.klass(world.centre_a)
    make.session(planned)
    with pytest.raises(ValidationError):
        services.delete_class(actor=world.officer_a, klass=planned)
    empty = make.klass(world.centre_a)
    services.delete_class(actor=world.officer_a, klass=empty, reason="nhập trùng")
    assert set(Klass.objects.values_list("pk", flat=True)) == {opened.pk, planned.pk}
    assert AuditEvent.objects.filter(object_type="training.klass", action="delete").count() == 1


def test_director_of_covers_the_predecessor_but_not_other_centres(world):
    assert directs_centre(world.director_a, world.centre_a.pk)
    assert directs_centre(world.director_a, world.centre_a0.pk)
    assert not directs_centre(world.director_a, world.centre_b.pk)
    assert not directs_centre(world.officer_a, world.centre_a.pk)
    assert directs_centre(world.admin, world.centre_c.pk)
