"""Timetable services: the generator, the clash checks, the periods check, unavailable dates, holidays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from core.models import AuditEvent
from tests import factories as f
from training.models import LecturerUnavailability, PublicHoliday, Session
from training.tests.factories.timetable import (
    TOPICS,
    learners,
    make_class,
    make_room,
    session,
    teacher,
)
from training.timetable import services as tts

MON = dt.date(2026, 3, 2)  # a Monday
P = Session.Part


def titles(klass):
    return [t.title for t in klass.version.topics.order_by("order")]


# ------------------------------------------------------------------------------------------- topics


@pytest.mark.parametrize(("listed", "title", "expected"), [
    ("Điều lệ Đảng Cộng sản Việt Nam", "Điều lệ Đảng Cộng sản Việt Nam", True),
    ("dieu le dang cong san viet nam", "Điều lệ Đảng Cộng sản Việt Nam", True),
    ("Chuyên đề 3: Điều lệ Đảng", "Điều lệ Đảng Cộng sản Việt Nam", True),
    ("Lịch sử Đảng", "Khái quát lịch sử Đảng Cộng sản Việt Nam", True),
    ("Đảng", "Điều lệ Đảng Cộng sản Việt Nam", False),
    ("Kinh tế chính trị Mác – Lênin", "Điều lệ Đảng Cộng sản Việt Nam", False),
    ("", "Điều lệ Đảng", False),
])
def test_topic_matching_ignores_diacritics_and_numbering(listed, title, expected):
    assert tts.topic_matches(listed, title) is expected


# ---------------------------------------------------------------------------------------- generator


def test_generator_lays_every_period_over_weekdays_skipping_holidays(world):
    PublicHoliday.objects.create(date=MON + dt.timedelta(days=2), name="Ngày nghỉ thử")
    klass = make_class(world.centre_a, room=make_room(world.centre_a))
    for title, _ in TOPICS:
        teacher(world.centre_a, title)
    result = tts.generate_timetable(actor=world.officer_a, klass=klass)
    sessions = list(klass.sessions.all())
    assert sum(s.periods for s in sessions) == sum(p for _, p in TOPICS)
    assert all(s.date.weekday() < 5 for s in sessions)
    assert MON + dt.timedelta(days=2) not in {s.date for s in sessions}
    assert all(s.lecturer_id and s.room_id == klass.room_id for s in sessions)
    assert tts.scheduled_periods_match(klass)
    assert result.unplaced == [] and result.warnings == []
    # Topics come in the programme's order, and a topic of 8 periods takes two sessions of 4.
    ordered = sorted(sessions, key=lambda s: (s.date, tts.PART_ORDER[s.part]))
    assert [s.topic.title for s in ordered][:2] == [TOPICS[0][0]] * 2
    assert AuditEvent.objects.filter(object_type="training.session", action="create").count() == len(sessions)


def test_generator_respects_unavailable_dates_and_other_classes(world):
    world.lecturer_profile.active = False  # the persona teaches "Lịch sử Đảng" too
    world.lecturer_profile.save()
    klass = make_class(world.centre_a)
    only = teacher(world.centre_a, *titles(klass))
    LecturerUnavailability.objects.create(lecturer=only, date=MON)  # the whole Monday
    other = make_class(world.centre_a)
    session(other, MON + dt.timedelta(days=1), P.MORNING, lecturer=only)
    tts.generate_timetable(actor=world.officer_a, klass=klass)
    taught = set(klass.sessions.filter(lecturer=only).values_list("date", "part"))
    assert (MON, P.MORNING) not in taught and (MON, P.AFTERNOON) not in taught
    assert (MON + dt.timedelta(days=1), P.MORNING) not in taught
    # Where the only lecturer is away, the slot is still used but left without a lecturer, with a warning.
    assert klass.sessions.filter(date=MON, lecturer__isnull=True).exists()


def test_generator_skips_slots_where_learners_sit_in_another_class(world):
    klass = make_class(world.centre_a)
    other = make_class(world.centre_a)
    shared = learners(klass, 2)
    from training.tests.factories.timetable import enrol

    enrol(other, [shared[0].person])
    session(other, MON, P.MORNING)
    tts.generate_timetable(actor=world.officer_a, klass=klass)
    assert not klass.sessions.filter(date=MON, part=P.MORNING).exists()
    assert klass.sessions.filter(date=MON, part=P.AFTERNOON).exists()


def test_generator_reports_what_does_not_fit_and_fills_the_rest_later(world):
    klass = make_class(world.centre_a, start=MON, end=MON + dt.timedelta(days=1))  # 4 slots = 16 periods
    with translation.override("en"):
        result = tts.generate_timetable(actor=world.officer_a, klass=klass)
    assert result.unplaced_periods == 24 - 16
    assert not tts.scheduled_periods_match(klass)
    assert any("No active lecturer" in w for w in result.warnings)
    klass.end_date = MON + dt.timedelta(days=4)
    klass.save()
    again = tts.generate_timetable(actor=world.officer_a, klass=klass)
    assert again.unplaced == [] and tts.scheduled_periods_match(klass)
    assert len(again.created) == 3  # the rest of topic 3 (2), topic 4 (4), topic 5 (2)


def test_generator_replace_keeps_sessions_with_attendance(world):
    klass = make_class(world.centre_a)
    kept = session(klass, MON, P.MORNING, attendance_taken=True)
    session(klass, MON, P.AFTERNOON)
    result = tts.generate_timetable(actor=world.officer_a, klass=klass, replace=True)
    assert result.removed == 1
    assert Session.objects.filter(pk=kept.pk).exists()
    assert tts.scheduled_periods_match(klass)


def test_generator_refuses_bad_options_and_other_roles(world):
    klass = make_class(world.centre_a)
    with pytest.raises(ValidationError) as error:
        tts.generate_timetable(actor=world.officer_a, klass=klass, parts=["night"], periods_per_session=9)
    assert set(error.value.message_dict) == {"parts", "periods_per_session"}
    for persona in (world.officer_b, world.viewer_a, world.supervisor, world.lecturer_a):
        with pytest.raises(PermissionDenied):
            tts.generate_timetable(actor=persona, klass=klass)
    assert not klass.sessions.exists()


# ----------------------------------------------------------------------------------- session checks


def test_session_outside_class_dates_is_refused_and_nothing_changes(world):
    klass = make_class(world.centre_a)
    with pytest.raises(ValidationError) as error:
        tts.create_session(actor=world.officer_a, klass=klass, date=klass.end_date + dt.timedelta(days=1),
                           part=P.MORNING, topic=klass.version.topics.first())
    assert "date" in error.value.message_dict
    assert not klass.sessions.exists()


def test_lecturer_without_the_topic_needs_a_reason(world):
    klass = make_class(world.centre_a)
    topic = klass.version.topics.get(order=3)  # Điều lệ Đảng
    stranger = teacher(world.centre_a, "Kinh tế chính trị Mác – Lênin")
    with pytest.raises(ValidationError) as error:
        tts.create_session(actor=world.officer_a, klass=klass, date=MON, part=P.MORNING, topic=topic,
                           lecturer=stranger)
    assert "lecturer" in error.value.message_dict
    made = tts.create_session(actor=world.officer_a, klass=klass, date=MON, part=P.MORNING, topic=topic,
                              lecturer=stranger, override_reason="Giảng viên dự phòng")
    event = AuditEvent.objects.get(object_type="training.session", object_id=str(made.pk))
    assert event.reason == "Giảng viên dự phòng"


def test_clashes_of_lecturer_room_class_and_learners_are_refused(world):
    room = make_room(world.centre_a)
    klass = make_class(world.centre_a)
    other = make_class(world.centre_a)
    lecturer = teacher(world.centre_a, *titles(klass))
    session(other, MON, P.MORNING, lecturer=lecturer, room=room)
    session(klass, MON, P.AFTERNOON)
    topic = klass.version.topics.first()
    cases = [
        (dict(lecturer=lecturer), "lecturer"),
        (dict(room=room), "room"),
    ]
    for extra, field in cases:
        with pytest.raises(ValidationError) as error:
            tts.create_session(actor=world.officer_a, klass=klass, date=MON, part=P.MORNING, topic=topic, **extra)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        tts.create_session(actor=world.officer_a, klass=klass, date=MON, part=P.AFTERNOON, topic=topic)
    assert "part" in error.value.message_dict
    # The same person teaching through a profile at another centre is still one person.
    guest_profile = f.LecturerFactory(centre=world.centre_b, person=lecturer.person)
    b_class = make_class(world.centre_b)
    with pytest.raises(ValidationError):
        tts.create_session(actor=world.officer_b, klass=b_class, date=MON, part=P.MORNING,
                           topic=b_class.version.topics.first(), lecturer=guest_profile, override_reason="x")
    # A learner in both classes.
    shared = learners(klass, 1)[0].person
    from training.tests.factories.timetable import enrol

    enrol(other, [shared])
    with pytest.raises(ValidationError) as error:
        tts.create_session(actor=world.officer_a, klass=klass, date=MON, part=P.MORNING, topic=topic)
    assert shared.full_name in " ".join(error.value.message_dict["part"])
    assert klass.sessions.count() == 1


def test_move_and_edit_session(world):
    klass = make_class(world.centre_a)
    lecturer = teacher(world.centre_a, *titles(klass))
    s = session(klass, MON, P.MORNING, lecturer=lecturer)
    tts.move_session(actor=world.officer_a, session=s, date=MON + dt.timedelta(days=1), part=P.AFTERNOON)
    s.refresh_from_db()
    assert (s.date, s.part) == (MON + dt.timedelta(days=1), P.AFTERNOON)
    tts.update_session(actor=world.officer_a, session=s, periods=5, note="Thảo luận tổ")
    s.refresh_from_db()
    assert (s.periods, s.note) == (5, "Thảo luận tổ")
    with pytest.raises(ValidationError):
        tts.update_session(actor=world.officer_a, session=s, periods=9)
    s.refresh_from_db()
    assert s.periods == 5


def test_sessions_with_attendance_cannot_move_or_go(world):
    klass = make_class(world.centre_a)
    s = session(klass, MON, P.MORNING, attendance_taken=True)
    with pytest.raises(ValidationError):
        tts.move_session(actor=world.officer_a, session=s, date=MON + dt.timedelta(days=1), part=P.MORNING)
    with pytest.raises(ValidationError):
        tts.delete_session(actor=world.officer_a, session=s)
    assert Session.objects.filter(pk=s.pk, date=MON).exists()


def test_locked_class_refuses_timetable_changes(world):
    klass = make_class(world.centre_a, status="results_approved")
    with pytest.raises(ValidationError):
        tts.create_session(actor=world.officer_a, klass=klass, date=MON, part=P.MORNING)
    with pytest.raises(ValidationError):
        tts.generate_timetable(actor=world.officer_a, klass=klass)
    assert not klass.sessions.exists()


def test_delete_session_is_audited(world):
    klass = make_class(world.centre_a)
    s = session(klass, MON)
    tts.delete_session(actor=world.officer_a, session=s, reason="Trùng lịch họp")
    assert not klass.sessions.exists()
    assert AuditEvent.objects.filter(object_type="training.session", action="delete", reason="Trùng lịch họp").exists()


# ------------------------------------------------------------------------------------ periods check


def test_periods_check_names_each_topic_that_differs(world):
    klass = make_class(world.centre_a)
    first, second = klass.version.topics.order_by("order")[:2]
    session(klass, MON, P.MORNING, topic=first, periods=4)
    session(klass, MON, P.AFTERNOON, topic=second, periods=5)
    rows = {r.topic.pk: r for r in tts.periods_by_topic(klass)}
    assert (rows[first.pk].scheduled, rows[first.pk].difference) == (4, -4)
    assert rows[second.pk].difference == 1
    assert not tts.scheduled_periods_match(klass)
    assert len(tts.periods_mismatch_messages(klass)) == len(TOPICS)


# ------------------------------------------------------------------------------ unavailability


def test_lecturer_states_unavailable_dates_but_not_over_a_booked_session(world):
    me = world.lecturer_profile
    item = tts.add_unavailability(actor=world.lecturer_a, lecturer=me, date=MON, reason="Họp Đảng ủy")
    assert item.pk
    klass = make_class(world.centre_a)
    session(klass, MON + dt.timedelta(days=1), P.MORNING, lecturer=me)
    with pytest.raises(ValidationError):
        tts.add_unavailability(actor=world.lecturer_a, lecturer=me, date=MON + dt.timedelta(days=1))
    other = teacher(world.centre_a, "Lịch sử Đảng")
    with pytest.raises(PermissionDenied):
        tts.add_unavailability(actor=world.lecturer_a, lecturer=other, date=MON)
    with pytest.raises(PermissionDenied):
        tts.add_unavailability(actor=world.officer_b, lecturer=me, date=MON)
    tts.remove_unavailability(actor=world.officer_a, unavailability=item)
    assert not LecturerUnavailability.objects.filter(lecturer=me).exists()


# ------------------------------------------------------------------------------------------ holidays


def test_public_holidays_load_once_and_include_tet(db):
    added = tts.load_public_holidays()
    assert added > 20
    assert tts.load_public_holidays() == 0
    tet = PublicHoliday.objects.filter(date__year=2026, date__month=2).values_list("date", flat=True)
    assert dt.date(2026, 2, 17) in tet  # mùng 1 Tết Bính Ngọ
    assert PublicHoliday.objects.filter(date=dt.date(2025, 9, 2)).exists()
    assert {d.year for d in PublicHoliday.objects.values_list("date", flat=True)} == {2025, 2026, 2027}


def test_holidays_keep_an_administrators_correction(db):
    PublicHoliday.objects.create(date=dt.date(2027, 2, 5), name="Sửa theo thông báo")
    tts.load_public_holidays(years={2027})
    assert PublicHoliday.objects.get(date=dt.date(2027, 2, 5)).name == "Sửa theo thông báo"
    assert not PublicHoliday.objects.filter(date__year=2025).exists()


def test_no_session_holds_more_periods_than_chosen(world):
    from training.tests.factories.timetable import make_version

    version = make_version([("Chuyên đề năm tiết", 5), ("Chuyên đề chín tiết", 9), ("Chuyên đề sáu tiết", 6)])
    klass = make_class(world.centre_a, version=version)
    tts.generate_timetable(actor=world.officer_a, klass=klass)
    by_topic = {}
    for s in klass.sessions.order_by("date", "part"):
        by_topic.setdefault(s.topic.title, []).append(s.periods)
    assert sorted(by_topic["Chuyên đề năm tiết"]) == [1, 4]
    assert sorted(by_topic["Chuyên đề chín tiết"]) == [1, 4, 4]
    assert sorted(by_topic["Chuyên đề sáu tiết"]) == [2, 4]
