"""API endpoints for timetable."""

from ninja import Router

router = Router(tags=["training"])
