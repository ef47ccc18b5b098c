"""Demo data: the heading lines of each demo centre's documents, one row per host period.

A centre led by "Đảng ủy xã Yên Sơn" heads its papers "ĐẢNG ỦY XÃ YÊN SƠN / TRUNG TÂM CHÍNH TRỊ", and a
district centre that closed in 2025 keeps the lines of its district committee for its old documents.
"""

from __future__ import annotations

from org.headings import DEFAULT_ISSUER, DEFAULT_SYMBOL, upper
from org.models import CentreHost, DocumentHeading


def build_headings(centre_ids) -> int:
    """Insert the missing headings (idempotent); returns how many centres now have one."""
    have = set(DocumentHeading.objects.filter(centre_id__in=centre_ids).values_list("centre_id", "valid_from"))
    new = [
        DocumentHeading(centre_id=host.centre_id, superior_body=upper(host.committee_name), issuing_body=DEFAULT_ISSUER,
                        symbol=DEFAULT_SYMBOL, valid_from=host.valid_from, valid_to=host.valid_to)
        for host in CentreHost.objects.filter(centre_id__in=centre_ids).order_by("centre_id", "valid_from")
        if (host.centre_id, host.valid_from) not in have
    ]
    DocumentHeading.objects.bulk_create(new)
    return DocumentHeading.objects.filter(centre_id__in=centre_ids).values("centre_id").distinct().count()


def step_headings(ctx) -> str:
    count = build_headings([c.pk for c in ctx.demo.centres.values()])
    return f"{count} trung tâm có tiêu đề văn bản"
