"""A synthetic nation for benchmarks: N commune-cluster centres spread over the 34 provinces.

Centres are coded SC0001, SC0002 …; centre g always lands in the same province with the same
communes, organisations and people, so a re-run skips what exists and a larger N (or a larger
--persons-per-centre) extends the data. The whole run is one transaction; rows go in with COPY on
PostgreSQL (bulk_create elsewhere), a chunk of centres at a time with a fixed number of queries per
chunk, and a big load builds the registry's indexes once at the end instead of row by row.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from typing import TextIO

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from core.bulk import analyse, create_rows, indexes_built_after, insert_rows, vacuum
from core.text import collation_key, search_key
from demo.lecturers import lecturer_details
from demo.names import region_of
from demo.organisations import OrgSpec, commune_organisations, school_and_enterprise, sync_organisations
from demo.persons import PROFILES, IdPolicy, PersonMaker, Post, split_counts
from demo.reference import REFORM_DAY, Reference, load_reference_data
from demo.resources_scale import seed_scale_resources
from demo.scale_lecturers import seed_lecturers_scale
from demo.scale_reports import seed_scale_reports
from demo.standards_scale import seed_standards
from org.models import AdministrativeUnit, Centre, CentreHost, CentreName, SendingOrganisation, ServiceAreaLink
from people.models import Lecturer, Person, StaffAssignment

MAX_CENTRES = 700
PREFIX = "SC"
# Citizen-ID serials 200000-999999 belong to scale data (the demo province uses lower ones). People
# born in the centre's own province take serials 200000-599999, a fixed stride per centre of that
# province; people born elsewhere take 600000-999999, a fixed stride per centre overall. So IDs never
# collide, and extending a centre later never reuses a serial.
SERIAL_BASE = 200_000
OTHER_BASE = 600_000
PROVINCE_SLOTS = -(-MAX_CENTRES // 34)  # centres per province at most
SERIAL_STRIDE = (OTHER_BASE - SERIAL_BASE) // PROVINCE_SLOTS
OTHER_STRIDE = (1_000_000 - OTHER_BASE) // MAX_CENTRES
STAFF_SERIALS = 40
ORGANISATIONS_PER_CENTRE = 24  # room for the 20 a scale centre has
HOME_PER_ORGANISATION = (SERIAL_STRIDE - STAFF_SERIALS) // ORGANISATIONS_PER_CENTRE
OTHER_PER_ORGANISATION = OTHER_STRIDE // ORGANISATIONS_PER_CENTRE
# The largest organisation gets under 7 % of a centre's people, so this keeps each within its serials.
MAX_PERSONS_PER_CENTRE = 10_000

_SYLLABLES = ["Tân", "Phú", "An", "Bình", "Hòa", "Thạnh", "Long", "Phước", "Đông", "Tây", "Hưng", "Thuận", "Vĩnh",
              "Mỹ", "Quang", "Thanh", "Xuân", "Hồng", "Minh", "Trung", "Đức", "Hiệp", "Lợi", "Thành", "Sơn", "Hải",
              "Lâm", "Định", "Phong", "Yên", "Lạc", "Kim"]
PLACE_NAMES = [f"{a} {b}" for a, b in itertools.product(_SYLLABLES, repeat=2) if a != b]
VILLAGES = ["1", "2", "3", "4", "5", "Đồng Tâm", "Tân Lập", "Trung Tâm", "Bắc Sơn", "Nam Tiến", "Hòa Bình", "Quyết Thắng"]
STAFF = [("director", StaffAssignment.Position.DIRECTOR, "Giám đốc", "lead", True),
         ("deputy", StaffAssignment.Position.DEPUTY_DIRECTOR, "Phó Giám đốc", "lead", True),
         ("lecturer1", StaffAssignment.Position.LECTURER, "Giảng viên", "officer", True),
         ("lecturer2", StaffAssignment.Position.LECTURER, "Giảng viên", "officer", True),
         ("officer", StaffAssignment.Position.OFFICER, "Chuyên viên phụ trách đào tạo", "officer", False),
         ("accountant", StaffAssignment.Position.ACCOUNTANT, "Kế toán", "officer", False)]
PART_TIME_POSTS = {"Bí thư Đảng ủy", "Chủ tịch Ủy ban Mặt trận Tổ quốc", "Chủ tịch Ủy ban nhân dân"}


class Plan:
    """Where centre number g (1-based) goes and what it is called."""

    def __init__(self, ref: Reference, g: int):
        provinces = ref.current_provinces
        self.g = g
        self.code = f"{PREFIX}{g:04d}"
        self.province = provinces[(g - 1) % len(provinces)]
        self.slot = (g - 1) // len(provinces)  # the centre's place among its province's scale centres
        self.communes = [PLACE_NAMES[(3 * (g - 1) + j) % len(PLACE_NAMES)] for j in range(3)]
        self.name = f"Trung tâm Chính trị xã {self.communes[0]}"
        self.serial_start = SERIAL_BASE + self.slot * SERIAL_STRIDE
        self.other_start = OTHER_BASE + (g - 1) * OTHER_STRIDE
        self.unit_codes = [f"S{g:04d}{j}" for j in range(3)]

    @property
    def committee(self) -> str:
        return "Thành ủy" if self.province.name.startswith("Thành phố") else "Tỉnh ủy"

    @property
    def short_province(self) -> str:
        return self.province.name.removeprefix("Tỉnh ").removeprefix("Thành phố ")


def _units(plans: list[Plan]) -> dict[str, AdministrativeUnit]:
    codes = [code for p in plans for code in p.unit_codes]
    have = {u.code: u for u in AdministrativeUnit.objects.filter(level="commune", valid_from=REFORM_DAY, code__in=codes)}
    rows = []
    for p in plans:
        for code, place in zip(p.unit_codes, p.communes, strict=True):
            if code not in have:
                name = f"Xã {place}"
                # bulk_create skips save(): the keys and the province column are filled here.
                rows.append(AdministrativeUnit(
                    code=code, name=name, level="commune", parent=p.province, province=p.province,
                    valid_from=REFORM_DAY, search_text=search_key(f"{name} {code}"), sort_key=collation_key(name)))
    have.update({u.code: u for u in AdministrativeUnit.objects.bulk_create(rows)})
    return have


def _centres(plans: list[Plan], units: dict[str, AdministrativeUnit]) -> tuple[dict[str, Centre], set[int]]:
    """The plans' centres by code, and the ids of those created now."""
    have = {c.code: c for c in Centre.objects.filter(code__in=[p.code for p in plans])}
    new = [p for p in plans if p.code not in have]
    rows = []
    for p in new:
        centre = Centre(
            code=p.code, name=p.name, kind=Centre.Kind.CENTRE, level=Centre.Level.COMMUNE_CLUSTER, province=p.province,
            address=f"Xã {p.communes[0]}, {p.province.name}", phone=f"0{200 + p.g % 100} 3 {800_000 + p.g:06d}",
            founding_issuer=f"Ban Thường vụ {p.committee} {p.short_province}",
            founding_number=f"Quyết định số {100 + p.slot}-QĐ/TU", founding_date=dt.date(2025, 6, 30))
        centre.refresh_search()
        rows.append(centre)
    have.update({c.code: c for c in Centre.objects.bulk_create(rows)})
    names, hosts, links = [], [], []
    for p in new:
        centre = have[p.code]
        names.append(CentreName(centre=centre, name=p.name, valid_from=REFORM_DAY, decision=centre.founding_number))
        hosts.append(CentreHost(centre=centre, committee_name=f"Đảng ủy xã {p.communes[0]}", unit=units[p.unit_codes[0]],
                                valid_from=REFORM_DAY))
        links += [ServiceAreaLink(centre=centre, unit=units[code], valid_from=REFORM_DAY) for code in p.unit_codes]
    CentreName.objects.bulk_create(names)
    CentreHost.objects.bulk_create(hosts)
    ServiceAreaLink.objects.bulk_create(links)
    return have, {have[p.code].pk for p in new}


def _organisation_groups(plans: list[Plan], centres: dict[str, Centre], units: dict[str, AdministrativeUnit]):
    groups = []
    for p in plans:
        specs: list[OrgSpec] = []
        for j, (code, place) in enumerate(zip(p.unit_codes, p.communes, strict=True)):
            specs += commune_organisations(f"Xã {place}", unit_id=units[code].pk, villages=VILLAGES[3 * j: 3 * j + (3 if j == 0 else 2)],
                                           with_mass_organisations=j == 0)
        specs += school_and_enterprise(p.communes[0], f"Công ty Cổ phần {p.communes[1]}", unit_id=units[p.unit_codes[0]].pk)
        groups.append((p.province.pk, centres[p.code].pk, specs))
    for province in {p.province.pk: p for p in plans}.values():
        groups.append((province.province.pk, None, [
            OrgSpec(f"Bộ Chỉ huy Quân sự {_lower_first(province.province.name)}", SendingOrganisation.Kind.MILITARY,
                    "military"),
            OrgSpec(f"Sở Nội vụ {_lower_first(province.province.name)}", SendingOrganisation.Kind.GOVERNMENT_OFFICE,
                    "department"),
        ]))
    return groups


def _lower_first(name: str) -> str:
    """"Tỉnh Tuyên Quang" -> "tỉnh Tuyên Quang", as it reads inside an organisation's name."""
    return name[:1].lower() + name[1:]


def _policy(ref: Reference, plan: Plan) -> tuple[str, IdPolicy]:
    codes = ref.citizen_codes_of[plan.province.name]
    policy = IdPolicy(home_codes=[(c, 1) for c in codes], other_codes=sorted(ref.old_by_citizen_code),
                      legacy_prefix=plan.province.code,
                      place_names={c: u.name for c, u in ref.old_by_citizen_code.items()})
    return region_of(codes), policy


def _persons(ref, plans, centres, orgs, groups, *, fresh: set[int], per_centre: int, seed: int, today: dt.date,
             batch_size: int) -> list[Person]:
    """The learners each centre is missing, written; returns them with their ids. Centres created in this
    run (`fresh`) have none yet, so only the others are counted (the registry may be without its indexes)."""
    ids = [centres[p.code].pk for p in plans if centres[p.code].pk not in fresh]
    have = {(centre_id, org_id): n for centre_id, org_id, n in
            Person.objects.filter(centre_id__in=ids, sending_organisation__isnull=False)
            .values_list("centre_id", "sending_organisation_id").annotate(n=Count("id"))
            .values_list("centre_id", "sending_organisation_id", "n")} if ids else {}
    province_wide = {pid: [orgs[(None, s.name)] for s in specs] for pid, cid, specs in groups if cid is None}
    rows: list[Person] = []
    for p in plans:
        centre = centres[p.code]
        region, policy = _policy(ref, p)
        specs = next(specs for _, cid, specs in groups if cid == centre.pk)
        pairs = [(orgs[(centre.pk, s.name)], s.profile) for s in specs]
        pairs += [(o, "military" if o.kind == SendingOrganisation.Kind.MILITARY else "department")
                  for o in province_wide[p.province.pk]]
        shares = split_counts(per_centre, [PROFILES[k].size for _, k in pairs], random.Random(f"{seed}-shares-{p.g}"))
        if len(pairs) > ORGANISATIONS_PER_CENTRE or max(shares) > HOME_PER_ORGANISATION:
            raise ValueError(f"--persons-per-centre quá lớn (tối đa khoảng {MAX_PERSONS_PER_CENTRE}).")
        for j, ((org, profile), n) in enumerate(zip(pairs, shares, strict=True)):
            stored = have.get((centre.pk, org.pk), 0)
            if stored >= n:
                continue
            # One generator per organisation, with its own serials: a larger --persons-per-centre
            # appends people to each organisation instead of reshuffling everyone.
            home = p.serial_start + j * HOME_PER_ORGANISATION
            other = p.other_start + j * OTHER_PER_ORGANISATION
            maker = PersonMaker(random.Random(f"{seed}-scale-{p.g}-{j}"), region=region, ids=policy, today=today,
                                serial_start=home, serial_stop=home + HOME_PER_ORGANISATION,
                                other_serials=(other, other + OTHER_PER_ORGANISATION))
            rows += maker.for_organisation(profile=PROFILES[profile], count=n, workplace=org.name,
                                           organisation_id=org.pk, centre_id=centre.pk)[stored:]
    return create_rows(Person, rows, batch_size=batch_size)


def _staff(ref, plans, centres, learners: list[Person], *, fresh: set[int], seed: int, today: dt.date) -> int:
    ids = [centres[p.code].pk for p in plans]
    staffed = set(StaffAssignment.objects.filter(centre_id__in=ids).values_list("centre_id", flat=True))
    todo = [p for p in plans if centres[p.code].pk not in staffed]
    people, terms, lecturers = [], [], []
    for p in todo:
        centre = centres[p.code]
        region, policy = _policy(ref, p)
        # Staff are born in the province: their serials sit at the end of the centre's own stride.
        policy.missing_share = policy.legacy_share = 0.0
        policy.home_share = 1.0
        start = p.serial_start + SERIAL_STRIDE - STAFF_SERIALS
        rng = random.Random(f"{seed}-scale-staff-{p.g}")
        maker = PersonMaker(rng, region=region, ids=policy, today=today, serial_start=start,
                            serial_stop=start + STAFF_SERIALS)
        for key, position, title, rank, teaches in STAFF:
            person = maker.make(profile=PROFILES["party_committee"], post=Post(f"{title}, {p.name}", 1, rank, True),
                                workplace=p.name, organisation_id=None, centre_id=centre.pk)
            people.append(person)
            concurrent = f"Phó Bí thư Thường trực Đảng ủy xã {p.communes[0]}" if key == "director" and p.g % 2 else ""
            terms.append(StaffAssignment(centre=centre, person=person, position=position, start_date=REFORM_DAY,
                                         is_concurrent=bool(concurrent), concurrent_post=concurrent))
            if teaches:
                lecturers.append(Lecturer(centre=centre, person=person, kind=Lecturer.Kind.FULL_TIME,
                                          **lecturer_details(rng, kind=Lecturer.Kind.FULL_TIME, at_school=False,
                                                             local_history=p.short_province)))
    create_rows(Person, people)
    for term in terms:
        term.person_id = term.person.pk
    for lecturer in lecturers:
        lecturer.person_id = lecturer.person.pk
    insert_rows(StaffAssignment, terms)
    # Part-time lecturers: leaders of the served communes, found among the learners. A fresh centre's
    # learners were all written in this run, in id order, so they are read from memory.
    todo_ids = {centres[p.code].pk for p in todo}
    from_memory = todo_ids & fresh
    leaders = [(person.centre_id, person.pk, person.workplace) for person in learners
               if person.centre_id in from_memory and person.position in PART_TIME_POSTS]
    if todo_ids - fresh:
        leaders += (Person.objects.filter(centre_id__in=todo_ids - fresh, position__in=PART_TIME_POSTS)
                    .order_by("centre_id", "id").values_list("centre_id", "id", "workplace"))
    taken: dict[int, int] = {}
    rng = random.Random(f"{seed}-scale-part-time")
    for centre_id, person_id, workplace in sorted(leaders):
        if taken.get(centre_id, 0) < 2:
            taken[centre_id] = taken.get(centre_id, 0) + 1
            lecturers.append(Lecturer(centre_id=centre_id, person_id=person_id, kind=Lecturer.Kind.PART_TIME,
                                      home_organisation=workplace,
                                      **lecturer_details(rng, kind=Lecturer.Kind.PART_TIME, at_school=False,
                                                         local_history="")))
    insert_rows(Lecturer, lecturers)
    return len(people)


def seed_scale(*, centres: int, persons_per_centre: int = 4000, seed: int = 2025, batch_size: int = 5000,
               stdout: TextIO, today: dt.date | None = None) -> dict:
    """Create (or extend to) `centres` synthetic centres; returns counts of what was written."""
    if persons_per_centre > MAX_PERSONS_PER_CENTRE:
        raise ValueError(f"--persons-per-centre tối đa {MAX_PERSONS_PER_CENTRE}.")
    today = today or timezone.localdate()
    started = time.perf_counter()
    ref = load_reference_data()
    plans = [Plan(ref, g) for g in range(1, centres + 1)]
    chunk = max(1, 40_000 // max(persons_per_centre, 1))
    totals = {"centres": 0, "persons": 0, "staff": 0, "resources": 0, "classes": 0}
    missing = len(plans) - Centre.objects.filter(code__in=[p.code for p in plans]).count()
    # Building the registry's indexes once after the load pays when the load is a good part of the
    # registry; a few centres added to a big one keep the indexes in place.
    rebuild = missing * persons_per_centre >= max(20_000, Person.objects.count() // 4)
    # One transaction: a failed or interrupted run leaves the database (and its indexes) as it was.
    with transaction.atomic():
        with indexes_built_after(Person, enabled=rebuild):
            for offset in range(0, len(plans), chunk):
                part = plans[offset: offset + chunk]
                units = _units(part)
                centre_rows, fresh = _centres(part, units)
                groups = _organisation_groups(part, centre_rows, units)
                orgs = sync_organisations(groups, batch_size=batch_size)
                learners = _persons(ref, part, centre_rows, orgs, groups, fresh=fresh, per_centre=persons_per_centre,
                                    seed=seed, today=today, batch_size=batch_size)
                totals["persons"] += len(learners)
                totals["staff"] += _staff(ref, part, centre_rows, learners, fresh=fresh, seed=seed, today=today)
                totals["centres"] = offset + len(part)
                stdout.write(f"  {totals['centres']}/{centres} trung tâm, {totals['persons']:,} học viên mới, "
                             f"{totals['staff']} cán bộ mới ({time.perf_counter() - started:.1f} s)\n")
            if rebuild:
                stdout.write("  dựng lại chỉ mục sổ người học …\n")
        if rebuild:
            stdout.write(f"  chỉ mục xong ({time.perf_counter() - started:.1f} s)\n")
        for offset in range(0, len(plans), 10 * chunk):
            codes = [p.code for p in plans[offset: offset + 10 * chunk]]
            totals["resources"] += seed_scale_resources(codes, seed=seed, today=today)
            totals["classes"] += seed_standards(list(Centre.objects.filter(code__in=codes)), today=today)
        analyse()
        stdout.write(f"  cơ sở vật chất, lớp năm trước ({time.perf_counter() - started:.1f} s)\n")
        totals.update(seed_lecturers_scale(codes=[p.code for p in plans], seed=seed, today=today))
        stdout.write(f"  giảng viên ({time.perf_counter() - started:.1f} s)\n")
        totals.update(seed_scale_reports(prefix=PREFIX, stdout=stdout, today=today, seed=seed))
    if rebuild:
        # Mark the new rows visible to every transaction and refresh the statistics, as autovacuum
        # would later: index-only scans then answer without reading the table.
        vacuum(Person)
    return totals
