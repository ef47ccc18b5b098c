"""Pages for the person registry, staff and lecturers."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import kept_rows
from accounts.models import Role
from accounts.scope import require_staff, scope_of
from core.listing import Filter, KeptReads, ListSpec, apply_list_params, build_list
from core.prepared import Prepared
from core.text import join_full_name
from core.views import apply_validation_error, flash_error
from org.selectors import centre_filter
from people import services
from people.choices import Gender, TheoryLevel
from people.exports import persons_workbook
from people.forms import EndTermForm, LecturerForm, MergeForm, PersonForm, StaffAssignmentForm
from people.models import Lecturer, Person, StaffAssignment, registry_centres, strangers_of
from people.permissions import edits_lecturer, owns_lecturer_profile
from people.selectors import person_enrolments

# ------------------------------------------------------------------------------------------ persons

# A scoped search orders its matches by the sort key as bytes (`COLLATE "C"` on PostgreSQL, the key's own
# order), an expression no index provides: ordered by the column, the planner may walk the national index
# of names, reading a heap row for every person of the nation until a rare match fills the page. The
# plain list keeps the column, where the planner weighs that walk against sorting the province's rows.
SCOPED_ORDER = "visible_sort_key"


def _sorted_among_matches(request) -> bool:
    return bool(request.GET.get("q", "").strip()) and not scope_of(request.user).sees_everything


def _persons(request, strangers: list[int] | None = None):
    """The persons the list and its export start from: visible to the user, in use unless asked."""
    queryset = (Person.objects.visible_to(request.user, reached_first=True, strangers=strangers)
                .select_related("centre"))
    if _sorted_among_matches(request):
        key = Collate("sort_key", "C") if connection.vendor == "postgresql" else F("sort_key")
        queryset = queryset.alias(**{SCOPED_ORDER: key})
    if "status" not in request.GET:
        queryset = queryset.filter(archived=False)
    return queryset


def _person_spec(request) -> ListSpec:
    scope = scope_of(request.user)
    user = request.user
    personal = scope.sees_personal_data
    sorts = {"name": (gettext_lazy("Full name"), SCOPED_ORDER if _sorted_among_matches(request) else "sort_key")}
    if personal:  # ordering by birth date would reveal it
        sorts["dob"] = (gettext_lazy("Date of birth"), "date_of_birth")
    sorts["created"] = (gettext_lazy("Added"), "created_at")
    return ListSpec(
        sorts=sorts,
        default_sort="name",
        search=lambda qs, text: qs.search(text, by_id=personal, national=scope.sees_everything),
        # A scoped search sorts all its matches whatever the page: they are read once, with their keys.
        keys_first=_sorted_among_matches(request),
        filters=[
            centre_filter(user),
            Filter("gender", gettext_lazy("Gender"), Gender.choices, lambda qs, v: qs.filter(gender=v)),
            Filter(
                "party", gettext_lazy("Party member"),
                [("yes", gettext_lazy("party members")), ("no", gettext_lazy("not party members"))],
                lambda qs, v: qs.filter(is_party_member=(v == "yes")),
            ),
            Filter("theory", gettext_lazy("Political theory level"), [c for c in TheoryLevel.choices if c[0]],
                   lambda qs, v: qs.filter(theory_level=v)),
            Filter(
                "status", gettext_lazy("Status"),
                [("active", gettext_lazy("in use")), ("archived", gettext_lazy("archived"))],
                lambda qs, v: qs.filter(archived=(v == "archived")),
            ),
        ],
    )


class PersonListRow(NamedTuple):
    """A row of the person list, read as plain values."""

    pk: int
    family_name: str
    middle_name: str
    given_name: str
    is_party_member: bool
    archived: bool
    date_of_birth: dt.date | None
    national_id: str | None
    legacy_id: bool
    position: str
    workplace: str
    centre_name: str | None

    @property
    def full_name(self) -> str:
        return join_full_name(self.family_name, self.middle_name, self.given_name)


PERSON_LIST_COLUMNS = PersonListRow._fields[:-1] + ("centre__name",)
# A scoped search reads its ordered keys, then its page's rows by key: one statement for every page.
_PERSON_ROWS = Prepared(lambda ids: Person.objects.filter(pk__any=ids).values_list(*PERSON_LIST_COLUMNS),
                        [-7_319_024_185])


def _person_list_reads(request, strangers: list[int]) -> KeptReads:
    user = request.user
    # The list's SQL depends on the login's scope, the query string (in the key), whether it names a status
    # at all (none: the archived are left out) and the persons reached elsewhere, which it names by id.
    extra = ("status" in request.GET, tuple(strangers))
    # Its rows are the registry's rows of the login's centres and of the persons they reach, which is what
    # core.versions follows for those centres: count, keys and page are kept until that data changes.
    centres = registry_centres(scope_of(user))
    return KeptReads(name="person-list", keep=lambda key, build: kept_rows(user, (*key, *extra), build, centres=centres),
                     columns=PERSON_LIST_COLUMNS, row=PersonListRow._make, rows_by_keys=_PERSON_ROWS.rows)


@login_required
def person_list(request):
    require_staff(request.user)
    strangers = strangers_of(request.user)
    context = build_list(request, lambda: _persons(request, strangers), _person_spec(request),
                         _person_list_reads(request, strangers))
    scope = scope_of(request.user)
    context["show_personal"] = scope.sees_personal_data
    context["can_create"] = scope.edits_some_centre
    if request.htmx:
        return render(request, "people/_person_rows.html", context)
    return render(request, "people/person_list.html", context)


@login_required
def person_export(request):
    """The list as it is filtered on the page, as .xlsx (dates as real dates, IDs as text)."""
    require_staff(request.user)
    # The sending organisation is a column of the workbook only: the page's rows do without the join,
    # which a search would otherwise build over all the matches before taking the first page.
    queryset = apply_list_params(request, _persons(request), _person_spec(request))[0].select_related("sending_organisation")
    data = persons_workbook(queryset, personal=scope_of(request.user).sees_personal_data)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="danh-sach-nguoi-hoc.xlsx"'
    return response


def _visible_person(request, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.visible_to(request.user).select_related("centre", "sending_organisation", "merged_into"), pk=pk
    )


@login_required
def person_detail(request, pk: int):
    person = _visible_person(request, pk)
    scope = scope_of(request.user)
    own = scope.person_id == person.pk
    context = {
        "person": person,
        "show_personal": scope.sees_personal_data or own,
        "can_edit": scope.edits(person.centre_id),
        "staff": person.staff_assignments.visible_to(request.user).select_related("centre"),
        "lecturer_profiles": person.lecturer_profiles.visible_to(request.user).select_related("centre"),
        "own": own,
        "enrolments": person_enrolments(request.user, person),
    }
    return render(request, "people/person_detail.html", context)


@login_required
def my_record(request):
    scope = scope_of(request.user)
    if not scope.person_id:
        raise PermissionDenied
    return redirect("people:person_detail", pk=scope.person_id)


@login_required
def person_edit(request, pk: int | None = None):
    scope = scope_of(request.user)
    person = _visible_person(request, pk) if pk else None
    if person is not None and not scope.edits(person.centre_id):
        raise PermissionDenied
    if person is None and not scope.edits_some_centre:
        raise PermissionDenied
    form = PersonForm(request.POST or None, instance=person, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_person(actor=request.user, person=form.save(commit=False),
                                         reason=form.cleaned_data.get("reason", "").strip())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": saved.full_name})
            return redirect("people:person_detail", pk=saved.pk)
    title = _("Edit %(name)s") % {"name": person.full_name} if person else _("New person")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": person})


@login_required
@require_POST
def person_archive(request, pk: int):
    person = _visible_person(request, pk)
    if not scope_of(request.user).edits(person.centre_id):
        raise PermissionDenied
    archived = request.POST.get("archived", "1") == "1"
    services.archive_person(actor=request.user, person=person, archived=archived, reason=request.POST.get("reason", ""))
    messages.success(request, _("Archived.") if archived else _("Restored."))
    return redirect("people:person_detail", pk=person.pk)


@login_required
def duplicates(request):
    scope = scope_of(request.user)
    if not scope.edits_some_centre:
        raise PermissionDenied
    groups = services.probable_duplicates(Person.objects.visible_to(request.user))
    return render(request, "people/duplicates.html", {"groups": groups})


@login_required
@require_POST
def merge(request):
    scope = scope_of(request.user)
    if not scope.edits_some_centre:
        raise PermissionDenied
    form = MergeForm(request.POST)
    ids = [int(v) for v in request.POST.getlist("ids") if v.isdigit()]
    if not form.is_valid() or len(ids) < 2:
        messages.error(request, _("Choose the record to keep and give a reason for the merge."))
        return redirect("people:duplicates")
    visible = {p.pk: p for p in Person.objects.visible_to(request.user).filter(pk__in=ids)}
    keep = visible.get(form.cleaned_data["keep"])
    if keep is None or len(visible) != len(set(ids)):
        raise PermissionDenied
    try:
        services.merge_persons(actor=request.user, keep=keep, duplicates=[p for pk, p in visible.items() if pk != keep.pk],
                               reason=form.cleaned_data["reason"])
    except ValidationError as error:
        flash_error(request, error)
        return redirect("people:duplicates")
    messages.success(request, _("Records merged into %(name)s.") % {"name": keep.full_name})
    return redirect("people:person_detail", pk=keep.pk)


# -------------------------------------------------------------------------------------------- staff

def _staff_spec(user) -> ListSpec:
    return ListSpec(
        sorts={
            "name": (gettext_lazy("Full name"), "person__sort_key"),
            "position": (gettext_lazy("Position"), "position"),
            "start": (gettext_lazy("Start date"), "start_date"),
        },
        default_sort="position",
        search=lambda qs, text: qs.filter(
            person__in=Person.objects.search(text, by_id=scope_of(user).sees_personal_data)),
        filters=[
            centre_filter(user),
            Filter("position", gettext_lazy("Position"), StaffAssignment.Position.choices, lambda qs, v: qs.filter(position=v)),
            Filter("term", gettext_lazy("Term"), [("current", gettext_lazy("current")), ("ended", gettext_lazy("ended"))],
                   lambda qs, v: qs.current() if v == "current" else qs.filter(end_date__isnull=False)),
        ],
    )


@login_required
def staff_list(request):
    require_staff(request.user)
    queryset = StaffAssignment.objects.visible_to(request.user).select_related("person", "centre")
    context = build_list(request, queryset, _staff_spec(request.user))
    scope = scope_of(request.user)
    context["can_create"] = scope.edits_some_centre
    return render(request, "people/staff_list.html", context)


@login_required
def staff_edit(request, pk: int | None = None):
    scope = scope_of(request.user)
    assignment = None
    if pk:
        assignment = get_object_or_404(StaffAssignment.objects.visible_to(request.user).select_related("person"), pk=pk)
        if not scope.edits(assignment.centre_id):
            raise PermissionDenied
    elif not scope.edits_some_centre:
        raise PermissionDenied
    initial = {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    form = StaffAssignmentForm(request.POST or None, instance=assignment, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_staff_assignment(actor=request.user, assignment=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:person_detail", pk=saved.person_id)
    title = _("Edit staff term") if assignment else _("New staff term")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": assignment})


@login_required
@require_POST
def staff_end(request, pk: int):
    assignment = get_object_or_404(StaffAssignment.objects.visible_to(request.user), pk=pk)
    if not scope_of(request.user).edits(assignment.centre_id):
        raise PermissionDenied
    form = EndTermForm(request.POST)
    if form.is_valid():
        try:
            services.end_staff_assignment(actor=request.user, assignment=assignment, end_date=form.cleaned_data["end_date"])
            messages.success(request, _("The term was ended."))
        except ValidationError as error:
            flash_error(request, error)
    else:
        messages.error(request, _("Enter the end date as dd/mm/yyyy."))
    return redirect("people:person_detail", pk=assignment.person_id)


# ---------------------------------------------------------------------------------------- lecturers

def _lecturer_spec(user) -> ListSpec:
    return ListSpec(
        sorts={
            "name": (gettext_lazy("Full name"), "person__sort_key"),
            "kind": (gettext_lazy("Kind"), "kind"),
            "since": (gettext_lazy("Teaching since"), "teaching_since"),
        },
        default_sort="name",
        search=lambda qs, text: qs.filter(person__in=Person.objects.search(text)),
        filters=[
            centre_filter(user),
            Filter("kind", gettext_lazy("Kind"), Lecturer.Kind.choices, lambda qs, v: qs.filter(kind=v)),
            Filter("theory", gettext_lazy("Political theory level"), [c for c in TheoryLevel.choices if c[0]],
                   lambda qs, v: qs.filter(theory_level=v)),
            Filter("active", gettext_lazy("Status"), [("yes", gettext_lazy("active")), ("no", gettext_lazy("inactive"))],
                   lambda qs, v: qs.filter(active=(v == "yes"))),
        ],
    )


@login_required
def lecturer_list(request):
    scope = scope_of(request.user)
    if not (scope.is_staff_of_some_centre or scope.has_role(Role.LECTURER)):
        raise PermissionDenied
    queryset = Lecturer.objects.visible_to(request.user).select_related("person", "centre")
    context = build_list(request, queryset, _lecturer_spec(request.user))
    context["can_create"] = scope.edits_some_centre
    return render(request, "people/lecturer_list.html", context)


def _visible_lecturer(request, pk: int) -> Lecturer:
    return get_object_or_404(Lecturer.objects.visible_to(request.user).select_related("person", "centre"), pk=pk)


@login_required
def lecturer_detail(request, pk: int):
    lecturer = _visible_lecturer(request, pk)
    context = {
        "lecturer": lecturer,
        "can_edit": edits_lecturer(request.user, lecturer),
        "person_visible": Person.objects.visible_to(request.user).filter(pk=lecturer.person_id).exists(),
    }
    return render(request, "people/lecturer_detail.html", context)


@login_required
def lecturer_edit(request, pk: int | None = None):
    scope = scope_of(request.user)
    lecturer = _visible_lecturer(request, pk) if pk else None
    own = lecturer is not None and owns_lecturer_profile(request.user, lecturer)
    if lecturer is not None and not edits_lecturer(request.user, lecturer):
        raise PermissionDenied
    if lecturer is None and not scope.edits_some_centre:
        raise PermissionDenied
    own_only = own and not scope.edits(lecturer.centre_id)
    initial = {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    form = LecturerForm(request.POST or None, instance=lecturer, initial=initial, user=request.user, own_profile=own_only)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_lecturer(actor=request.user, lecturer=form.save(commit=False))
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("people:lecturer_detail", pk=saved.pk)
    title = _("Edit lecturer profile") if lecturer else _("New lecturer")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": lecturer})
