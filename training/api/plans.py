"""API endpoints for plans."""

from ninja import Router

router = Router(tags=["training"])
