"""API endpoints for nominations."""

from ninja import Router

router = Router(tags=["training"])
