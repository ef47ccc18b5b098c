"""seed_demo: the demo province, its logins, idempotency, and the scale mode."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import Role, RoleAssignment, User
from accounts.scope import scope_of
from core.text import nfc
from demo import names
from demo.logins import DEMO_LOGINS, DEMO_PASSWORD
from demo.reference import load_reference_data
from org.models import AdministrativeUnit, Centre, CentreHost, CentreName, SendingOrganisation, ServiceAreaLink
from people.models import Lecturer, Person, StaffAssignment
from people.national_id import consistency_errors, parse

BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
MODELS = [AdministrativeUnit, Centre, CentreName, CentreHost, ServiceAreaLink, SendingOrganisation, Person,
          StaffAssignment, Lecturer, User, RoleAssignment]


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Eight Argon2 hashes per seed are the slowest part of a small seed; the hasher is not under test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_reference_data_has_old_and_new_provinces_linked():
    load_reference_data()
    again = load_reference_data()
    assert (again.created, again.updated) == (0, 0)
    provinces = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
    assert provinces.filter(valid_to__isnull=True).count() == 34
    assert provinces.exclude(citizen_id_code="").count() == 63
    ended = provinces.filter(valid_to=BEFORE)
    assert ended.count() == 30 and not ended.filter(successor__isnull=True).exists()
    ha_giang = provinces.get(citizen_id_code="002")
    assert (ha_giang.code, ha_giang.name, ha_giang.successor.name) == ("02", "Tỉnh Hà Giang", "Tỉnh Tuyên Quang")
    tuyen_quang = provinces.get(citizen_id_code="008")
    assert (tuyen_quang.code, tuyen_quang.valid_to, tuyen_quang.successor) == ("08", None, None)
    hue = provinces.get(citizen_id_code="046")
    assert hue.valid_to == BEFORE and hue.successor.name == "Thành phố Huế"
    assert hue.successor.valid_from == AFTER and hue.successor.code == "46"
    assert all(p.province_id == p.pk for p in provinces)


@pytest.mark.django_db
def test_demo_province_is_complete_and_consistent():
    output = seed(persons=200)

    centres = {c.code: c for c in Centre.objects.all()}
    assert len(centres) >= 6
    school = centres["TQ-TRUONG"]
    assert (school.kind, school.level) == (Centre.Kind.PROVINCIAL_SCHOOL, Centre.Level.PROVINCE)
    old, new = centres["TQ-H-YENSON"], centres["TQ-X-YENSON"]
    assert (old.level, old.status, old.name) == ("district", "closed", "Trung tâm Chính trị huyện Yên Sơn")
    assert (new.level, new.status, new.predecessor_id) == ("commune_cluster", "active", old.pk)
    assert all(c.search_text and c.sort_key for c in centres.values())

    # Dated history: the district centre's names and service area end on 30/6/2025, the successor's start next day.
    assert list(old.names.order_by("valid_from").values_list("name", "valid_to")) == [
        ("Trung tâm Bồi dưỡng chính trị huyện Yên Sơn", dt.date(2019, 12, 31)),
        ("Trung tâm Chính trị huyện Yên Sơn", BEFORE),
    ]
    old_area = old.service_area.select_related("unit")
    assert old_area.count() >= 10 and {link.valid_to for link in old_area} == {BEFORE}
    assert {link.unit.level for link in old_area} == {"commune"}
    assert {link.unit.valid_to for link in old_area} == {BEFORE}
    new_area = new.service_area.current().select_related("unit")
    assert {link.unit.name for link in new_area} == {"Xã Yên Sơn", "Xã Nhữ Khê", "Xã Thái Bình", "Xã Lực Hành"}
    assert {link.valid_from for link in new_area} == {AFTER}
    host = new.hosts.get()
    assert (host.committee_name, host.unit.name, host.valid_from) == ("Đảng ủy xã Yên Sơn", "Xã Yên Sơn", AFTER)
    # Every old commune of the district points at the new commune it became part of.
    assert all(link.unit.successor_id for link in old_area)

    # Sending organisations: a tree per centre plus province-wide ones.
    cells = SendingOrganisation.objects.filter(centre=new, kind="party_cell").select_related("parent")
    assert cells.count() >= 4 and all(c.parent.kind == "party_committee" and c.parent.centre_id == new.pk for c in cells)
    assert SendingOrganisation.objects.filter(centre__isnull=True, name="Bộ Chỉ huy Quân sự tỉnh Tuyên Quang").exists()
    kinds = set(SendingOrganisation.objects.filter(centre=new).values_list("kind", flat=True))
    assert {"party_committee", "party_cell", "government_office", "fatherland_front", "mass_organisation",
            "school", "enterprise"} <= kinds

    # Persons: about the requested number of learners, every ID well formed and consistent with the record.
    learners = Person.objects.filter(sending_organisation__isnull=False)
    assert 200 <= learners.count() <= 260
    for person in Person.objects.exclude(national_id__isnull=True):
        parsed = parse(person.national_id)
        assert parsed.legacy == person.legacy_id
        assert consistency_errors(parsed, gender=person.gender, date_of_birth=person.date_of_birth) == [], person
    assert Person.objects.filter(national_id__isnull=True).exists()
    assert Person.objects.filter(legacy_id=True).exists()
    assert all(p.name_key and p.sort_key and p.search_text for p in Person.objects.all())
    twins = {}
    for person in Person.objects.filter(national_id__isnull=True):
        twins.setdefault((person.name_key, person.date_of_birth), []).append(person)
    assert sum(1 for group in twins.values() if len(group) > 1) >= 2
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    assert Person.objects.filter(is_party_member=True, party_admission_date__gte=year_ago).exists()
    assert not Person.objects.filter(is_party_member=False, party_admission_date__isnull=False).exists()

    # Staff with dated terms, carried over from the district centre; lecturers of every kind.
    director = StaffAssignment.objects.get(centre=new, position="director")
    assert director.is_concurrent and director.concurrent_post == "Phó Bí thư Thường trực Đảng ủy xã Yên Sơn"
    carried = StaffAssignment.objects.filter(centre=old, end_date=BEFORE).values_list("person_id", flat=True)
    assert StaffAssignment.objects.filter(centre=new, start_date=AFTER, person_id__in=carried).count() >= 2
    kinds = dict(Lecturer.objects.filter(centre=new).values_list("kind", "home_organisation"))
    assert set(kinds) == {"full_time", "part_time", "guest"}
    assert kinds["guest"] == "Trường Chính trị tỉnh Tuyên Quang"
    assert all(lecturer.topic_list for lecturer in Lecturer.objects.all())

    # One login per role, with the documented password and the right scope.
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert user.check_password(DEMO_PASSWORD)
        assert user.role_assignments.filter(role=login.role).exists()
        assert login.username in output
    assert {login.role for login in DEMO_LOGINS} == set(Role.values)
    supervisor = scope_of(User.objects.get(username="tinh"))
    assert set(centres[c].pk for c in centres) <= supervisor.centre_ids  # Hà Giang's old centre included
    director_scope = scope_of(User.objects.get(username="giamdoc"))
    assert director_scope.can_edit_centre(new.pk) and old.pk in director_scope.centre_ids
    assert not scope_of(User.objects.get(username="daotao2")).can_edit_centre(new.pk)
    assert User.objects.get(username="giangvien").person.lecturer_profiles.filter(centre=new).exists()
    assert User.objects.get(username="hocvien").person.centre_id == new.pk


@pytest.mark.django_db
def test_seeding_twice_changes_nothing():
    seed(persons=150)
    first = counts()
    seed(persons=150)
    assert counts() == first
    # A larger --persons extends the learners without touching the rest.
    seed(persons=300)
    after = counts()
    assert after["Person"] > first["Person"]
    assert {k: v for k, v in after.items() if k != "Person"} == {k: v for k, v in first.items() if k != "Person"}


@pytest.mark.django_db
def test_scale_mode_creates_and_extends_centres():
    seed(centres=2, persons_per_centre=40)
    centres = Centre.objects.filter(code__startswith="SC")
    assert sorted(centres.values_list("code", flat=True)) == ["SC0001", "SC0002"]
    assert len({c.province_id for c in centres}) == 2
    for centre in centres:
        assert Person.objects.filter(centre=centre, sending_organisation__isnull=False).count() == 40
        assert centre.names.count() == 1 and centre.hosts.count() == 1 and centre.service_area.count() == 3
        assert StaffAssignment.objects.filter(centre=centre, position="director").count() == 1
        assert Lecturer.objects.filter(centre=centre, kind="full_time").count() == 4
        assert SendingOrganisation.objects.filter(centre=centre, kind="party_cell", parent__isnull=False).exists()
    for person in Person.objects.exclude(national_id__isnull=True):
        assert consistency_errors(parse(person.national_id), gender=person.gender,
                                  date_of_birth=person.date_of_birth) == []
    first = counts()
    seed(centres=2, persons_per_centre=40)
    assert counts() == first
    seed(centres=3, persons_per_centre=50)
    assert Centre.objects.filter(code__startswith="SC").count() == 3
    assert Person.objects.filter(centre__code="SC0001", sending_organisation__isnull=False).count() == 50
    assert Person.objects.filter(centre__code="SC0003", sending_organisation__isnull=False).count() == 50


@pytest.mark.django_db
def test_scale_mode_rejects_out_of_range_sizes():
    with pytest.raises(CommandError):
        seed(centres=701)
    with pytest.raises(CommandError):
        seed(centres=1, persons_per_centre=10**6)
    assert not Centre.objects.exists()


def test_name_pools_are_normalised():
    pools = [value for value, _ in names.KINH_FAMILY]
    pools += [value for pool in names.KINH_MIDDLE.values() for value, _ in pool]
    pools += [value for pool in names.KINH_GIVEN.values() for value in pool]
    for family, middle, given in names.MINORITY.values():
        pools += [value for value, _ in family] + [value for pool in middle.values() for value, _ in pool]
        pools += [value for pool in (given or {}).values() for value in pool]
    assert [value for value in pools if nfc(value) != value] == []


@pytest.mark.django_db
def test_demo_classes_cover_every_state():
    from certificates.models import Certificate
    from training.models import Attendance, Klass

    seed(persons=300)
    classes = {k.status: k for k in Klass.objects.select_related("version__programme")}
    assert set(classes) == set(Klass.Status.values)
    assert classes["open"].version.programme.code == "DVM"  # the new-member class takes nominations
    for state in ("in_progress", "results_approved", "closed"):
        klass = classes[state]
        assert klass.enrolments.exists() and klass.sessions.exists()
        assert Attendance.objects.filter(session__klass=klass).exists()
    for state in ("results_approved", "closed"):
        issued = Certificate.objects.filter(enrolment__klass=classes[state])
        completed = classes[state].enrolments.filter(result__completed=True)
        assert issued.count() == completed.count() > 0


@pytest.mark.django_db
def test_the_demo_learner_has_a_finished_and_a_running_class_on_the_home_page(client):
    seed(persons=300)
    learner = User.objects.get(username="hocvien")
    states = set(learner.person.enrolments.values_list("klass__status", flat=True))
    assert {"closed", "in_progress"} <= states
    client.force_login(learner)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "SCLLCT" in page and "QPAN-DT4" in page
