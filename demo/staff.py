"""Staff and lecturers of the demo centres, with dated terms.

The district centres' staff end on 30/6/2025 and most of them carry on at the commune-cluster
centre that continued the district centre from 1/7/2025, as happened in practice.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from demo import tuyen_quang as tq
from demo.demo_people import id_policy
from demo.lecturers import lecturer_details
from demo.persons import PROFILES, PersonMaker, Post
from demo.province import DemoProvince
from demo.reference import Reference
from org.models import SendingOrganisation
from people.models import Lecturer, Person, StaffAssignment

P = StaffAssignment.Position
K = Lecturer.Kind
D = dt.date
STAFF_SERIALS = (180_000, 200_000)
SCHOOL = "TQ-TRUONG"
TITLES = {"deputy": "Phó Giám đốc", "lecturer": "Giảng viên", "accountant": "Kế toán"}


@dataclass
class Slot:
    """One staff member, lecturer or demo learner as a person."""

    key: str
    centre: str  # registering centre
    title: str  # current post, shown as the person's position
    rank: str = "officer"
    org: tuple[str, str] | None = None  # (centre code, organisation name) for the part-time lecturers
    learner: bool = False


@dataclass
class Roster:
    slots: list[Slot] = field(default_factory=list)
    terms: list[tuple] = field(default_factory=list)  # (slot, centre, position, start, end, concurrent post, decision)
    teaching: list[tuple] = field(default_factory=list)  # (slot, centre, kind, active, home organisation)

    def slot(self, *args, **kwargs) -> str:
        self.slots.append(Slot(*args, **kwargs))
        return self.slots[-1].key

    def retitle(self, key: str, title: str) -> str:
        next(s for s in self.slots if s.key == key).title = title
        return key


def _tier(unit_name: str) -> str:
    """"Xã Nhữ Khê" -> "xã", "Phường Minh Xuân" -> "phường"."""
    return unit_name.split(" ")[0].lower()


def _place(unit_name: str) -> str:
    """"Xã Nhữ Khê" -> "Nhữ Khê"."""
    return unit_name.split(" ", 1)[1]


def build_roster(demo: DemoProvince) -> Roster:
    r = Roster()
    school = demo.centres[SCHOOL].name
    director = r.slot("school:director", SCHOOL, f"Hiệu trưởng {school}", "lead")
    r.terms.append((director, SCHOOL, P.DIRECTOR, D(2021, 3, 1), None, "", "Quyết định số 1520-QĐ/TU"))
    r.teaching.append((director, SCHOOL, K.FULL_TIME, True, ""))
    for i, start in enumerate((D(2018, 8, 1), D(2022, 5, 16))):
        deputy = r.slot(f"school:deputy{i}", SCHOOL, f"Phó Hiệu trưởng {school}", "lead")
        r.terms.append((deputy, SCHOOL, P.DEPUTY_DIRECTOR, start, None, "", ""))
        r.teaching.append((deputy, SCHOOL, K.FULL_TIME, True, ""))
    faculties = ["Khoa Xây dựng Đảng", "Khoa Lý luận cơ sở", "Khoa Nhà nước và Pháp luật", "Khoa Dân vận", "Khoa Lý luận cơ sở"]
    school_lecturers = []
    for i, faculty in enumerate(faculties):
        lecturer = r.slot(f"school:lecturer{i}", SCHOOL, f"Giảng viên chính, {faculty}, {school}")
        r.terms.append((lecturer, SCHOOL, P.LECTURER, D(2008 + 3 * i, 9, 1), None, "", ""))
        r.teaching.append((lecturer, SCHOOL, K.FULL_TIME, True, ""))
        school_lecturers.append(lecturer)
    for key, position, title in (("officer", P.OFFICER, "Chuyên viên Phòng Quản lý đào tạo"),
                                 ("accountant", P.ACCOUNTANT, "Kế toán")):
        slot = r.slot(f"school:{key}", SCHOOL, f"{title}, {school}")
        r.terms.append((slot, SCHOOL, position, D(2015, 1, 5), None, "", ""))

    guest = 0
    for spec in tq.CENTRES:
        code = spec["code"]
        if spec["level"] != "commune_cluster":
            continue
        name = demo.centres[code].name
        host = spec["hosts"][0][0]  # "Đảng ủy xã Yên Sơn"
        start = spec["names"][0][1]
        previous = spec.get("predecessor")
        carried: dict[str, str] = {}
        if previous:
            carried = _district_staff(r, demo, previous)
        promote = code in ("TQ-X-HAMYEN", "TQ-P-MINHXUAN") and "deputy" in carried
        if promote:
            # The former deputy of the district centre now leads the new centre full-time.
            director = r.retitle(carried.pop("deputy"), f"Giám đốc {name}")
            r.terms.append((director, code, P.DIRECTOR, start, None, "", spec["founding"][1]))
        else:
            director = r.slot(f"{code}:director", code, f"Phó Bí thư Thường trực {host}", "lead")
            r.terms.append((director, code, P.DIRECTOR, start, None, f"Phó Bí thư Thường trực {host}", spec["founding"][1]))
        r.teaching.append((director, code, K.FULL_TIME, True, ""))
        if "deputy" in carried:
            deputy = r.retitle(carried.pop("deputy"), f"Phó Giám đốc {name}")
        else:
            deputy = r.slot(f"{code}:deputy", code, f"Phó Giám đốc {name}", "lead")
        r.terms.append((deputy, code, P.DEPUTY_DIRECTOR, start, None, "", ""))
        r.teaching.append((deputy, code, K.FULL_TIME, True, ""))
        lecturers = [r.retitle(carried.pop("lecturer"), f"Giảng viên, {name}")] if "lecturer" in carried else []
        lecturers.append(r.slot(f"{code}:lecturer", code, f"Giảng viên, {name}"))
        for lecturer in lecturers:
            r.terms.append((lecturer, code, P.LECTURER, start, None, "", ""))
            r.teaching.append((lecturer, code, K.FULL_TIME, True, ""))
        officer = r.slot(f"{code}:officer", code, f"Chuyên viên phụ trách đào tạo, {name}")
        r.terms.append((officer, code, P.OFFICER, start, None, "", ""))
        if "accountant" in carried:
            accountant = r.retitle(carried.pop("accountant"), f"Kế toán, {name}")
        else:
            accountant = r.slot(f"{code}:accountant", code, f"Kế toán, {name}")
        r.terms.append((accountant, code, P.ACCOUNTANT, start, None, "", ""))
        served = [demo.new_units[key].name for _, key, _, _ in spec["area"]]
        part_time = [
            (f"Bí thư Đảng ủy {_tier(served[1])} {_place(served[1])}", f"Đảng ủy {_tier(served[1])} {_place(served[1])}"),
            (f"Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam {_tier(served[2])} {_place(served[2])}",
             f"Ủy ban Mặt trận Tổ quốc Việt Nam {_tier(served[2])} {_place(served[2])}"),
            (f"Phó Chủ tịch Ủy ban nhân dân {_tier(served[0])} {_place(served[0])}",
             f"Ủy ban nhân dân {_tier(served[0])} {_place(served[0])}"),
        ]
        for i, (title, org_name) in enumerate(part_time):
            slot = r.slot(f"{code}:part_time{i}", code, title, "lead", org=(code, org_name))
            r.teaching.append((slot, code, K.PART_TIME, True, org_name))
        for _ in range(2):
            r.teaching.append((school_lecturers[guest % len(school_lecturers)], code, K.GUEST, True, school))
            guest += 1
    first_cell = next(o.name for o, _ in demo.organisations["TQ-X-YENSON"] if o.kind == SendingOrganisation.Kind.PARTY_CELL)
    r.slot("TQ-X-YENSON:learner", "TQ-X-YENSON", "Đảng viên", "member", org=("TQ-X-YENSON", first_cell), learner=True)
    return r


def _district_staff(r: Roster, demo: DemoProvince, code: str) -> dict[str, str]:
    """The district centre's staff up to 30/6/2025; returns those who carry on at its successor."""
    spec = next(s for s in tq.CENTRES if s["code"] == code)
    name = demo.centres[code].name
    district = demo.districts[spec["district"]].name
    board = f"Trưởng Ban Tuyên giáo {spec['hosts'][-1][0]}"
    opened = spec["names"][0][1]
    old = r.slot(f"{code}:director_old", code, f"Nguyên Giám đốc {name}", "lead")
    r.terms.append((old, code, P.DIRECTOR, opened, D(2020, 6, 30), board, ""))
    r.teaching.append((old, code, K.FULL_TIME, False, ""))
    director = r.slot(f"{code}:director", code, f"Nguyên Trưởng Ban Tuyên giáo, {district}", "lead")
    r.terms.append((director, code, P.DIRECTOR, D(2020, 7, 1), tq.BEFORE, board, ""))
    r.teaching.append((director, code, K.FULL_TIME, False, ""))
    carried = {}
    for key, position, start in (("deputy", P.DEPUTY_DIRECTOR, D(2016, 3, 1)), ("lecturer", P.LECTURER, D(2012, 9, 1)),
                                 ("accountant", P.ACCOUNTANT, opened)):
        slot = r.slot(f"{code}:{key}", code, f"{TITLES[key]}, {name}", "lead" if key == "deputy" else "officer")
        r.terms.append((slot, code, position, start, tq.BEFORE, "", ""))
        if key != "accountant":
            r.teaching.append((slot, code, K.FULL_TIME, False, ""))
        carried[key] = slot
    return carried


def build_staff(demo: DemoProvince, ref: Reference, *, seed: int, today: dt.date) -> dict[str, Person]:
    """Create the roster's persons, terms and lecturer profiles that are missing; return persons by slot."""
    roster = build_roster(demo)
    rng = random.Random(f"{seed}-staff")
    policy = id_policy(ref)
    policy.missing_share = policy.legacy_share = 0.0
    maker = PersonMaker(rng, region="tuyen_quang_staff", ids=policy, today=today, serial_start=STAFF_SERIALS[0],
                        serial_stop=STAFF_SERIALS[1])
    orgs = {(code, o.name): o for code, pairs in demo.organisations.items() for o, _ in pairs}
    rows: dict[str, Person] = {}
    for slot in roster.slots:
        org = orgs[slot.org] if slot.org else None
        if slot.learner:
            post, profile = Post(slot.title, 1, "member", True), PROFILES["party_cell"]
        else:
            post, profile = Post(slot.title, 1, slot.rank, True), PROFILES["party_committee"]
        person = maker.make(profile=profile, post=post, workplace=org.name if org else demo.centres[slot.centre].name,
                            organisation_id=org.pk if org else None, centre_id=demo.centres[slot.centre].pk)
        if slot.learner and person.party_full_membership_date:
            # The demo learner is a new member: the audience of the new-member programme.
            person.party_admission_date, person.party_full_membership_date = today - dt.timedelta(days=75), None
        rows[slot.key] = person
    detail_rng = random.Random(f"{seed}-lecturers")
    details = [lecturer_details(detail_rng, kind=kind, at_school=code == SCHOOL, local_history="Tuyên Quang")
               for _slot, code, kind, _active, _home in roster.teaching]
    for (slot_key, _code, _kind, _active, _home), detail in reversed(list(zip(roster.teaching, details, strict=True))):
        # The person record shows the qualifications of the lecturer profile (the first one wins).
        person = rows[slot_key]
        person.theory_level, person.professional_degree = detail["theory_level"], detail["degree"]
        person.professional_field = detail["degree_field"]
    stored = {p.national_id: p for p in Person.objects.filter(national_id__in=[p.national_id for p in rows.values()])}
    Person.objects.bulk_create([p for p in rows.values() if p.national_id not in stored])
    persons = {key: stored.get(p.national_id, p) for key, p in rows.items()}

    centre_ids = [c.pk for c in demo.centres.values()]
    have_terms = set(StaffAssignment.objects.filter(centre_id__in=centre_ids)
                     .values_list("centre_id", "person_id", "position", "start_date"))
    terms = []
    for slot, code, position, start, end, concurrent, decision in roster.terms:
        centre, person = demo.centres[code], persons[slot]
        if (centre.pk, person.pk, position, start) not in have_terms:
            terms.append(StaffAssignment(centre=centre, person=person, position=position, start_date=start, end_date=end,
                                         is_concurrent=bool(concurrent), concurrent_post=concurrent, decision=decision))
    StaffAssignment.objects.bulk_create(terms)

    have_lecturers = set(Lecturer.objects.filter(centre_id__in=centre_ids).values_list("centre_id", "person_id"))
    profiles = []
    for (slot, code, kind, active, home), detail in zip(roster.teaching, details, strict=True):
        centre, person = demo.centres[code], persons[slot]
        if (centre.pk, person.pk) not in have_lecturers:
            have_lecturers.add((centre.pk, person.pk))
            profiles.append(Lecturer(centre=centre, person=person, kind=kind, active=active, home_organisation=home,
                                     **detail))
    Lecturer.objects.bulk_create(profiles)
    return persons
