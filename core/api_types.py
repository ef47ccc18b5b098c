"""Bounded input types for the JSON API, so an out-of-range number is a 422, never a database error.

`PageNumberPagination` is ninja's with the page number and size capped (a page beyond 64 bits would
overflow the database's OFFSET); YEAR_MIN/YEAR_MAX bound a calendar year
parameter to what the database can hold in a date.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as _NinjaPageNumberPagination

MAX_PAGE = 1_000_000


class PageNumberPagination(_NinjaPageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=1000)


YEAR_MIN, YEAR_MAX = 1900, 2200  # for ninja's Query(…, ge=YEAR_MIN, le=YEAR_MAX) on a calendar year
