"""Workflows on the programme catalogue. Each is atomic, checks the actor's rights, and is audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import record, snapshot
from core.models import AuditEvent
from core.services import audited_save, require
from core.text import nfc
from curriculum.choices import Coverage, OrganiserKind, OverlapDecision, OverlapVerdict, ProgrammeStatus, VersionStatus
from curriculum.models import (
    AssessmentComponent,
    GradeBand,
    OverlapReview,
    Prerequisite,
    Programme,
    ProgrammeVersion,
    Topic,
    TopicMapping,
)
from curriculum.models.overlap import publish_confirm_above
from curriculum.overlap_report import version_overlaps
from curriculum.permissions import can_edit_mappings, can_edit_programme, can_review_overlaps
from curriculum.validation import (
    BAND_FIELDS,
    COMPONENT_FIELDS,
    HEADER_FIELDS,
    PREREQUISITE_FIELDS,
    TOPIC_FIELDS,
    VersionContent,
    validate_content,
    validate_for_publishing,
)


def content_of(version: ProgrammeVersion) -> VersionContent:
    """The version's content as plain values (4 queries), for copying, comparing and exporting."""
    header = {name: getattr(version, name) for name in HEADER_FIELDS}
    topics = [
        {"id": t.pk, "lineage": t.lineage, **{name: getattr(t, name) for name in TOPIC_FIELDS}}
        for t in version.topics.all()
    ]
    components = [{name: getattr(c, name) for name in COMPONENT_FIELDS} for c in version.components.all()]
    bands = [{name: getattr(b, name) for name in BAND_FIELDS} for b in version.bands.all()]
    prerequisites = [
        {name: getattr(p, name) for name in PREREQUISITE_FIELDS}
        for p in version.prerequisites.select_related("required_programme")
    ]
    return VersionContent(header, topics, components, bands, prerequisites)


def _summary(content: VersionContent) -> dict:
    """What the audit log keeps of a version's contents: enough to see what changed."""
    return {
        "topics": [f"{t.get('title', '')} ({t.get('lecture_periods')}/{t.get('discussion_periods')}/"
                   f"{t.get('fieldwork_periods')})" for t in content.topics],
        "components": [f"{c.get('name')} {c.get('weight')}%" for c in content.components],
        "bands": [f"{b.get('classification')} {b.get('min_score')}-{b.get('max_score')}" for b in content.bands],
        "prerequisites": [f"{p.get('kind')} {getattr(p.get('required_programme'), 'code', '')} "
                          f"{p.get('within_months') or ''}".strip() for p in content.prerequisites],
    }


# --- programmes -------------------------------------------------------------------------------------

@transaction.atomic
def create_programme(*, actor, programme: Programme) -> Programme:
    require(can_edit_programme(actor, programme))
    programme.name = nfc(programme.name)
    programme.audience = nfc(programme.audience)
    return audited_save(actor=actor, instance=programme)


@transaction.atomic
def update_programme(*, actor, programme: Programme, reason: str = "") -> Programme:
    require(can_edit_programme(actor, programme))
    programme.name = nfc(programme.name)
    programme.audience = nfc(programme.audience)
    return audited_save(actor=actor, instance=programme, reason=reason)


@transaction.atomic
def retire_programme(*, actor, programme: Programme, reason: str, on: dt.date | None = None) -> Programme:
    """No new classes open from a retired programme; its versions and their history stay."""
    require(can_edit_programme(actor, programme))
    if programme.is_retired:
        raise ValidationError(_("The programme is already retired."))
    if not reason.strip():
        raise ValidationError({"reason": _("Reason: say why the programme is retired.")})
    before = snapshot(programme)
    programme.status = ProgrammeStatus.RETIRED
    programme.retired_on = on or timezone.localdate()
    programme.retired_reason = reason.strip()
    programme.save()
    programme.versions.filter(status__in=[VersionStatus.DRAFT, VersionStatus.PUBLISHED]).update(
        status=VersionStatus.RETIRED
    )
    record(actor=actor, action=AuditEvent.Action.ARCHIVE, obj=programme, before=before, after=snapshot(programme),
           reason=reason)
    return programme


# --- versions ---------------------------------------------------------------------------------------

def _check(programme: Programme, content: VersionContent, version_id=None) -> None:
    errors = validate_content(programme, content, version_id=version_id)
    if errors:
        raise ValidationError(errors)


def _clean_text(value) -> str:
    return nfc(value) if isinstance(value, str) else value


def _write_children(version: ProgrammeVersion, content: VersionContent) -> None:
    existing = {t.pk: t for t in version.topics.all()}
    # Orders are unique per version: move the kept rows out of the way before renumbering.
    if existing:
        Topic.objects.filter(version=version).update(order=F("order") + 10000)
    keep, create = [], []
    for order, item in enumerate(content.topics, start=1):
        values = {name: _clean_text(item.get(name, "")) for name in TOPIC_FIELDS}
        for key in ("lecture_periods", "discussion_periods", "fieldwork_periods"):
            values[key] = int(values[key] or 0)
        topic = existing.get(item.get("id"))
        if topic is None:
            topic = Topic(version=version, order=order, **values)
            if item.get("lineage"):
                topic.lineage = item["lineage"]
            create.append(topic)
        else:
            for name, value in values.items():
                setattr(topic, name, value)
            topic.order = order
            keep.append(topic)
    Topic.objects.filter(version=version).exclude(pk__in=[t.pk for t in keep]).delete()
    if keep:
        Topic.objects.bulk_update(keep, ["order", *TOPIC_FIELDS])
    Topic.objects.bulk_create(create)

    version.components.all().delete()
    AssessmentComponent.objects.bulk_create(
        AssessmentComponent(version=version, order=i, **{n: _clean_text(c.get(n)) for n in COMPONENT_FIELDS})
        for i, c in enumerate(content.components, start=1)
    )
    version.bands.all().delete()
    GradeBand.objects.bulk_create(
        GradeBand(version=version, order=i, **{n: b.get(n) for n in BAND_FIELDS})
        for i, b in enumerate(content.bands, start=1)
    )
    version.prerequisites.all().delete()
    Prerequisite.objects.bulk_create(
        Prerequisite(version=version, order=i, kind=p["kind"], required_programme=p.get("required_programme"),
                     within_months=p.get("within_months") or None, note=_clean_text(p.get("note") or ""))
        for i, p in enumerate(content.prerequisites, start=1)
    )


def _apply_header(version: ProgrammeVersion, header: dict) -> None:
    for name in HEADER_FIELDS:
        if name in header:
            value = header[name]
            setattr(version, name, _clean_text(value) if value is not None else
                    (None if name in {"document_date", "effective_from", "effective_to", "min_final_score"} else ""))


@transaction.atomic
def create_version(*, actor, programme: Programme, content: VersionContent, based_on=None,
                   publish: bool = False) -> ProgrammeVersion:
    """A new draft version (optionally published at once, for imports)."""
    require(can_edit_programme(actor, programme))
    return write_version(actor=actor, programme=programme, content=content, based_on=based_on, publish=publish)


def write_version(*, actor, programme, content, based_on=None, publish=False) -> ProgrammeVersion:
    """Without the rights check: also used by the catalogue loader, which runs as the system."""
    if programme.is_retired:
        raise ValidationError(_("The programme is retired; it takes no new versions."))
    _check(programme, content)
    number = (programme.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ProgrammeVersion(programme=programme, number=number, based_on=based_on)
    _apply_header(version, content.header)
    version.status = VersionStatus.DRAFT
    version.save()
    _write_children(version, content)
    record(actor=actor, action=AuditEvent.Action.CREATE, obj=version, after={**snapshot(version),
                                                                           **_summary(content)})
    if publish:
        _publish(actor=actor, version=version)
    return version


@transaction.atomic
def save_version(*, actor, version: ProgrammeVersion, content: VersionContent, reason: str = "") -> ProgrammeVersion:
    """Replace a draft's header, topics and rules. Published or used versions are refused."""
    version = ProgrammeVersion.objects.select_for_update(of=("self",)).select_related("programme__owner_centre").get(
        pk=version.pk
    )
    require(can_edit_programme(actor, version.programme))
    if version.is_locked:
        raise ValidationError(_("Version %(v)s is published or used by a class and cannot be changed; "
                                "create a new version from it instead.") % {"v": version})
    _check(version.programme, content, version.pk)
    before = {**snapshot(version), **_summary(content_of(version))}
    _apply_header(version, content.header)
    version.save()
    _write_children(version, content)
    after = {**snapshot(version), **_summary(content)}
    if before != after:
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=version, before=before, after=after, reason=reason)
    return version


@transaction.atomic
def derive_version(*, actor, source: ProgrammeVersion) -> ProgrammeVersion:
    """A new draft copied from `source`; topics keep their lineage so the two can be compared."""
    programme = source.programme
    require(can_edit_programme(actor, programme))
    draft = programme.versions.filter(status=VersionStatus.DRAFT).first()
    if draft:
        raise ValidationError(_("Version %(v)s is already a draft of this programme; edit it or publish it first.")
                              % {"v": draft})
    content = content_of(source)
    for topic in content.topics:
        topic.pop("id")
    content.header.update({"document_number": "", "document_date": None, "effective_from": None,
                           "effective_to": None})
    return create_version(actor=actor, programme=programme, content=content, based_on=source)


class UnreviewedOverlaps(ValidationError):
    """Publishing would put into force a version with more unreviewed overlaps than the settings allow."""

    def __init__(self, report):
        self.report = report
        super().__init__(_("%(n)s overlaps of this version with other programmes have not been reviewed; "
                           "confirm to publish anyway.") % {"n": len(report.unreviewed)})


@transaction.atomic
def publish_version(*, actor, version: ProgrammeVersion, effective_from: dt.date | None = None,
                    overlaps_confirmed: bool = False) -> ProgrammeVersion:
    """Make a draft the version in force; the one it replaces is superseded the day before. If the
    draft has more unreviewed overlaps with the catalogue than the settings allow, the actor must
    confirm (UnreviewedOverlaps is raised otherwise)."""
    version = ProgrammeVersion.objects.select_for_update(of=("self",)).select_related("programme__owner_centre").get(
        pk=version.pk
    )
    require(can_edit_programme(actor, version.programme))
    if not overlaps_confirmed and version.status == VersionStatus.DRAFT:
        report = version_overlaps(user=actor, version=version)
        if len(report.unreviewed) > publish_confirm_above():
            raise UnreviewedOverlaps(report)
    return _publish(actor=actor, version=version, effective_from=effective_from)


def _publish(*, actor, version: ProgrammeVersion, effective_from: dt.date | None = None) -> ProgrammeVersion:
    if version.status != VersionStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    content = content_of(version)
    errors = validate_content(version.programme, content, version_id=version.pk) + validate_for_publishing(content)
    if errors:
        raise ValidationError(errors)
    before = snapshot(version)
    start = effective_from or version.effective_from or timezone.localdate()
    for previous in version.programme.versions.filter(status=VersionStatus.PUBLISHED).exclude(pk=version.pk):
        prev_before = snapshot(previous)
        previous.status = VersionStatus.SUPERSEDED
        if previous.effective_to is None or previous.effective_to >= start:
            previous.effective_to = max(start - dt.timedelta(days=1), previous.effective_from or dt.date.min)
        previous.save(update_fields=["status", "effective_to", "updated_at"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=previous, before=prev_before,
               after=snapshot(previous), reason=_("superseded by %(v)s") % {"v": version})
    version.status = VersionStatus.PUBLISHED
    version.effective_from = start
    version.published_at = timezone.now()
    version.save()
    record(actor=actor, action=AuditEvent.Action.APPROVE, obj=version, before=before, after=snapshot(version))
    return version


def current_version(programme: Programme) -> ProgrammeVersion | None:
    """The published version, else the newest draft, else the newest of any status."""
    versions = sorted(programme.versions.all(), key=lambda v: -v.number)
    for status in (VersionStatus.PUBLISHED, VersionStatus.DRAFT):
        for v in versions:
            if v.status == status:
                return v
    return versions[0] if versions else None


# --- liên thông and overlap reviews -------------------------------------------------------------

@transaction.atomic
def add_mapping(*, actor, centre_topic: Topic, school_module: Topic, coverage: str, note: str = "") -> TopicMapping:
    require(can_edit_mappings(actor))
    if centre_topic.version.programme.organiser_kind != OrganiserKind.CENTRE:
        raise ValidationError({"centre_topic": _("Centre topic: choose a topic of a centre programme.")})
    if school_module.version.programme.organiser_kind != OrganiserKind.PROVINCIAL_SCHOOL:
        raise ValidationError({"school_module": _("Module: choose a module of a provincial-school programme.")})
    if coverage not in Coverage.values:
        raise ValidationError({"coverage": _("Coverage: choose equivalent or partly covers.")})
    mapping, created = TopicMapping.objects.get_or_create(
        centre_topic=centre_topic, school_module=school_module, defaults={"coverage": coverage, "note": nfc(note)}
    )
    if not created:
        before = snapshot(mapping)
        mapping.coverage, mapping.note = coverage, nfc(note)
        mapping.save()
        record(actor=actor, action=AuditEvent.Action.UPDATE, obj=mapping, before=before, after=snapshot(mapping))
    else:
        record(actor=actor, action=AuditEvent.Action.CREATE, obj=mapping, after=snapshot(mapping))
    return mapping


@transaction.atomic
def remove_mapping(*, actor, mapping: TopicMapping) -> None:
    require(can_edit_mappings(actor))
    before = snapshot(mapping)
    pk = mapping.pk
    mapping.delete()
    mapping.pk = pk
    record(actor=actor, action=AuditEvent.Action.DELETE, obj=mapping, before=before)


@transaction.atomic
def review_overlap(*, actor, topic_a: Topic, topic_b: Topic, verdict: str, decision: str = "", note: str = "",
                   score=None, periods_saved: int | None = None, saved_topic: Topic | None = None) -> OverlapReview:
    """Record (or change) the verdict on a flagged pair; it is keyed by the topics' lineages so it
    still shows when either programme gets a new version. A merge or a shortening saves periods on one
    of the two topics (by default the one with fewer periods): a merge all of that topic's periods unless
    fewer are given, a shortening the number given."""
    require(can_review_overlaps(actor))
    if verdict not in OverlapVerdict.values:
        raise ValidationError({"verdict": _("Verdict: choose real overlap or not an overlap.")})
    if decision and decision not in OverlapDecision.values:
        raise ValidationError({"decision": _("Decision: choose merge, shorten or keep.")})
    if verdict == OverlapVerdict.NOT_OVERLAP and decision:
        raise ValidationError({"decision": _("Decision: a pair that is not an overlap needs no decision.")})
    saves = decision in (OverlapDecision.MERGE, OverlapDecision.SHORTEN)
    if saved_topic is not None and saved_topic.pk not in (topic_a.pk, topic_b.pk):
        raise ValidationError({"saved_topic": _("Periods saved on: choose one of the two topics.")})
    if saves:
        saved_topic = saved_topic or min((topic_b, topic_a), key=lambda t: t.total_periods)
        if periods_saved is None and decision == OverlapDecision.MERGE:
            periods_saved = saved_topic.total_periods
        if not periods_saved or periods_saved < 1 or periods_saved > saved_topic.total_periods:
            raise ValidationError({"periods_saved": _(
                "Periods saved: enter a whole number from 1 to %(n)s (the periods of “%(t)s”).")
                % {"n": saved_topic.total_periods, "t": saved_topic.title}})
    elif periods_saved:
        raise ValidationError({"periods_saved": _("Periods saved: only a merge or a shortening saves periods.")})
    low, high = sorted([topic_a, topic_b], key=lambda t: str(t.lineage))
    review = OverlapReview.objects.select_for_update().filter(lineage_low=low.lineage,
                                                              lineage_high=high.lineage).first()
    before = snapshot(review) if review else None
    review = review or OverlapReview(lineage_low=low.lineage, lineage_high=high.lineage)
    review.topic_low, review.topic_high = low, high
    review.verdict, review.decision, review.note = verdict, decision, nfc(note)
    review.score = None if score is None else round(Decimal(str(score)), 3)
    review.saved_lineage = saved_topic.lineage if saves else None
    review.periods_saved = periods_saved if saves else 0
    review.reviewed_by = actor
    review.save()
    record(actor=actor, action=AuditEvent.Action.CREATE if before is None else AuditEvent.Action.UPDATE,
           obj=review, before=before, after=snapshot(review))
    return review


def empty_content() -> VersionContent:
    """A new programme's first draft: no topics yet, the default rules of DOMAIN.md §4."""
    from curriculum.catalogue_data import DEFAULT_BANDS

    header = {"label": "", "issuer": "", "document_number": "", "document_date": None, "effective_from": None,
              "effective_to": None, "duration": "", "total_periods": 0, "grading_scheme": "ten_point",
              "max_absence_percent": Decimal(20), "min_final_score": Decimal(5), "certificate_type": "certificate",
              "provisional": False, "notes": ""}
    bands = [{"classification": c, "min_score": Decimal(lo), "max_score": Decimal(hi), "passing": p}
             for c, lo, hi, p in DEFAULT_BANDS]
    return VersionContent(header, bands=bands)
