"""A framework as plain data (the JSON export format): validation, building, and the reverse.

Every way a framework comes in — the default, a copy, a new version, a JSON or Excel import — goes
through `validate_data` then `build_framework`, so one set of rules names the row that is wrong.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from standards.computations.registry import COMPUTATIONS
from standards.models import Comparator, Criterion, Framework, Group, Indicator, Level, Target, Unit
from standards.models.frameworks import UNIT_RANGE

FORMAT = "ttct-standards-framework/1"


def _date(value, label: str, errors: list[str]):
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        try:
            return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
        except ValueError:
            errors.append(_("%(field)s: “%(value)s” is not a date (dd/mm/yyyy).") % {"field": label, "value": value})
            return None


def parse_number(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None


def in_unit(unit: str, value: Decimal) -> bool:
    low, high = UNIT_RANGE[unit]
    if value < low or (high is not None and value > high):
        return False
    if unit in (Unit.COUNT, Unit.YES_NO) and value != value.to_integral_value():
        return False
    return True


def unit_range_text(unit: str) -> str:
    low, high = UNIT_RANGE[unit]
    if unit == Unit.YES_NO:
        return _("0 (no) or 1 (yes)")
    if high is None:
        return _("a whole number from %(low)s") % {"low": low}
    return _("from %(low)s to %(high)s") % {"low": low, "high": high}


def validate_data(data: dict) -> dict:
    """Check a framework's data; return it normalised, or raise ValidationError listing every problem."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise ValidationError(_("The file does not hold a criteria framework."))
    name = str(data.get("name") or "").strip()
    code = str(data.get("code") or "").strip()
    if not name:
        errors.append(_("The framework needs a name."))
    if not code:
        errors.append(_("The framework needs a code."))
    document_date = _date(data.get("document_date"), _("Document date"), errors)
    start = _date(data.get("effective_from"), _("Effective from"), errors)
    end = _date(data.get("effective_to"), _("Effective to"), errors)
    if start and end and end < start:
        errors.append(_("The framework cannot end before it takes effect."))
    levels = []
    for n, level in enumerate(data.get("levels") or [], start=1):
        level_code = str(level.get("code") or "").strip()
        if not level_code or not str(level.get("name") or "").strip():
            errors.append(_("Level %(n)s needs a code and a name.") % {"n": n})
        elif level_code in {lv["code"] for lv in levels}:
            errors.append(_("Level code %(code)s appears twice.") % {"code": level_code})
        else:
            levels.append({"code": level_code, "name": str(level["name"]).strip()})
    if not levels:
        errors.append(_("The framework needs at least one level (e.g. mức 1)."))
    level_codes = {lv["code"] for lv in levels}
    used_levels: set[str] = set()
    codes: set[str] = set()
    groups = []
    for group in data.get("groups") or []:
        g = {"code": str(group.get("code") or "").strip(), "name": str(group.get("name") or "").strip(),
             "criteria": []}
        if not g["code"] or not g["name"]:
            errors.append(_("Every criterion group needs a code and a name."))
        for criterion in group.get("criteria") or []:
            c = {"code": str(criterion.get("code") or "").strip(), "name": str(criterion.get("name") or "").strip(),
                 "indicators": []}
            if not c["code"] or not c["name"]:
                errors.append(_("Group %(group)s: every criterion needs a code and a name.") % {"group": g["code"]})
            for raw in criterion.get("indicators") or []:
                indicator = _validate_indicator(raw, level_codes, errors)
                if indicator["code"] in codes:
                    errors.append(_("Indicator %(code)s appears twice.") % {"code": indicator["code"]})
                codes.add(indicator["code"])
                used_levels.update(indicator["targets"])
                c["indicators"].append(indicator)
            g["criteria"].append(c)
        groups.append(g)
    if not codes:
        errors.append(_("The framework has no indicator."))
    for level in levels:
        if level["code"] not in used_levels:
            errors.append(_("Level “%(level)s” has no indicator with a target.") % {"level": level["name"]})
    if errors:
        raise ValidationError(errors)
    return {
        "code": code, "name": name, "issuer": str(data.get("issuer") or "").strip(),
        "document_number": str(data.get("document_number") or "").strip(),
        "document_date": document_date,
        "effective_from": start, "effective_to": end, "provisional": bool(data.get("provisional")),
        "notes": str(data.get("notes") or ""), "levels": levels, "groups": groups,
    }


def _validate_indicator(raw: dict, level_codes: set[str], errors: list[str]) -> dict:
    code = str(raw.get("code") or "").strip()
    label = _("Indicator %(code)s") % {"code": code or "?"}
    text = str(raw.get("text") or "").strip()
    unit = str(raw.get("unit") or "").strip()
    comparator = str(raw.get("comparator") or Comparator.AT_LEAST).strip()
    kind = str(raw.get("kind") or "").strip()
    computation = str(raw.get("computation") or "").strip()
    parameters = raw.get("parameters") or {}
    if not code or not text:
        errors.append(_("%(label)s: enter the code and the text.") % {"label": label})
    if unit not in Unit.values:
        errors.append(_("%(label)s: unknown unit “%(unit)s”.") % {"label": label, "unit": unit})
    if comparator not in Comparator.values:
        errors.append(_("%(label)s: unknown comparator “%(value)s”.") % {"label": label, "value": comparator})
    if kind not in Indicator.Kind.values:
        errors.append(_("%(label)s: the kind must be computed or declared.") % {"label": label})
    if kind == Indicator.Kind.COMPUTED:
        known = COMPUTATIONS.get(computation)
        if known is None:
            errors.append(_("%(label)s: there is no computation called “%(name)s”.") % {"label": label,
                                                                                       "name": computation})
        elif unit in Unit.values and known.unit != unit:
            errors.append(_("%(label)s: the computation “%(name)s” gives a value in %(unit)s.")
                          % {"label": label, "name": computation, "unit": Unit(known.unit).label})
    elif computation:
        computation = ""
    if not isinstance(parameters, dict):
        errors.append(_("%(label)s: the parameters must be a JSON object.") % {"label": label})
        parameters = {}
    targets = {}
    for level, value in (raw.get("targets") or {}).items():
        if value in (None, ""):
            continue
        level = str(level)
        number = parse_number(value)
        if level not in level_codes:
            errors.append(_("%(label)s: the framework has no level “%(level)s”.") % {"label": label, "level": level})
        elif number is None:
            errors.append(_("%(label)s: the target “%(value)s” is not a number.") % {"label": label, "value": value})
        elif unit in Unit.values and not in_unit(unit, number):
            errors.append(_("%(label)s: the target %(value)s is outside the unit (%(range)s).")
                          % {"label": label, "value": value, "range": unit_range_text(unit)})
        else:
            targets[level] = number
    return {"code": code, "text": text, "unit": unit, "comparator": comparator, "kind": kind,
            "computation": computation, "parameters": parameters, "targets": targets,
            "guidance": str(raw.get("guidance") or "").strip()}


def build_framework(data: dict, *, number: int = 1, province=None, based_on=None, code: str | None = None) -> Framework:
    """Write a validated framework (from `validate_data`) as a draft, in bulk."""
    framework = Framework.objects.create(
        code=code or data["code"], number=number, name=data["name"], issuer=data["issuer"],
        document_number=data["document_number"], document_date=data["document_date"],
        effective_from=data["effective_from"], effective_to=data["effective_to"], province=province,
        provisional=data["provisional"], notes=data["notes"], based_on=based_on,
    )
    levels = Level.objects.bulk_create([
        Level(framework=framework, order=n, code=lv["code"], name=lv["name"]) for n, lv in enumerate(data["levels"], 1)
    ])
    level_by_code = {lv.code: lv for lv in levels}
    groups = Group.objects.bulk_create([
        Group(framework=framework, order=n, code=g["code"], name=g["name"]) for n, g in enumerate(data["groups"], 1)
    ])
    criteria = Criterion.objects.bulk_create([
        Criterion(group=group, order=n, code=c["code"], name=c["name"])
        for group, g in zip(groups, data["groups"], strict=True) for n, c in enumerate(g["criteria"], 1)
    ])
    specs = [c for g in data["groups"] for c in g["criteria"]]
    pairs = [(criterion, n, i) for criterion, c in zip(criteria, specs, strict=True)
             for n, i in enumerate(c["indicators"], 1)]
    indicators = Indicator.objects.bulk_create([
        Indicator(criterion=criterion, framework=framework, order=n, code=i["code"], text=i["text"], unit=i["unit"],
                  comparator=i["comparator"], kind=i["kind"], computation=i["computation"],
                  parameters=i["parameters"], guidance=i["guidance"])
        for criterion, n, i in pairs
    ])
    Target.objects.bulk_create([
        Target(indicator=indicator, level=level_by_code[level], value=Decimal(value))
        for indicator, (_, _, i) in zip(indicators, pairs, strict=True) for level, value in i["targets"].items()
    ])
    return framework


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def framework_data(framework: Framework) -> dict:
    """The framework as plain data; `validate_data(framework_data(f))` gives it back unchanged."""
    levels = list(framework.levels.all())
    groups = list(framework.groups.prefetch_related("criteria__indicators__targets__level").all())
    return {
        "format": FORMAT,
        "code": framework.code, "version": framework.number, "name": framework.name, "issuer": framework.issuer,
        "document_number": framework.document_number,
        "document_date": framework.document_date.isoformat() if framework.document_date else None,
        "effective_from": framework.effective_from.isoformat() if framework.effective_from else None,
        "effective_to": framework.effective_to.isoformat() if framework.effective_to else None,
        "provisional": framework.provisional, "notes": framework.notes,
        "levels": [{"code": lv.code, "name": lv.name} for lv in levels],
        "groups": [
            {"code": g.code, "name": g.name, "criteria": [
                {"code": c.code, "name": c.name, "indicators": [
                    {"code": i.code, "text": i.text, "unit": i.unit, "comparator": i.comparator, "kind": i.kind,
                     "computation": i.computation, "parameters": i.parameters, "guidance": i.guidance,
                     "targets": {t.level.code: _number(t.value) for t in i.targets.all()}}
                    for i in c.indicators.all()
                ]} for c in g.criteria.all()
            ]} for g in groups
        ],
    }
