"""The heading lines of a centre's documents on a date, kept as DocumentHeading rows.

Where a centre has recorded none, the lines come from its host party committee at that date
("ĐẢNG ỦY XÃ YÊN SƠN" over "TRUNG TÂM CHÍNH TRỊ"), which is how centres head their papers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from core.text import nfc
from org.models import Centre, CentreHost, DocumentHeading

DEFAULT_ISSUER = "TRUNG TÂM CHÍNH TRỊ"
DEFAULT_SYMBOL = "TTCT"


def upper(text: str) -> str:
    return nfc(text).upper()


@dataclass(frozen=True)
class Heading:
    superior_body: str  # "ĐẢNG ỦY XÃ YÊN SƠN"
    issuing_body: str  # "TRUNG TÂM CHÍNH TRỊ"
    symbol: str  # "TTCT"
    recorded: bool  # False: derived from the host committee

    @property
    def parents(self) -> tuple[str, ...]:
        return tuple(line for line in self.superior_body.splitlines() if line.strip())


def host_on(centre: Centre, on: dt.date) -> CentreHost | None:
    hosts = CentreHost.objects.filter(centre=centre)
    return hosts.current(on).first() or hosts.order_by("valid_from").first()


def default_heading(centre: Centre, on: dt.date | None = None) -> Heading:
    host = host_on(centre, on or timezone.localdate())
    return Heading(upper(host.committee_name) if host else "", DEFAULT_ISSUER, DEFAULT_SYMBOL, False)


def heading_of(centre: Centre, on: dt.date | None = None) -> Heading:
    """The lines valid on `on` (today by default); the host-derived default when none is recorded."""
    on = on or timezone.localdate()
    rows = DocumentHeading.objects.filter(centre=centre)
    row = rows.current(on).first() or rows.order_by("valid_from").first()
    if row is None:
        return default_heading(centre, on)
    return Heading(upper(row.superior_body), upper(row.issuing_body), row.symbol.strip() or DEFAULT_SYMBOL, True)
