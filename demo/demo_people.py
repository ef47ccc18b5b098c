"""The demo province's learners: about 2,000 people nominated by the centres' sending organisations."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from demo import tuyen_quang as tq
from demo.names import draw_name
from demo.persons import PROFILES, IdPolicy, PersonMaker, Post, split_counts
from demo.province import DemoProvince
from demo.reference import Reference
from people.models import Person
from people.national_id import make_valid_id

OTHER_CODES = ["001", "004", "006", "010", "015", "019", "020", "025", "027", "036", "038", "040", "079"]
SERIALS_PER_CENTRE = 15_000
SERIALS_PER_ORGANISATION = 250
DUPLICATE_SERIAL = 179_000


def id_policy(ref: Reference) -> IdPolicy:
    places = {code: unit.name.removeprefix("Tỉnh ").removeprefix("Thành phố ") for code, unit in ref.old_by_citizen_code.items()}
    return IdPolicy(home_codes=[(tq.PROVINCE_CODE, 62), (tq.MERGED_CODE, 38)], other_codes=OTHER_CODES,
                    legacy_prefix="07", place_names=places)


def person_key(person: Person) -> tuple:
    return (person.national_id, person.name_key, person.date_of_birth, person.centre_id)


def insert_missing(rows: list[Person], centre_ids: list[int], *, batch_size: int = 1000) -> int:
    """Insert the generated rows not yet stored (compared as a multiset, so twins stay twins)."""
    stored = Counter(
        Person.objects.filter(centre_id__in=centre_ids).values_list("national_id", "name_key", "date_of_birth", "centre_id")
    )
    missing = []
    for row in rows:
        key = person_key(row)
        if stored[key]:
            stored[key] -= 1
        else:
            missing.append(row)
    Person.objects.bulk_create(missing, batch_size=batch_size)
    return len(missing)


def _duplicates(demo: DemoProvince, maker: PersonMaker, rng: random.Random) -> list[Person]:
    """Probable duplicates for the duplicate review page: same name and date of birth."""
    centre = demo.centres["TQ-X-YENSON"]
    orgs = demo.organisations["TQ-X-YENSON"]
    member = Post("Đảng viên", 1, "member", True)
    rows = []
    for pair in range(3):
        gender = "female" if pair % 2 else "male"
        name = draw_name(rng, gender, "Kinh" if pair != 1 else "Tày")
        dob = dt.date(1978 + 7 * pair, 1 + 4 * pair, 9 + pair)
        for twin in range(2):
            org, profile = orgs[(pair * 5 + twin * 11) % len(orgs)]
            national_id = None
            if pair == 2 and twin == 0:
                national_id = make_valid_id(tq.PROVINCE_CODE, gender, dob.year, DUPLICATE_SERIAL + pair)
            rows.append(maker.make(profile=PROFILES[profile], post=member, workplace=org.name, organisation_id=org.pk,
                                   centre_id=centre.pk, gender=gender, dob=dob, name=name, national_id=national_id))
    return rows


def generate_learners(demo: DemoProvince, ref: Reference, *, total: int, seed: int, today: dt.date) -> list[Person]:
    policy = id_policy(ref)
    province_wide = demo.organisations[""]
    rows: list[Person] = []
    for index, spec in enumerate(tq.CENTRES):
        code = spec["code"]
        centre = demo.centres[code]
        count = round(total * tq.PERSON_SHARES[code])
        own = demo.organisations[code]
        # The school takes its learners from the province-wide organisations; the commune-cluster
        # centres get a few from them too (e.g. defence and security classes with the military command).
        if spec.get("kind") == "provincial_school":
            orgs, weights = province_wide, [PROFILES[p].size for _, p in province_wide]
        elif spec["level"] == "commune_cluster":
            orgs = own + province_wide
            weights = [PROFILES[p].size for _, p in own] + [0.15 * PROFILES[p].size for _, p in province_wide]
        else:
            orgs, weights = own, [PROFILES[p].size for _, p in own]
        shares = split_counts(count, weights, random.Random(f"{seed}-shares-{code}"))
        if max(shares, default=0) > SERIALS_PER_ORGANISATION or len(orgs) * SERIALS_PER_ORGANISATION > SERIALS_PER_CENTRE:
            raise ValueError(f"at most {SERIALS_PER_ORGANISATION} demo persons per sending organisation")
        for j, ((org, profile), n) in enumerate(zip(orgs, shares, strict=True)):
            # One generator per organisation with its own serials: a larger --persons adds people
            # after the ones already generated instead of reshuffling everyone.
            start = index * SERIALS_PER_CENTRE + j * SERIALS_PER_ORGANISATION
            maker = PersonMaker(random.Random(f"{seed}-persons-{code}-{j}"), region="tuyen_quang", ids=policy,
                                today=today, serial_start=start, serial_stop=start + SERIALS_PER_ORGANISATION)
            rows += maker.for_organisation(profile=PROFILES[profile], count=n, workplace=org.name,
                                           organisation_id=org.pk, centre_id=centre.pk)
    dup_rng = random.Random(f"{seed}-duplicates")
    rows += _duplicates(demo, PersonMaker(dup_rng, region="tuyen_quang", ids=policy, today=today, serial_start=0,
                                          serial_stop=1), dup_rng)
    return rows


def build_learners(demo: DemoProvince, ref: Reference, *, total: int, seed: int, today: dt.date) -> int:
    rows = generate_learners(demo, ref, total=total, seed=seed, today=today)
    return insert_missing(rows, [c.pk for c in demo.centres.values()])
