"""Reference data: the 63 provinces before 1/7/2025 and the 34 from that day, with succession links.

The source is org/data/provinces.csv (birth-registration code, old name, the province it became).
A province that goes on under the same name keeps one open-ended record; one that was merged (or
renamed, as Thừa Thiên Huế → Thành phố Huế) ends on 30/6/2025 and points at its successor.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from org.models import AdministrativeUnit
from people.national_id import PROVINCES_CSV

LAST_DAY_BEFORE_REFORM = dt.date(2025, 6, 30)
REFORM_DAY = dt.date(2025, 7, 1)
PROVINCE = AdministrativeUnit.Level.PROVINCE


@dataclass
class ProvinceRow:
    citizen_code: str  # "008"
    old_name: str
    new_name: str

    @property
    def official_code(self) -> str:
        # The 2-digit administrative code is the citizen-ID code without its leading zero.
        return self.citizen_code[1:]

    @property
    def continues(self) -> bool:
        return self.old_name == self.new_name


@dataclass
class Reference:
    """The loaded provinces, for the steps that build on them."""

    old_by_citizen_code: dict[str, AdministrativeUnit] = field(default_factory=dict)
    current_by_name: dict[str, AdministrativeUnit] = field(default_factory=dict)
    # Current province name -> the citizen-ID codes of the old provinces it covers.
    citizen_codes_of: dict[str, list[str]] = field(default_factory=dict)
    created: int = 0
    updated: int = 0

    current_by_citizen_code: dict[str, AdministrativeUnit] = field(default_factory=dict)

    @property
    def current_provinces(self) -> list[AdministrativeUnit]:
        return sorted(self.current_by_name.values(), key=lambda unit: unit.code)


def read_rows() -> list[ProvinceRow]:
    with PROVINCES_CSV.open(encoding="utf-8") as handle:
        return [ProvinceRow(r["code"], r["name_before_2025"], r["province_from_2025"]) for r in csv.DictReader(handle)]


def _sync(unit: AdministrativeUnit, ref: Reference, **wanted) -> AdministrativeUnit:
    """Save the unit only if it is new or one of the wanted fields differs."""
    changed = unit.pk is None or any(getattr(unit, name) != value for name, value in wanted.items())
    if not changed:
        return unit
    is_new = unit.pk is None
    for name, value in wanted.items():
        setattr(unit, name, value)
    unit.save()
    if is_new:
        ref.created += 1
    else:
        ref.updated += 1
    return unit


@transaction.atomic
def load_reference_data() -> Reference:
    """Create or update the 63 + 34 provinces. Safe to run any number of times."""
    rows = read_rows()
    ref = Reference()
    existing = {
        (unit.code, unit.valid_from): unit
        for unit in AdministrativeUnit.objects.filter(level=PROVINCE)
    }
    continuing_names = {row.new_name for row in rows if row.continues}

    # First the provinces that exist after the reform: the continuing ones and the renamed ones.
    for row in rows:
        if row.continues:
            unit = existing.get((row.official_code, None)) or AdministrativeUnit(code=row.official_code, level=PROVINCE)
            ref.current_by_name[row.new_name] = _sync(
                unit, ref, name=row.new_name, citizen_id_code=row.citizen_code, valid_from=None, valid_to=None,
                successor_id=None, parent_id=None,
            )
    for row in rows:
        if row.new_name not in continuing_names and row.new_name not in ref.current_by_name:
            # A new name over an old territory: the new unit takes the old official code from the reform day.
            unit = existing.get((row.official_code, REFORM_DAY)) or AdministrativeUnit(code=row.official_code, level=PROVINCE)
            ref.current_by_name[row.new_name] = _sync(
                unit, ref, name=row.new_name, citizen_id_code="", valid_from=REFORM_DAY, valid_to=None,
                successor_id=None, parent_id=None,
            )

    for row in rows:
        if row.continues:
            ref.old_by_citizen_code[row.citizen_code] = ref.current_by_name[row.new_name]
        else:
            unit = existing.get((row.official_code, None)) or AdministrativeUnit(code=row.official_code, level=PROVINCE)
            ref.old_by_citizen_code[row.citizen_code] = _sync(
                unit, ref, name=row.old_name, citizen_id_code=row.citizen_code, valid_from=None,
                valid_to=LAST_DAY_BEFORE_REFORM, successor_id=ref.current_by_name[row.new_name].pk, parent_id=None,
            )
        ref.current_by_citizen_code[row.citizen_code] = ref.current_by_name[row.new_name]
        ref.citizen_codes_of.setdefault(row.new_name, []).append(row.citizen_code)
    return ref
