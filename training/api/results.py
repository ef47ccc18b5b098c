"""API endpoints for results."""

from ninja import Router

router = Router(tags=["training"])
