"""Search, filter, sort and paginate a list page the same way everywhere."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

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
    keys_first: bool = False  # see BoundedPaginator


@dataclass(frozen=True)
class ListParams:
    """What a list page's query string asks for, once checked against its spec."""

    text: str
    filters: dict[str, str]  # active filters: parameter -> a value among the filter's choices
    sort: str
    descending: bool

    def applied(self, queryset, spec: ListSpec):
        if self.text and spec.search:
            queryset = spec.search(queryset, self.text)
        for flt in spec.filters:
            if flt.name in self.filters:
                queryset = flt.apply(queryset, self.filters[flt.name])
        order = spec.sorts[self.sort][1]
        return queryset.order_by(f"-{order}" if self.descending else order, "-pk" if self.descending else "pk")


def read_list_params(request, spec: ListSpec) -> ListParams:
    params = request.GET
    active_filters = {}
    for flt in spec.filters:
        value = params.get(flt.name, "")
        if value and value in {key for key, _ in flt.choices}:
            active_filters[flt.name] = value
    sort = params.get("sort", spec.default_sort)
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in spec.sorts:
        key, descending = spec.default_sort.lstrip("-"), spec.default_sort.startswith("-")
    return ListParams(params.get("q", "").strip(), active_filters, key, descending)


def apply_list_params(request, queryset, spec: ListSpec):
    """The search, filters and sort a list page's query string asks for; shared by the page and its export.

    Returns (queryset, search text, active filters, sort key, descending).
    """
    asked = read_list_params(request, spec)
    return asked.applied(queryset, spec), asked.text, asked.filters, asked.sort, asked.descending


class BoundedPaginator(Paginator):
    """Pages of a list whose count stops at `limit` rows: past it the page says "more than `limit`
    results" and offers the pages up to the last counted row.

    Counting a province's fifty thousand persons costs more than showing the page itself; the count
    reads at most `limit` + 1 rows (`SELECT count(*) FROM (… LIMIT limit + 1)`), still one query, exact
    below the limit.

    `keys_first`: for a list whose order no index provides (every match is read and sorted for any
    page), the counting query fetches the ordered primary keys of those `limit` + 1 rows instead, and
    the page reads its rows by primary key: the matches are filtered and sorted once, not twice.
    """

    def __init__(self, object_list, per_page, *, limit: int, keys_first: bool = False, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit
        self.keys_first = keys_first and hasattr(object_list, "values_list")

    @cached_property
    def keys(self) -> list:
        return list(self.object_list.values_list("pk", flat=True)[: self.limit + 1])

    @cached_property
    def counted(self) -> int:
        rows = self.object_list
        if self.keys_first:
            return len(self.keys)
        if hasattr(rows, "values"):
            return rows.order_by().values("pk")[: self.limit + 1].count()
        return min(len(rows), self.limit + 1)

    @cached_property
    def capped(self) -> bool:
        return self.counted > self.limit

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit)

    def page(self, number):
        if not self.keys_first:
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        # The queryset keeps its conditions and order; the keys only narrow it to this page's rows.
        return self._get_page(self.object_list.filter(pk__in=self.keys[bottom:top]), number, self)


@dataclass(frozen=True)
class KeptReads:
    """A list whose count and page are read with kept SQL: compiling a list's two queries costs more than
    running them (the class list: about 1 ms of the ORM per page against 0,4 ms on the server).

    `keep(key, build)` returns the rows of `build()` and remembers its SQL under `key` (in TTCT,
    `accounts.access.kept_rows` for the login: the list's SQL depends only on the login's scope and the
    query string, which is in the key). The page's rows are the values of `columns`, made into the
    objects the template shows by `row`; no model object is built.
    """

    name: str
    keep: Callable[[tuple, Callable], list[tuple]]
    columns: tuple[str, ...]  # the first is the primary key
    row: Callable[[tuple], object]
    # For a list whose spec reads keys first (`ListSpec.keys_first`): the values of `columns` of the rows
    # with these keys, in any order. The kept read is then the ordered keys (at most the count's limit + 1).
    rows_by_keys: Callable[[list], list[tuple]] | None = None


def _kept_page(queryset, params, shape: tuple, per_page: int, kept: KeptReads, keys_first: bool):
    """`queryset()` builds the list's queryset, called only for SQL not kept yet."""
    limit = settings.LIST_COUNT_LIMIT
    paginator = BoundedPaginator(None, per_page, limit=limit)
    keys = None
    first_page = None

    def count() -> int:
        counted = kept.keep((kept.name, "count", *shape), lambda: (
            queryset().order_by().values("pk")[: limit + 1], "SELECT COUNT(*) FROM (%s) AS counted"))
        return counted[0][0] if counted else 0

    # paginator.counted stands in for the cached property's own count.
    if keys_first and kept.rows_by_keys:
        keys = [pk for (pk,) in kept.keep((kept.name, "keys", *shape),
                                          lambda: queryset().values_list("pk")[: limit + 1])]
        paginator.counted = len(keys)
    elif str(params.get("page") or 1) == "1":
        # The first page read first: a list shorter than a page is counted by it, with no query of its own
        # (most of a centre's lists, on most visits). Its SQL is the one page 1 has below.
        first_page = kept.keep((kept.name, "page", *shape, per_page, 1),
                               lambda: queryset().values_list(*kept.columns)[:per_page])
        paginator.counted = len(first_page) if len(first_page) < per_page else count()
    else:
        paginator.counted = count()
    try:
        number = paginator.validate_number(params.get("page") or 1)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    bottom = (number - 1) * per_page
    if keys is not None:
        wanted = keys[bottom:min(bottom + per_page, paginator.count)]
        found = {values[0]: values for values in kept.rows_by_keys(wanted)} if wanted else {}
        rows = [found[pk] for pk in wanted if pk in found]
    elif first_page is not None and number == 1:
        rows = first_page
    elif paginator.count:
        # The page's SQL depends on its number only, not on the count (which the kept text must not carry).
        rows = kept.keep((kept.name, "page", *shape, per_page, number),
                         lambda: queryset().values_list(*kept.columns)[bottom:bottom + per_page])
    else:
        rows = []
    return paginator._get_page([kept.row(values) for values in rows], number, paginator)


def build_list(request, queryset, spec: ListSpec, kept: KeptReads | None = None) -> dict:
    """The context of a list page. With `kept`, `queryset` may be a function returning it: it is then built
    only when the list's SQL is not kept yet."""
    params = request.GET
    asked = read_list_params(request, spec)
    text, active_filters, key, descending = asked.text, asked.filters, asked.sort, asked.descending
    per_page = spec.page_size or settings.PAGE_SIZE
    if kept is None:
        paginator = BoundedPaginator(asked.applied(queryset, spec), per_page, limit=settings.LIST_COUNT_LIMIT,
                                     keys_first=spec.keys_first)
        page = paginator.get_page(params.get("page"))
    else:
        shape = (text, tuple(sorted(active_filters.items())), key, descending)
        page = _kept_page(lambda: asked.applied(queryset() if callable(queryset) else queryset, spec), params,
                          shape, per_page, kept, spec.keys_first)
        paginator = page.paginator

    base = {k: v for k, v in {"q": text, **active_filters}.items() if v}

    def sort_link(column: str) -> str:
        direction = "" if (column != key or descending) else "-"
        return "?" + urlencode({**base, "sort": direction + column})

    columns = {}
    for column, (label, _) in spec.sorts.items():
        url, active = sort_link(column), column == key
        columns[column] = {
            "label": label,
            "url": url,
            "active": active,
            "descending": active and descending,
            # The header's link, written here rather than by an include per column (five to eight a page).
            "link": format_html('<a href="{}" class="sort{}">{}{}</a>', url, " active" if active else "", label,
                                (" ▼" if descending else " ▲") if active else ""),
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


def filter_selects(filters: list[dict]) -> SafeString:
    """The toolbar's <select> of each filter of `build_list`'s context, with its current value selected.
    Written here rather than as a template loop: a list's programmes and years are dozens of options, and
    the template engine's loop over them was a tenth of the class list's time."""
    everything = escape(gettext("all"))
    out = []
    for f in filters:
        label, current = escape(str(f["label"])), f["value"]
        options = "".join(
            f'<option value="{escape(str(value))}"{" selected" if value == current else ""}>{escape(str(text))}</option>'
            for value, text in f["choices"])
        out.append(f'<select name="{escape(str(f["name"]))}" aria-label="{label}">\n'
                   f'    <option value="">{label}: {everything}</option>\n    {options}\n  </select>')
    return mark_safe("\n  ".join(out))  # noqa: S308 - every value escaped above
