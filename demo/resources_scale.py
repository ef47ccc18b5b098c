"""Facilities, equipment, budgets and spending for the synthetic centres of `seed_demo --centres N`.

Centre g always gets the same rooms, items, budget lines and vouchers (a random generator seeded by its
code), so a re-run skips the centres that have them and a larger N extends the data. Bulk inserts, a
fixed number of queries per call.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from core.text import search_key
from facilities.models import Equipment, EquipmentCategory, Room
from finance.models import Budget, BudgetLine, Spending
from org.models import Centre

ROOMS = [("Hội trường", "lecture_hall", (80, 200)), ("Phòng học 1", "classroom", (30, 60)),
         ("Phòng học 2", "classroom", (30, 60)), ("Phòng máy tính", "computer_room", (15, 30))]
ITEMS = [("projector", "Máy chiếu", (1, 2)), ("screen", "Màn chiếu", (1, 2)), ("sound", "Bộ âm thanh", (0, 2)),
         ("computer", "Máy tính để bàn", (2, 25)), ("camera", "Camera học trực tuyến", (0, 1)),
         ("internet", "Đường truyền internet", (0, 1)), ("printer", "Máy in", (1, 3)),
         ("air_conditioner", "Điều hòa nhiệt độ", (1, 6))]
LINES = [("local_budget", "training", (80, 250)), ("provincial_programme", "training", (20, 90)),
         ("local_budget", "facilities", (10, 60)), ("co_organiser", "training", (0, 20))]
CONDITIONS = ["good"] * 7 + ["needs_repair", "broken"]


def seed_scale_resources(codes: list[str], *, seed: int, today: dt.date) -> int:
    """Add rooms, equipment, this year's budget and spending to the listed centres that have none yet."""
    centres = list(Centre.objects.filter(code__in=codes).exclude(equipment__isnull=False).distinct().order_by("code"))
    if not centres:
        return 0
    categories = {c.code: c for c in EquipmentCategory.objects.all()}
    year = today.year
    rooms, items, budgets = [], [], []
    plans = {}
    for centre in centres:
        rng = random.Random(f"{seed}-resources-{centre.code}")
        have_rooms = rng.randint(2, len(ROOMS))
        for name, kind, (low, high) in ROOMS[:have_rooms]:
            rooms.append(Room(centre=centre, name=name, kind=kind, seats=rng.randint(low, high)))
        plans[centre.pk] = rng
        budgets.append(Budget(centre=centre, year=year, approval_issuer="Ban Thường vụ Đảng ủy",
                              approval_number=f"{rng.randint(1, 60)}-QĐ/ĐU", approval_date=dt.date(year, 1, 15)))
    Room.objects.bulk_create(rooms, ignore_conflicts=True)
    room_of = {(r.centre_id, r.name): r for r in Room.objects.filter(centre__in=centres)}
    for centre in centres:
        rng = plans[centre.pk]
        for code, name, (low, high) in ITEMS:
            quantity = rng.randint(low, high)
            if not quantity:
                continue
            room = room_of.get((centre.pk, "Phòng máy tính" if code == "computer" else "Hội trường"))
            items.append(Equipment(centre=centre, category=categories[code], name=name, quantity=quantity,
                                   unit="bộ", year_acquired=rng.randint(2012, year - 1), room=room,
                                   condition=rng.choice(CONDITIONS), search_text=search_key(name)))
    Equipment.objects.bulk_create(items, batch_size=5000)
    Budget.objects.bulk_create(budgets, ignore_conflicts=True)
    stored = {b.centre_id: b for b in Budget.objects.filter(centre__in=centres, year=year)}
    lines = []
    for centre in centres:
        rng = plans[centre.pk]
        for source, purpose, (low, high) in LINES:
            lines.append(BudgetLine(budget=stored[centre.pk], source=source, purpose=purpose,
                                    amount=Decimal(rng.randint(low, high) * 1_000_000)))
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    spendings = []
    for line in BudgetLine.objects.filter(budget__in=stored.values()).select_related("budget"):
        rng = random.Random(f"{seed}-spending-{line.pk}")
        for n in range(rng.randint(1, 5)):
            spendings.append(Spending(line=line, amount=Decimal(rng.randint(1, 40) * 250_000),
                                      date=dt.date(year, rng.randint(1, max(today.month, 1)), rng.randint(1, 28)),
                                      document_number=f"PC-{line.pk}-{n + 1}", payee="Nhà cung cấp"))
    Spending.objects.bulk_create(spendings, batch_size=5000)
    return len(centres)
