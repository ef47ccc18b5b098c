"""API endpoints for attendance."""

from ninja import Router

router = Router(tags=["training"])
