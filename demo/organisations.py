"""Sending organisations of a commune (party committee with its cells, the People's Committee, the
Front and the mass organisations), and an idempotent bulk writer for them."""

from __future__ import annotations

from dataclasses import dataclass

from core.text import collation_key, search_key
from org.models import SendingOrganisation

Kind = SendingOrganisation.Kind


@dataclass(frozen=True)
class OrgSpec:
    name: str
    kind: str
    profile: str  # key of demo.persons.PROFILES: who this organisation sends
    short_name: str = ""
    parent: str = ""  # name of the parent organisation (same centre)
    unit_id: int | None = None
    archived: bool = False
    address: str = ""


def commune_organisations(unit_name: str, *, unit_id: int | None, villages: list[str], archived: bool = False,
                          with_mass_organisations: bool = True) -> list[OrgSpec]:
    """The organisations of one commune or ward that nominate learners."""
    is_ward = unit_name.startswith("Phường")
    place = unit_name.split(" ", 1)[1] if " " in unit_name else unit_name
    if unit_name.startswith("Thị trấn"):
        place = unit_name.removeprefix("Thị trấn ")
    tier = "phường" if is_ward else ("thị trấn" if unit_name.startswith("Thị trấn") else "xã")
    committee = f"Đảng ủy {tier} {place}"
    specs = [OrgSpec(committee, Kind.PARTY_COMMITTEE, "party_committee", f"ĐU {tier} {place}", unit_id=unit_id,
                     archived=archived)]
    hamlet = "Chi bộ tổ dân phố" if is_ward or tier == "thị trấn" else "Chi bộ thôn"
    specs += [OrgSpec(f"{hamlet} {village}", Kind.PARTY_CELL, "party_cell", parent=committee, unit_id=unit_id,
                      archived=archived) for village in villages]
    if not with_mass_organisations:
        return specs
    specs += [
        OrgSpec(f"Ủy ban nhân dân {tier} {place}", Kind.GOVERNMENT_OFFICE, "people_committee", f"UBND {tier} {place}",
                unit_id=unit_id, archived=archived),
        OrgSpec(f"Ủy ban Mặt trận Tổ quốc Việt Nam {tier} {place}", Kind.FATHERLAND_FRONT, "front",
                f"UBMTTQ {tier} {place}", unit_id=unit_id, archived=archived),
        OrgSpec(f"Hội Liên hiệp Phụ nữ {tier} {place}", Kind.MASS_ORGANISATION, "women", f"Hội LHPN {tier} {place}",
                unit_id=unit_id, archived=archived),
        OrgSpec(f"Đoàn Thanh niên Cộng sản Hồ Chí Minh {tier} {place}", Kind.MASS_ORGANISATION, "youth",
                f"Đoàn TN {tier} {place}", unit_id=unit_id, archived=archived),
        OrgSpec(f"Hội Nông dân {tier} {place}", Kind.MASS_ORGANISATION, "farmers", f"Hội ND {tier} {place}",
                unit_id=unit_id, archived=archived),
        OrgSpec(f"Hội Cựu chiến binh {tier} {place}", Kind.MASS_ORGANISATION, "veterans", f"Hội CCB {tier} {place}",
                unit_id=unit_id, archived=archived),
    ]
    return specs


def school_and_enterprise(place: str, enterprise: str, *, unit_id: int | None) -> list[OrgSpec]:
    return [
        OrgSpec(f"Trường Trung học cơ sở {place}", Kind.SCHOOL, "school", f"THCS {place}", unit_id=unit_id),
        OrgSpec(enterprise, Kind.ENTERPRISE, "enterprise", unit_id=unit_id),
    ]


def _new_row(spec: OrgSpec, province_id: int, centre_id: int | None, parent_id: int | None) -> SendingOrganisation:
    # bulk_create skips save(), so the search and sort keys are set here as save() would.
    return SendingOrganisation(
        name=spec.name, short_name=spec.short_name, kind=spec.kind, parent_id=parent_id, province_id=province_id,
        centre_id=centre_id, unit_id=spec.unit_id, archived=spec.archived, address=spec.address,
        search_text=search_key(f"{spec.name} {spec.short_name}"), sort_key=collation_key(spec.name),
    )


def sync_organisations(groups: list[tuple[int, int | None, list[OrgSpec]]], *, batch_size: int = 2000
                       ) -> dict[tuple[int | None, str], SendingOrganisation]:
    """Create the organisations that are missing; return all of them by (centre id, name).

    `groups` holds (province id, centre id or None, specs). Parents are written before children,
    in two bulk inserts, and existing rows (matched on province, centre and name) are kept as they are.
    """
    province_ids = {province_id for province_id, _, _ in groups}
    centre_ids = {centre_id for _, centre_id, _ in groups if centre_id}
    existing: dict[tuple[int | None, str], SendingOrganisation] = {}
    query = SendingOrganisation.objects.filter(province_id__in=province_ids)
    for org in query.filter(centre_id__in=centre_ids) if centre_ids else []:
        existing[(org.centre_id, org.name)] = org
    if any(centre_id is None for _, centre_id, _ in groups):
        for org in query.filter(centre__isnull=True):
            existing[(None, org.name)] = org
    for top_level_pass in (True, False):
        rows = []
        for province_id, centre_id, specs in groups:
            for spec in specs:
                if bool(spec.parent) == top_level_pass or (centre_id, spec.name) in existing:
                    continue
                parent_id = existing[(centre_id, spec.parent)].pk if spec.parent else None
                rows.append(_new_row(spec, province_id, centre_id, parent_id))
        created = SendingOrganisation.objects.bulk_create(rows, batch_size=batch_size)
        existing.update({(org.centre_id, org.name): org for org in created})
    return existing
