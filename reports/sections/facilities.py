"""Facilities: the centre's rooms and venues in use, by kind, with their seats (as they stand now)."""

from __future__ import annotations

from django.db.models import Count, Sum

from facilities.models import Room
from reports.sections.base import TOTAL, Col, Frame, TableSection

KIND_LABELS = {
    Room.Kind.LECTURE_HALL: "Hội trường",
    Room.Kind.CLASSROOM: "Phòng học",
    Room.Kind.MEETING_ROOM: "Phòng họp, thảo luận",
    Room.Kind.COMPUTER_ROOM: "Phòng máy tính",
    Room.Kind.OFF_SITE: "Địa điểm học ngoài trung tâm",
}


def _rooms(frame: Frame):
    return Room.objects.filter(centre_id=frame.centre_ids[0], active=True)


def room_rows(frame: Frame) -> list[dict]:
    grouped = {g["kind"]: g for g in _rooms(frame).values("kind").annotate(rooms=Count("pk"), seats=Sum("seats"))
               .order_by()}
    return [{"key": kind.value, "label": label,
             "cells": {"rooms": grouped[kind]["rooms"], "seats": grouped[kind]["seats"] or 0}}
            for kind, label in KIND_LABELS.items() if kind in grouped]


def room_records(frame: Frame, row_key: str, column: str):
    rooms = _rooms(frame)
    return "rooms", rooms if row_key == TOTAL else rooms.filter(kind=row_key)


FACILITIES = TableSection(
    key="facilities",
    title="Cơ sở vật chất: phòng học, hội trường đang sử dụng",
    row_header="Loại phòng",
    columns=(Col("rooms", "Số phòng"), Col("seats", "Số chỗ ngồi")),
    compute=room_rows,
    records=room_records,
)
