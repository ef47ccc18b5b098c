"""Demo resources at the demo centre: rooms, equipment with a condition check, this year's budget with
spending, the estimate (and the settlement of the closed class) and a coordination agreement.

Everything goes through the services the pages use, acted by the demo officer, so it obeys every rule.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accounts.models import User
from facilities.models import Building, Equipment, EquipmentCategory, Room
from facilities.services import record_condition_check, save_building, save_equipment, save_room
from finance.models import Budget, BudgetLine, CostSheet, Spending
from finance.services import prepare_cost_sheet, record_spending, save_budget, save_budget_line
from org.agreements import save_agreement
from org.models import CoordinationAgreement, SendingOrganisation
from training.models import Klass

ROOMS = [("Hội trường A", "lecture_hall", 120), ("Phòng học 1", "classroom", 50), ("Phòng học 2", "classroom", 45),
         ("Phòng máy tính", "computer_room", 25)]
EQUIPMENT = [  # category, name, quantity, unit, year, room
    ("projector", "Máy chiếu Epson EB-X51", 1, "bộ", 2021, "Hội trường A"),
    ("projector", "Máy chiếu Sony VPL", 1, "bộ", 2019, "Phòng học 1"),
    ("screen", "Màn chiếu điện 150 inch", 1, "chiếc", 2021, "Hội trường A"),
    ("sound", "Bộ âm thanh hội trường", 1, "bộ", 2020, "Hội trường A"),
    ("computer", "Máy tính để bàn Dell", 20, "bộ", 2022, "Phòng máy tính"),
    ("camera", "Camera họp trực tuyến Logitech", 1, "bộ", 2023, "Hội trường A"),
    ("internet", "Đường truyền cáp quang 100 Mb/s", 1, "đường", 2022, None),
    ("printer", "Máy in laser", 2, "chiếc", 2018, None),
    ("air_conditioner", "Điều hòa nhiệt độ 24.000 BTU", 4, "chiếc", 2020, "Hội trường A"),
]


def build_resources(*, today: dt.date) -> str:
    officer = User.objects.get(username="daotao")
    centre = officer.role_assignments.get(role="training_officer").centre
    if Equipment.objects.filter(centre=centre).exists():
        return "đã có dữ liệu cơ sở vật chất, kinh phí"
    building = Building.objects.filter(centre=centre, name="Nhà học chính").first() or save_building(
        actor=officer, building=Building(centre=centre, name="Nhà học chính", floors=2, year_built=2012))
    rooms = {}
    for name, kind, seats in ROOMS:
        room = Room.objects.filter(centre=centre, name=name).first() or Room(centre=centre, name=name)
        room.kind, room.seats, room.building, room.accessible = kind, max(room.seats, seats), building, True
        rooms[name] = save_room(actor=officer, room=room)
    categories = {c.code: c for c in EquipmentCategory.objects.all()}
    items = [save_equipment(actor=officer, item=Equipment(
        centre=centre, category=categories[code], name=name, quantity=quantity, unit=unit, year_acquired=year,
        room=rooms.get(room))) for code, name, quantity, unit, year, room in EQUIPMENT]
    record_condition_check(actor=officer, item=items[1], date=today - dt.timedelta(days=20), condition="needs_repair",
                           note="Bóng đèn yếu, hình mờ")

    budget = Budget.objects.filter(centre=centre, year=today.year).first() or save_budget(actor=officer, budget=Budget(
        centre=centre, year=today.year, approval_issuer="Ban Thường vụ Đảng ủy xã Yên Sơn",
        approval_number="08-QĐ/ĐU", approval_date=dt.date(today.year, 1, 8)))
    lines = [save_budget_line(actor=officer, line=BudgetLine(budget=budget, source=source, purpose=purpose,
                                                            description=text, amount=Decimal(amount)))
             for source, purpose, text, amount in [
                 ("local_budget", "training", "Tổ chức các lớp theo kế hoạch", 180_000_000),
                 ("provincial_programme", "training", "Lớp bồi dưỡng theo chương trình của tỉnh", 60_000_000),
                 ("local_budget", "facilities", "Sửa chữa, mua sắm trang thiết bị", 45_000_000),
                 ("co_organiser", "training", "Ban Chỉ huy Quân sự xã đóng góp lớp quốc phòng – an ninh", 15_000_000),
             ]]
    for line, day, number, payee, amount in [
        (lines[0], 20, "PC-015", "Nhà in Tuyên Quang", 4_850_000),
        (lines[0], 45, "PC-031", "Bếp ăn tập thể xã Yên Sơn", 12_600_000),
        (lines[2], 60, "PC-040", "Công ty TNHH Thiết bị Minh Phát", 18_900_000),
    ]:
        date = max(dt.date(today.year, 1, 1), today - dt.timedelta(days=day))
        record_spending(actor=officer, spending=Spending(line=line, amount=Decimal(amount), date=date,
                                                         document_number=number, payee=payee))

    classes = list(Klass.objects.filter(centre=centre).order_by("start_date"))
    for klass in classes:
        prepare_cost_sheet(actor=officer, klass=klass, kind=CostSheet.Kind.ESTIMATE)
        if klass.status == Klass.Status.CLOSED:
            prepare_cost_sheet(actor=officer, klass=klass, kind=CostSheet.Kind.SETTLEMENT)

    counterpart = (SendingOrganisation.objects.filter(centre=centre, kind="military").first()
                   or SendingOrganisation.objects.filter(centre=centre).order_by("sort_key").first())
    agreements = 0
    if counterpart is not None:
        agreement = save_agreement(actor=officer, agreement=CoordinationAgreement(
            centre=centre, counterpart=counterpart, title="Quy chế phối hợp trong công tác bồi dưỡng chính trị",
            document_number="01-QC/TTCT", signed_on=dt.date(today.year - 1, 3, 1),
            valid_from=dt.date(today.year - 1, 3, 1), valid_to=today + dt.timedelta(days=45),
            signatories="Giám đốc Trung tâm Chính trị\nThủ trưởng đơn vị phối hợp",
            scope="Bồi dưỡng kiến thức quốc phòng – an ninh; cập nhật kiến thức cho cán bộ cơ sở",
            centre_duties="Xây dựng kế hoạch, bố trí giảng viên, hội trường; cấp giấy chứng nhận.",
            counterpart_duties="Cử học viên, báo cáo viên; đóng góp kinh phí theo thỏa thuận."))
        qp = [k.pk for k in classes if k.version.programme.code.startswith("QPAN")]
        Klass.objects.filter(pk__in=qp).update(agreement=agreement)
        agreements = 1
    return (f"{len(rooms)} phòng, {len(items)} thiết bị, dự toán {today.year} ({len(lines)} dòng), "
            f"{len(classes)} dự toán lớp, {agreements} quy chế phối hợp")
