"""API endpoints for classes."""

from ninja import Router

router = Router(tags=["training"])
