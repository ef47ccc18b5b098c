"""The demo province's units, centres (with dated names, hosts and service areas) and sending organisations."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from demo import tuyen_quang as tq
from demo.organisations import OrgSpec, commune_organisations, school_and_enterprise, sync_organisations
from demo.reference import Reference
from org.models import AdministrativeUnit, Centre, CentreHost, CentreName, SendingOrganisation, ServiceAreaLink

Level = AdministrativeUnit.Level


@dataclass
class DemoProvince:
    province: AdministrativeUnit
    centres: dict[str, Centre] = field(default_factory=dict)
    new_units: dict[str, AdministrativeUnit] = field(default_factory=dict)
    districts: dict[str, AdministrativeUnit] = field(default_factory=dict)
    old_units: dict[str, list[AdministrativeUnit]] = field(default_factory=dict)
    # Centre code -> [(organisation, profile key)]; province-wide ones under "".
    organisations: dict[str, list[tuple[SendingOrganisation, str]]] = field(default_factory=dict)


def _unit(existing: dict, *, level: str, code: str, name: str, parent: AdministrativeUnit, valid_from=None,
          valid_to=None, successor: AdministrativeUnit | None = None) -> AdministrativeUnit:
    unit = existing.get((level, code, valid_from)) or AdministrativeUnit(level=level, code=code, valid_from=valid_from)
    wanted = {"name": name, "parent_id": parent.pk, "valid_to": valid_to, "successor_id": successor.pk if successor else None}
    if unit.pk is None or any(getattr(unit, k) != v for k, v in wanted.items()):
        for key, value in wanted.items():
            setattr(unit, key, value)
        unit.save()
    return unit


def build_units(ref: Reference) -> DemoProvince:
    province = ref.old_by_citizen_code[tq.PROVINCE_CODE]
    demo = DemoProvince(province=province)
    existing = {
        (u.level, u.code, u.valid_from): u
        for u in AdministrativeUnit.objects.filter(province_id__in=[province.pk, ref.old_by_citizen_code[tq.MERGED_CODE].pk])
        .exclude(level=Level.PROVINCE)
    }
    for key, (code, name, level) in tq.NEW_UNITS.items():
        demo.new_units[key] = _unit(existing, level=level, code=code, name=name, parent=province, valid_from=tq.AFTER)
    for key, (code, name, citizen_code, communes) in tq.DISTRICTS.items():
        district = _unit(existing, level=Level.DISTRICT, code=code, name=name, parent=ref.old_by_citizen_code[citizen_code],
                         valid_to=tq.BEFORE)
        demo.districts[key] = district
        demo.old_units[key] = [
            _unit(existing, level=level, code=c_code, name=c_name, parent=district, valid_to=tq.BEFORE,
                  successor=demo.new_units[becomes])
            for c_code, c_name, level, becomes in communes
        ]
    return demo


def _resolve_unit(demo: DemoProvince, token: str | None) -> AdministrativeUnit | None:
    if not token:
        return None
    kind, key = token.split(":")
    return demo.districts[key] if kind == "district" else demo.new_units[key]


def _area_units(demo: DemoProvince, ref: Reference, kind: str, key: str) -> list[AdministrativeUnit]:
    if kind == "province":
        return [ref.old_by_citizen_code[key]]
    if kind == "old_district":
        return demo.old_units[key]
    return [demo.new_units[key]]


def build_centres(demo: DemoProvince, ref: Reference) -> None:
    codes = [spec["code"] for spec in tq.CENTRES]
    existing = {c.code: c for c in Centre.objects.filter(code__in=codes)}
    for spec in tq.CENTRES:
        centre = existing.get(spec["code"]) or Centre(code=spec["code"])
        issuer, number, date = spec["founding"]
        current_name = spec["names"][-1][0]
        centre.name = current_name
        centre.kind = spec.get("kind", Centre.Kind.CENTRE)
        centre.level = spec["level"]
        centre.status = spec["status"]
        centre.province = ref.old_by_citizen_code[spec["province"]]
        centre.predecessor = demo.centres.get(spec.get("predecessor", ""))
        centre.address, centre.phone = spec["address"], spec["phone"]
        centre.email, centre.website = spec.get("email", ""), spec.get("website", "")
        centre.founding_issuer, centre.founding_number, centre.founding_date = issuer, number, date
        centre.refresh_search()
        centre.save()
        demo.centres[spec["code"]] = centre
    _sync_dated(demo, ref)


def _sync_dated(demo: DemoProvince, ref: Reference) -> None:
    """Names, hosts and service areas: insert the rows that are not there yet, in one batch each."""
    ids = [c.pk for c in demo.centres.values()]
    have_names = set(CentreName.objects.filter(centre_id__in=ids).values_list("centre_id", "name", "valid_from"))
    have_hosts = set(CentreHost.objects.filter(centre_id__in=ids).values_list("centre_id", "committee_name", "valid_from"))
    have_area = set(ServiceAreaLink.objects.filter(centre_id__in=ids).values_list("centre_id", "unit_id", "valid_from"))
    names, hosts, links = [], [], []
    for spec in tq.CENTRES:
        centre = demo.centres[spec["code"]]
        for name, start, end, decision in spec["names"]:
            if (centre.pk, name, start) not in have_names:
                names.append(CentreName(centre=centre, name=name, valid_from=start, valid_to=end, decision=decision))
        for committee, unit_token, start, end in spec["hosts"]:
            if (centre.pk, committee, start) not in have_hosts:
                hosts.append(CentreHost(centre=centre, committee_name=committee, unit=_resolve_unit(demo, unit_token),
                                        valid_from=start, valid_to=end))
        for kind, key, start, end in spec["area"]:
            for unit in _area_units(demo, ref, kind, key):
                if (centre.pk, unit.pk, start) not in have_area:
                    links.append(ServiceAreaLink(centre=centre, unit=unit, valid_from=start, valid_to=end))
    CentreName.objects.bulk_create(names)
    CentreHost.objects.bulk_create(hosts)
    ServiceAreaLink.objects.bulk_create(links)


def organisation_specs(demo: DemoProvince, seed: int) -> list[tuple[int, int | None, list[OrgSpec]]]:
    """Per centre: each served commune's organisations; closed district centres keep theirs, archived."""
    rng = random.Random(f"{seed}-organisations")
    groups: list[tuple[int, int | None, list[OrgSpec]]] = []
    province_wide = [OrgSpec(name, kind, profile, short) for name, short, kind, profile in tq.PROVINCE_WIDE]
    groups.append((demo.province.pk, None, province_wide))
    for spec in tq.CENTRES:
        centre = demo.centres[spec["code"]]
        specs: list[OrgSpec] = []
        # Village names are drawn without replacement per centre: a centre's organisations have distinct names.
        villages = rng.sample(tq.VILLAGES, 3 * len(spec["area"]))
        if spec["level"] == Centre.Level.COMMUNE_CLUSTER:
            for i, (_kind, key, _start, _end) in enumerate(spec["area"]):
                unit = demo.new_units[key]
                specs += commune_organisations(unit.name, unit_id=unit.pk, villages=villages[3 * i: 3 * i + 3])
            host = demo.new_units[spec["area"][0][1]]
            place = host.name.split(" ", 1)[1]
            specs += school_and_enterprise(place, tq.ENTERPRISES[spec["code"]], unit_id=host.pk)
        elif spec["level"] == Centre.Level.DISTRICT:
            district = demo.districts[spec["district"]]
            villages = rng.sample(tq.VILLAGES, 6)
            for i, unit in enumerate(demo.old_units[spec["district"]][:3]):
                specs += commune_organisations(unit.name, unit_id=unit.pk, villages=villages[2 * i: 2 * i + 2],
                                               archived=True, with_mass_organisations=False)
            short = district.name.replace("Huyện ", "huyện ").replace("Thành phố ", "thành phố ")
            specs.append(OrgSpec(f"Ủy ban nhân dân {short}", SendingOrganisation.Kind.GOVERNMENT_OFFICE,
                                 "district_office", unit_id=district.pk, archived=True))
        groups.append((centre.province_id, centre.pk, specs))
    return groups


def build_organisations(demo: DemoProvince, seed: int) -> int:
    groups = organisation_specs(demo, seed)
    by_key = sync_organisations(groups)
    code_of = {centre.pk: code for code, centre in demo.centres.items()}
    for _province_id, centre_id, specs in groups:
        demo.organisations[code_of.get(centre_id, "")] = [(by_key[(centre_id, s.name)], s.profile) for s in specs]
    return sum(len(specs) for _, _, specs in groups)
