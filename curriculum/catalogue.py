"""Loading the national catalogue (DOMAIN.md §4). Idempotent: programmes already present are left as they are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from curriculum import catalogue_data as data
from curriculum.choices import GradingScheme, OrganiserKind, PartyAudience, PrerequisiteKind, VersionStatus
from curriculum.models import Programme, Topic, TopicMapping
from curriculum.services import write_version
from curriculum.validation import VersionContent

CATALOGUE_START = dt.date(2025, 7, 1)


def _content(entry: dict, programmes_by_code: dict) -> VersionContent:
    scheme = entry.get("grading_scheme", GradingScheme.TEN_POINT)
    topics = [
        {"code": code, "title": title, "outline": outline, "keywords": keywords, "lecture_periods": lecture,
         "discussion_periods": discussion, "fieldwork_periods": fieldwork}
        for code, title, outline, keywords, lecture, discussion, fieldwork in entry["topics"]
    ]
    header = {
        "label": entry.get("label", "Chương trình hiện hành"),
        "issuer": entry.get("issuer", data.ISSUER_PROPAGANDA), "document_number": "", "document_date": None,
        "effective_from": CATALOGUE_START, "effective_to": None, "duration": entry.get("duration", ""),
        "total_periods": sum(t["lecture_periods"] + t["discussion_periods"] + t["fieldwork_periods"] for t in topics),
        "grading_scheme": scheme, "max_absence_percent": Decimal(20),
        "min_final_score": Decimal(5) if scheme == GradingScheme.TEN_POINT else None,
        "certificate_type": entry["certificate_type"], "provisional": True, "notes": data.UNKNOWN_DOCUMENT,
    }
    components = [{"kind": k, "name": n, "weight": Decimal(w), "required": r} for k, n, w, r in entry["components"]]
    bands = []
    if scheme == GradingScheme.TEN_POINT:
        bands = [{"classification": c, "min_score": Decimal(lo), "max_score": Decimal(hi), "passing": p}
                 for c, lo, hi, p in data.DEFAULT_BANDS]
    prerequisites = [
        {"kind": PrerequisiteKind.PROGRAMME_COMPLETED, "required_programme": programmes_by_code[code], "note": ""}
        for code in entry.get("requires", []) if code in programmes_by_code
    ]
    if entry.get("admission_window"):
        prerequisites.append({"kind": PrerequisiteKind.PARTY_ADMISSION_WINDOW,
                              "within_months": entry["admission_window"],
                              "note": "Học trong thời gian dự bị, tính từ ngày kết nạp."})
    return VersionContent(header, topics, components, bands, prerequisites)


@transaction.atomic
def load_catalogue(*, stdout=None) -> dict:
    """Create the national programmes, their published first versions and default liên thông mappings."""
    entries = [(e, OrganiserKind.CENTRE) for e in data.CENTRE_PROGRAMMES] + [
        (e, OrganiserKind.PROVINCIAL_SCHOOL) for e in data.SCHOOL_PROGRAMMES
    ]
    existing = {p.code: p for p in Programme.objects.filter(code__in=[e["code"] for e, _k in entries])}
    created = []
    for entry, kind in entries:
        if entry["code"] in existing:
            continue
        programme = Programme(code=entry["code"], name=entry["name"], category=entry["category"],
                              audience=entry["audience"], organiser_kind=kind,
                              party_audience=entry.get("party_audience", PartyAudience.ANYONE))
        programme.full_clean()
        programme.save()
        existing[programme.code] = programme
        write_version(actor=None, programme=programme, content=_content(entry, existing), publish=True)
        created.append(programme.code)
        if stdout:
            stdout.write(f"  + {programme}\n")
    mappings = _load_mappings()
    return {"programmes_created": len(created), "programmes_existing": len(entries) - len(created),
            "mappings_created": mappings, "codes": created}


def _load_mappings() -> int:
    codes = {c for m in data.MAPPINGS for c in (m[0], m[2])}
    topics = {
        (t.version.programme.code, t.code): t
        for t in Topic.objects.filter(version__programme__code__in=codes, version__status=VersionStatus.PUBLISHED)
        .select_related("version__programme")
    }
    wanted = []
    for centre_code, topic_code, school_code, module_code, coverage in data.MAPPINGS:
        centre_topic = topics.get((centre_code, topic_code))
        module = topics.get((school_code, module_code))
        if centre_topic and module:
            wanted.append(TopicMapping(centre_topic=centre_topic, school_module=module, coverage=coverage))
    present = set(
        TopicMapping.objects.filter(centre_topic__in=[m.centre_topic for m in wanted]).values_list(
            "centre_topic_id", "school_module_id")
    )
    new = [m for m in wanted if (m.centre_topic.pk, m.school_module.pk) not in present]
    TopicMapping.objects.bulk_create(new)
    return len(new)
