"""Generating plausible learners: who an organisation sends, with IDs that agree with the record.

A `PersonMaker` is deterministic for a given random seed and serial range, so the demo and the
scale data come out the same on every run; the callers compare against what is stored and insert
only what is missing.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from django.db.models.base import ModelState

from demo.names import Weighted, draw_ethnicity, draw_name
from people.models import Person
from people.national_id import make_valid_id


@dataclass(frozen=True)
class Post:
    title: str
    weight: float
    rank: str  # lead, officer, member, mass
    party: bool | None = None  # None: by the profile's party share


@dataclass(frozen=True)
class Profile:
    posts: tuple[Post, ...]  # the first post is the head (one per organisation)
    female_share: float
    age: tuple[int, int]
    party_share: float
    size: float  # relative number of learners the organisation sends


def _profile(posts, female, age, party, size) -> Profile:
    return Profile(tuple(Post(*p) for p in posts), female, age, party, size)


PROFILES = {
    "party_committee": _profile(
        [("Bí thư Đảng ủy", 0, "lead", True), ("Phó Bí thư Đảng ủy", 1, "lead", True),
         ("Ủy viên Ban Thường vụ Đảng ủy", 2, "lead", True), ("Đảng ủy viên", 4, "officer", True),
         ("Chủ nhiệm Ủy ban Kiểm tra Đảng ủy", 1, "officer", True),
         ("Chuyên viên Ban Xây dựng Đảng", 3, "officer", True), ("Chuyên viên Văn phòng Đảng ủy", 2, "officer", True)],
        0.3, (28, 58), 1.0, 4),
    "party_cell": _profile(
        [("Bí thư Chi bộ", 0, "lead", True), ("Phó Bí thư Chi bộ", 1, "officer", True),
         ("Đảng viên", 6, "member", True), ("Quần chúng ưu tú", 4, "mass", False), ("Trưởng thôn", 1, "officer")],
        0.4, (19, 65), 0.7, 3),
    "people_committee": _profile(
        [("Chủ tịch Ủy ban nhân dân", 0, "lead", True), ("Phó Chủ tịch Ủy ban nhân dân", 2, "lead", True),
         ("Công chức Văn phòng – Thống kê", 2, "officer"), ("Công chức Tư pháp – Hộ tịch", 2, "officer"),
         ("Công chức Địa chính – Xây dựng", 2, "officer"), ("Công chức Tài chính – Kế toán", 2, "officer"),
         ("Công chức Văn hóa – Xã hội", 2, "officer")],
        0.4, (25, 58), 0.85, 4),
    "front": _profile(
        [("Chủ tịch Ủy ban Mặt trận Tổ quốc", 0, "lead", True), ("Phó Chủ tịch Ủy ban Mặt trận Tổ quốc", 1, "lead", True),
         ("Ủy viên Ủy ban Mặt trận Tổ quốc", 3, "officer"), ("Trưởng Ban Công tác Mặt trận thôn", 4, "member")],
        0.4, (30, 65), 0.75, 2),
    "women": _profile(
        [("Chủ tịch Hội Liên hiệp Phụ nữ", 0, "lead", True), ("Phó Chủ tịch Hội Liên hiệp Phụ nữ", 1, "lead"),
         ("Chi hội trưởng Phụ nữ thôn", 4, "member"), ("Hội viên", 3, "mass")],
        0.98, (22, 60), 0.5, 3),
    "youth": _profile(
        [("Bí thư Đoàn Thanh niên", 0, "lead", True), ("Phó Bí thư Đoàn Thanh niên", 1, "lead"),
         ("Bí thư Chi đoàn thôn", 4, "member"), ("Đoàn viên", 5, "mass")],
        0.5, (18, 32), 0.3, 4),
    "farmers": _profile(
        [("Chủ tịch Hội Nông dân", 0, "lead", True), ("Phó Chủ tịch Hội Nông dân", 1, "lead"),
         ("Chi hội trưởng Nông dân thôn", 4, "member"), ("Hội viên", 3, "mass")],
        0.35, (30, 65), 0.55, 2),
    "veterans": _profile(
        [("Chủ tịch Hội Cựu chiến binh", 0, "lead", True), ("Phó Chủ tịch Hội Cựu chiến binh", 1, "lead", True),
         ("Chi hội trưởng Cựu chiến binh thôn", 4, "member"), ("Hội viên", 3, "member")],
        0.08, (45, 70), 0.85, 2),
    "school": _profile(
        [("Hiệu trưởng", 0, "lead", True), ("Phó Hiệu trưởng", 1, "lead", True), ("Giáo viên", 8, "officer"),
         ("Tổng phụ trách Đội", 1, "officer"), ("Nhân viên văn phòng", 1, "mass")],
        0.7, (24, 58), 0.45, 3),
    "enterprise": _profile(
        [("Giám đốc", 0, "lead"), ("Phó Giám đốc", 1, "lead"), ("Kế toán trưởng", 1, "officer"),
         ("Trưởng phòng Kinh doanh", 1, "officer"), ("Nhân viên", 4, "mass"), ("Công nhân", 4, "mass")],
        0.45, (22, 55), 0.2, 2),
    "military": _profile(
        [("Chỉ huy trưởng", 0, "lead", True), ("Chính trị viên", 1, "lead", True), ("Trợ lý Tuyên huấn", 2, "officer", True),
         ("Sĩ quan", 5, "officer", True), ("Quân nhân chuyên nghiệp", 3, "member")],
        0.08, (24, 55), 0.95, 2),
    "department": _profile(
        [("Giám đốc Sở", 0, "lead", True), ("Phó Giám đốc Sở", 1, "lead", True), ("Trưởng phòng", 2, "lead", True),
         ("Phó Trưởng phòng", 2, "officer", True), ("Chuyên viên chính", 3, "officer"), ("Chuyên viên", 6, "officer")],
        0.45, (26, 58), 0.8, 1.5),
    "party_office": _profile(
        [("Trưởng ban", 0, "lead", True), ("Phó Trưởng ban", 1, "lead", True), ("Chuyên viên chính", 3, "officer", True),
         ("Chuyên viên", 5, "officer", True)],
        0.45, (26, 58), 1.0, 1.5),
    "district_office": _profile(
        [("Chủ tịch Ủy ban nhân dân huyện", 0, "lead", True), ("Phó Chủ tịch Ủy ban nhân dân huyện", 1, "lead", True),
         ("Trưởng phòng", 2, "lead", True), ("Chuyên viên", 5, "officer")],
        0.4, (28, 58), 0.85, 1.5),
}

FIELDS = ["Luật", "Quản lý nhà nước", "Kinh tế", "Kế toán", "Quản trị kinh doanh", "Nông học", "Lâm nghiệp",
          "Sư phạm Ngữ văn", "Sư phạm Toán", "Sư phạm Lịch sử", "Công nghệ thông tin", "Xây dựng Đảng và Chính quyền nhà nước",
          "Quản lý đất đai", "Chăn nuôi – Thú y", "Văn hóa học", "Công tác xã hội", "Hành chính học"]
RELIGIONS = {"Kinh": Weighted([("", 86), ("Phật giáo", 9), ("Công giáo", 5)]),
             "Mông": Weighted([("", 70), ("Tin lành", 30)]),
             "Khmer": Weighted([("Phật giáo Nam tông", 90), ("", 10)]),
             "Hoa": Weighted([("", 60), ("Phật giáo", 40)])}
DEGREES = {
    "lead": Weighted([("dai_hoc", 70), ("thac_si", 18), ("cao_dang", 12)]),
    "officer": Weighted([("dai_hoc", 70), ("cao_dang", 15), ("trung_cap", 10), ("thac_si", 5)]),
    "member": Weighted([("", 35), ("trung_cap", 30), ("cao_dang", 10), ("dai_hoc", 25)]),
    "mass": Weighted([("", 55), ("trung_cap", 25), ("cao_dang", 8), ("dai_hoc", 12)]),
}
THEORY = {
    "lead": Weighted([("trung_cap", 60), ("cao_cap", 25), ("so_cap", 15)]),
    "officer": Weighted([("so_cap", 45), ("trung_cap", 35), ("", 20)]),
    "member": Weighted([("so_cap", 55), ("", 45)]),
    "mass": Weighted([("", 100)]),
}
BIRTH_BASE_YEAR = 2026
MOBILE_PREFIXES = ["086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039", "088", "091",
                   "094", "083", "084", "085", "081", "082", "089", "090", "093", "070", "079", "077", "076", "078"]


@dataclass
class IdPolicy:
    """Where people were born and how they are identified."""

    home_codes: list[tuple[str, float]]  # birth-registration codes of the centre's province
    other_codes: list[str]  # anywhere else
    home_share: float = 0.88
    legacy_share: float = 0.03
    missing_share: float = 0.012
    legacy_prefix: str = "07"
    place_names: dict[str, str] | None = None  # code -> place of birth text


class PersonMaker:
    """Builds unsaved Person rows; `serial` makes every citizen ID unique within the run's range."""

    def __init__(self, rng: random.Random, *, region: str, ids: IdPolicy, today: dt.date, serial_start: int,
                 serial_stop: int, other_serials: tuple[int, int] | None = None):
        self.rng = rng
        self.region = region
        self.ids = ids
        self.today = today
        self.serial = serial_start
        self.serial_stop = serial_stop
        # People born in another province draw from their own range when one is given: several
        # generators share a birth code then, and each must keep its own serials.
        self.other_serial, self.other_stop = other_serials or (None, None)
        self._home = Weighted(ids.home_codes)

    def _next_serial(self) -> int:
        if self.serial >= self.serial_stop:
            raise ValueError("citizen ID serial range exhausted")
        value = self.serial
        self.serial += 1
        return value

    def _birthday(self, age_range: tuple[int, int]) -> dt.date:
        # Ages count from a fixed year, not today, so the same seed gives the same people (and IDs) next year.
        rng = self.rng
        year = BIRTH_BASE_YEAR - rng.randint(*age_range)
        return dt.date(year, rng.randint(1, 12), rng.randint(1, 28))

    def _party_dates(self, dob: dt.date) -> tuple[dt.date | None, dt.date | None]:
        """Admission and full-membership dates; about one member in eight is still on probation.

        Always draws the same number of random values, so the dates may follow today without
        changing the rest of the generated data.
        """
        new_roll, when = self.rng.random(), self.rng.random()
        earliest = max(dt.date(dob.year + 18, dob.month, dob.day), dt.date(1975, 1, 1))
        span = (self.today - earliest).days
        if span < 30:
            return None, None
        if span <= 400 or new_roll < 0.12:
            admitted = self.today - dt.timedelta(days=20 + int(when * (min(360, span) - 20)))
            return admitted, None
        admitted = earliest + dt.timedelta(days=int(when * (span - 400)))
        return admitted, admitted + dt.timedelta(days=365)

    def _identity(self, gender: str, dob: dt.date) -> tuple[str | None, bool, str]:
        rng, ids = self.rng, self.ids
        roll, born_home = rng.random(), rng.random() < ids.home_share
        home_code, other_code = self._home.draw(rng), rng.choice(ids.other_codes)
        if roll < ids.missing_share:
            return None, False, (ids.place_names or {}).get(home_code, "")
        if roll < ids.missing_share + ids.legacy_share:
            serial = self._next_serial()
            return f"{ids.legacy_prefix}{serial % 10_000_000:07d}", True, (ids.place_names or {}).get(home_code, "")
        code = home_code
        if born_home:
            serial = self._next_serial()
        elif self.other_serial is None:
            code, serial = other_code, self._next_serial()
        elif self.other_serial < self.other_stop:
            code, serial = other_code, self.other_serial
            self.other_serial += 1
        else:
            serial = self._next_serial()
        return make_valid_id(code, gender, dob.year, serial), False, (ids.place_names or {}).get(code, "")

    def _phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 9_999_999):07d}"

    def make(self, *, profile: Profile, post: Post, workplace: str, organisation_id: int | None,
             centre_id: int | None, gender: str | None = None, dob: dt.date | None = None,
             name=None, national_id: str | None = "auto") -> Person:
        rng = self.rng
        gender = gender or ("female" if rng.random() < profile.female_share else "male")
        dob = dob or self._birthday(profile.age)
        ethnicity = name.ethnicity if name else draw_ethnicity(rng, self.region)
        name = name or draw_name(rng, gender, ethnicity)
        if national_id == "auto":
            national_id, legacy, place = self._identity(gender, dob)
        else:
            legacy, place = bool(national_id and len(national_id) == 9), ""
        party = post.party if post.party is not None else rng.random() < profile.party_share
        admitted, full = self._party_dates(dob)
        if not party or admitted is None:
            party, admitted, full = False, None, None
        degree = DEGREES[post.rank].draw(rng)
        person = _new_person(
            family_name=name.family, middle_name=name.middle, given_name=name.given, national_id=national_id,
            legacy_id=legacy, gender=gender, date_of_birth=dob, place_of_birth=place, ethnicity=ethnicity,
            religion=RELIGIONS[ethnicity].draw(rng) if ethnicity in RELIGIONS else "",
            is_party_member=party, party_admission_date=admitted, party_full_membership_date=full,
            general_education="12/12" if rng.random() < 0.93 else "9/12",
            professional_degree=degree, professional_field=rng.choice(FIELDS) if degree else "",
            theory_level=THEORY[post.rank].draw(rng) if party or post.rank == "lead" else "",
            position=post.title, workplace=workplace, sending_organisation_id=organisation_id, centre_id=centre_id,
            phone=self._phone() if rng.random() < 0.8 else "",
        )
        self.fill_keys(person)
        return person

    def fill_keys(self, person: Person) -> None:
        """What save() would compute; bulk inserts skip save(). (Sort keys are cached per word in
        core.text, so this stays cheap over a nation's worth of repeated names.)"""
        person.refresh_keys()

    def for_organisation(self, *, profile: Profile, count: int, workplace: str, organisation_id: int | None,
                         centre_id: int | None) -> list[Person]:
        """`count` people from one organisation: its head first, then posts drawn by weight."""
        posts = Weighted([(post, post.weight) for post in profile.posts[1:]])
        return [
            self.make(profile=profile, post=profile.posts[0] if i == 0 else posts.draw(self.rng), workplace=workplace,
                      organisation_id=organisation_id, centre_id=centre_id)
            for i in range(count)
        ]


@functools.cache
def _person_defaults() -> dict:
    return {field.attname: field.get_default() for field in Person._meta.concrete_fields}


def _new_person(**values) -> Person:
    """An unsaved Person, as `Person(**values)` builds it, without the per-field work of Model.__init__
    (a third of the time of generating a nation's registry). Only concrete fields' attnames are given."""
    person = Person.__new__(Person)
    person.__dict__.update(_person_defaults())
    person.__dict__.update(values)
    person._state = ModelState()
    return person


def split_counts(total: int, weights: list[float], rng: random.Random) -> list[int]:
    """Share `total` out by weight, every share at least 1 when the total allows it."""
    if not weights or total <= 0:
        return [0] * len(weights)
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    while sum(counts) > total:
        counts[counts.index(max(counts))] -= 1
    while sum(counts) < total:
        counts[rng.randrange(len(counts))] += 1
    return counts
