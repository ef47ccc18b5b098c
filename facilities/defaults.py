"""The equipment categories and the facilities standard a new installation starts with (editable data).

No official facilities list for district or commune centres was found (DOMAIN.md §7); the standard
below follows what Kết luận 66 names — a lecture hall, classrooms with projectors, computers, sound,
cameras for online classes and an internet line — and each centre's province may change it.
"""

from __future__ import annotations

import datetime as dt

CATEGORIES = [
    # code, name, other wordings found in inventories
    ("projector", "Máy chiếu", "máy chiếu projector;projector;máy chiếu đa năng"),
    ("screen", "Màn chiếu", "màn hình chiếu;màn chiếu điện"),
    ("sound", "Hệ thống âm thanh", "âm thanh;loa;bộ âm thanh;tăng âm;micro;âm ly"),
    ("computer", "Máy tính", "máy vi tính;máy tính để bàn;máy tính xách tay;laptop;máy tính bàn"),
    ("camera", "Camera học trực tuyến", "camera;webcam;thiết bị họp trực tuyến;camera trực tuyến"),
    ("internet", "Đường truyền internet", "internet;mạng internet;đường truyền;wifi"),
    ("printer", "Máy in", "máy photocopy;máy in laser;máy photo"),
    ("air_conditioner", "Điều hòa nhiệt độ", "điều hòa;máy điều hòa;máy lạnh"),
    ("television", "Ti vi", "tivi;màn hình tivi;smart tivi"),
    ("other", "Thiết bị khác", "khác"),
]

STANDARD_FROM = dt.date(2019, 1, 1)
STANDARD = [
    # name, kind, room kind, min seats, min count, category code
    ("Hội trường từ 100 chỗ ngồi", "rooms", "lecture_hall", 100, 1, None),
    ("Ít nhất 2 phòng học", "rooms", "classroom", 0, 2, None),
    ("Phòng máy tính", "rooms", "computer_room", 0, 1, None),
    ("Máy chiếu ở mọi hội trường, phòng học", "equipment_per_room", "", 0, 1, "projector"),
    ("Hệ thống âm thanh", "equipment", "", 0, 1, "sound"),
    ("Đường truyền internet", "equipment", "", 0, 1, "internet"),
    ("Camera phục vụ học trực tuyến", "equipment", "", 0, 1, "camera"),
    ("Máy tính phục vụ giảng dạy, quản lý (từ 5 máy)", "equipment", "", 0, 5, "computer"),
]


def load_defaults(category_model, requirement_model) -> None:
    """Insert the defaults that are missing (safe to repeat; edited rows are left alone)."""
    have = set(category_model.objects.values_list("code", flat=True))
    category_model.objects.bulk_create([
        category_model(code=code, name=name, aliases=aliases, sort_order=index)
        for index, (code, name, aliases) in enumerate(CATEGORIES) if code not in have
    ])
    if requirement_model.objects.exists():
        return
    categories = {c.code: c for c in category_model.objects.all()}
    requirement_model.objects.bulk_create([
        requirement_model(name=name, kind=kind, room_kind=room_kind, min_seats=seats, min_count=count,
                          category=categories.get(code), valid_from=STANDARD_FROM, sort_order=index)
        for index, (name, kind, room_kind, seats, count, code) in enumerate(STANDARD)
    ])
