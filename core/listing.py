"""Search, filter, sort and paginate a list page the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from core.text import search_key


def search_words(queryset, text: str | None, field: str = "search_text"):
    """Every word of `text`, diacritics and case ignored, must occur in the stored search key `field`."""
    for word in search_key(text).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset


@dataclass
class Filter:
    name: str  # query-string parameter
    label: str
    choices: list[tuple[str, str]]
    apply: Callable  # (queryset, value) -> queryset


@dataclass
class ListSpec:
    sorts: dict[str, tuple[str, str]]  # key -> (label, order_by expression, "-" prefix allowed)
    default_sort: str
    search: Callable | None = None  # (queryset, text) -> queryset
    filters: list[Filter] = field(default_factory=list)
    page_size: int = 0


def apply_list_params(request, queryset, spec: ListSpec):
    """The search, filters and sort a list page's query string asks for; shared by the page and its export.

    Returns (queryset, search text, active filters, sort key, descending).
    """
    params = request.GET
    text = params.get("q", "").strip()
    if text and spec.search:
        queryset = spec.search(queryset, text)
    active_filters = {}
    for flt in spec.filters:
        value = params.get(flt.name, "")
        if value and value in {key for key, _ in flt.choices}:
            queryset = flt.apply(queryset, value)
            active_filters[flt.name] = value
    sort = params.get("sort", spec.default_sort)
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in spec.sorts:
        key, descending = spec.default_sort.lstrip("-"), spec.default_sort.startswith("-")
    order = spec.sorts[key][1]
    queryset = queryset.order_by(f"-{order}" if descending else order, "-pk" if descending else "pk")
    return queryset, text, active_filters, key, descending


class BoundedPaginator(Paginator):
    """Pages of a list whose count stops at `limit` rows: past it the page says "more than `limit`
    results" and offers the pages up to the last counted row.

    Counting a province's fifty thousand persons costs more than showing the page itself; the count
    reads at most `limit` + 1 rows (`SELECT count(*) FROM (… LIMIT limit + 1)`), still one query, exact
    below the limit.
    """

    def __init__(self, object_list, per_page, *, limit: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        if hasattr(rows, "values"):
            return rows.order_by().values("pk")[: self.limit + 1].count()
        return min(len(rows), self.limit + 1)

    @cached_property
    def capped(self) -> bool:
        return self.counted > self.limit

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)


def build_list(request, queryset, spec: ListSpec) -> dict:
    params = request.GET
    queryset, text, active_filters, key, descending = apply_list_params(request, queryset, spec)
    paginator = BoundedPaginator(queryset, spec.page_size or settings.PAGE_SIZE, limit=settings.LIST_COUNT_LIMIT)
    page = paginator.get_page(params.get("page"))

    base = {k: v for k, v in {"q": text, **active_filters}.items() if v}

    def sort_link(column: str) -> str:
        direction = "" if (column != key or descending) else "-"
        return "?" + urlencode({**base, "sort": direction + column})

    columns = {
        column: {
            "label": label,
            "url": sort_link(column),
            "active": column == key,
            "descending": column == key and descending,
        }
        for column, (label, _) in spec.sorts.items()
    }
    return {
        "page_obj": page,
        "object_list": page.object_list,
        "q": text,
        "filters": [
            {"name": f.name, "label": f.label, "choices": f.choices, "value": active_filters.get(f.name, "")}
            for f in spec.filters
        ],
        "columns": columns,
        "page_query": urlencode({**base, "sort": ("-" if descending else "") + key}),
        "total": paginator.count,
        "total_capped": paginator.capped,
    }
