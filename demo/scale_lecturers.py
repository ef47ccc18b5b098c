"""Lecturers' work for the synthetic nation (`seed_demo --centres N`): guest lecturers, fee tables,
classes with sessions held, load entries and survey answers as counters.

The first scale centre gets 200 classes and 30 lecturers (the size the lecturers benchmark measures);
the others 40 classes each. One COPY per table (bulk_create off PostgreSQL); a centre that already has
its classes is skipped.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from accounts.models import User
from core.bulk import create_rows, insert_rows
from curriculum.models import Programme, ProgrammeVersion, Topic
from lecturers.models import (
    FeeRate,
    FeeTable,
    LoadEntry,
    RatingCount,
    Survey,
    SurveyItem,
    SurveyTemplate,
)
from org.models import Centre
from people.models import Lecturer, Person
from training.models import Klass, Session

BIG_CLASSES, CLASSES, LECTURERS = 200, 40, 30
SESSIONS = 6
PARALLEL = 10  # classes running side by side, each session with another lecturer
SURVEYS = 5
RATES = [("central", 2_000_000), ("provincial", 1_200_000), ("centre", 600_000)]


def _fee_tables(centres: list[Centre]) -> None:
    provinces = {c.province_id for c in centres} - set(
        FeeTable.objects.filter(province_id__in={c.province_id for c in centres}).values_list("province_id", flat=True))
    tables = FeeTable.objects.bulk_create(FeeTable(province_id=p, name="Mức chi thù lao giảng viên (dữ liệu mẫu)",
                                                   valid_from=dt.date(2025, 7, 1), periods_per_session=4)
                                          for p in sorted(provinces))
    FeeRate.objects.bulk_create(FeeRate(table=t, rank=r, amount=Decimal(a)) for t in tables for r, a in RATES)


def _programme() -> ProgrammeVersion:
    """A small programme for scale data when the catalogue is not loaded (scale mode seeds no demo)."""
    programme, _ = Programme.objects.get_or_create(code="MAU-CNKT", defaults={
        "name": "Bồi dưỡng cập nhật kiến thức (dữ liệu mẫu)", "category": "knowledge_update"})
    version, created = ProgrammeVersion.objects.get_or_create(programme=programme, number=1,
                                                              defaults={"status": "published", "total_periods": 24})
    if created:
        Topic.objects.bulk_create(Topic(version=version, order=n, title=f"Chuyên đề {n}", lecture_periods=4)
                                  for n in range(1, 7))
    return version


def _guests(centre: Centre, have: int) -> None:
    wanted = LECTURERS - have
    if wanted <= 0:
        return
    taken = Lecturer.objects.filter(centre=centre).values("person_id")
    persons = Person.objects.filter(centre=centre).exclude(pk__in=taken).order_by("pk").values_list("pk", flat=True)
    insert_rows(Lecturer, [Lecturer(centre=centre, person_id=pk, kind=Lecturer.Kind.GUEST,
                                    home_organisation="Trường Chính trị tỉnh") for pk in persons[:wanted]])


def seed_lecturers_scale(*, codes: list[str], seed: int, today: dt.date) -> dict:
    """Every listed centre without its classes gets them; one COPY per table for all those centres."""
    centres = list(Centre.objects.filter(code__in=codes).order_by("code"))
    version = ProgrammeVersion.objects.filter(status="published").prefetch_related("topics").order_by("pk").first()
    version = version or _programme()
    template = SurveyTemplate.objects.filter(is_editable_default=True).prefetch_related("questions").first()
    opener = User.objects.filter(is_superuser=True).order_by("pk").first() or User.objects.get_or_create(
        username="du-lieu-mau", defaults={"is_active": False, "first_name": "Dữ liệu mẫu"})[0]
    if not centres:
        return {"lecturer_classes": 0}
    _fee_tables(centres)
    topics = list(version.topics.all()) or [None]
    done = set(Klass.objects.filter(centre__in=centres, code__endswith="-L001").values_list("centre_id", flat=True))
    todo = [c for c in centres if c.pk not in done]
    big = todo[0] if todo and todo[0].code == codes[0] and centres[0].pk == todo[0].pk else None
    if big is not None:
        _guests(big, Lecturer.objects.filter(centre=big).count())
    staff: dict[int, list[tuple[int, str]]] = {}
    for centre_id, pk, kind in (Lecturer.objects.filter(centre__in=todo).order_by("centre_id", "pk")
                                .values_list("centre_id", "pk", "kind")):
        staff.setdefault(centre_id, []).append((pk, kind))
    rng = random.Random(f"{seed}-scale-lecturers")
    year = today.year
    start = dt.date(year, 1, 5)

    def day(slot: int) -> dt.date:
        return start + dt.timedelta(days=(slot // 2) * 3)  # two sessions a day, every third day

    classes, planned, loads = [], [], []
    for centre in todo:
        lecturers = staff.get(centre.pk)
        if not lecturers:
            continue
        count = BIG_CLASSES if centre is big else CLASSES
        parallel = min(PARALLEL, len(lecturers))
        mine = [Klass(
            centre=centre, version=version, code=f"{centre.code}-L{i + 1:03d}", name=f"Lớp bồi dưỡng {i + 1} (mẫu)",
            start_date=day((i // parallel) * SESSIONS), end_date=day((i // parallel) * SESSIONS + SESSIONS - 1),
            status=Klass.Status.CLOSED, search_text=f"{centre.code.lower()}-l{i + 1:03d}") for i in range(count)]
        classes += mine
        planned += [(klass, i, parallel, lecturers) for i, klass in enumerate(mine)]
        full_time = [pk for pk, kind in lecturers if kind == Lecturer.Kind.FULL_TIME]
        loads += [LoadEntry(lecturer_id=pk, year=year, kind="work", coefficient_code="essay",
                            quantity=Decimal(rng.randint(20, 80))) for pk in full_time]
    create_rows(Klass, classes)
    sessions = []
    for klass, i, parallel, lecturers in planned:
        for j in range(SESSIONS):
            slot = (i // parallel) * SESSIONS + j
            sessions.append(Session(
                klass=klass, date=day(slot), part="morning" if slot % 2 == 0 else "afternoon",
                periods=4 if j % 3 else 5, topic=topics[j % len(topics)],
                lecturer_id=lecturers[(i % parallel + j) % len(lecturers)][0], attendance_taken=j < SESSIONS - 1))
    insert_rows(Session, sessions)
    insert_rows(LoadEntry, loads)
    surveyed = []
    if template is not None and opener is not None:
        first = {}
        for klass in classes:
            first.setdefault(klass.centre_id, []).append(klass)
        surveyed = [k for mine in first.values() for k in mine[:SURVEYS]]
        _surveys(surveyed, sessions, template, opener, rng)
    return {"lecturer_classes": len(classes), "lecturer_sessions": len(sessions), "surveys": len(surveyed)}


def _surveys(classes, sessions, template, opener, rng) -> None:
    surveys = create_rows(Survey, [Survey(klass=k, template=template, learners=30, valid_forms=20,
                                          status=Survey.Status.CLOSED, opened_by=opener) for k in classes])
    surveyed = {k.pk for k in classes}
    pairs: dict[int, list] = {}
    for s in sessions:
        if s.klass_id in surveyed and s.lecturer_id and (s.lecturer_id, s.topic_id) not in pairs.setdefault(s.klass_id, []):
            pairs[s.klass_id].append((s.lecturer_id, s.topic_id))
    items, spreads = [], []
    questions = list(template.questions.all())
    for survey in surveys:
        order = 0
        for question in questions:
            targets = pairs.get(survey.klass_id, []) if question.section == "lecturer" else [(None, None)]
            for lecturer_id, topic_id in targets:
                order += 1
                item = SurveyItem(survey=survey, order=order, question=question, kind=question.kind,
                                  section=question.section, lecturer_id=lecturer_id, topic_id=topic_id)
                if item.kind == "rating":
                    spread = [0] * (template.scale_max + 1)
                    for _ in range(20):
                        spread[max(1, min(template.scale_max, round(rng.gauss(8, 1.2))))] += 1
                    item.answers, item.score_total = 20, sum(s * spread[s] for s in range(1, template.scale_max + 1))
                    spreads.append((item, spread))
                items.append(item)
    create_rows(SurveyItem, items)
    insert_rows(RatingCount, [RatingCount(item=item, score=s, count=spread[s])
                              for item, spread in spreads for s in range(1, template.scale_max + 1)])
