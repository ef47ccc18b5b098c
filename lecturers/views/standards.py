"""Pages of post standards: a centre's leaders and lecturers against the standard, a member's checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import require_staff, scope_of
from core.views import apply_validation_error
from lecturers import permissions
from lecturers.exports import needs_workbook
from lecturers.forms import StandardSetForm
from lecturers.models import StandardSet
from lecturers.services import standards as services
from lecturers.standards import centre_members, share_meeting
from lecturers.views.common import file_response, visible_lecturer
from lecturers.views.load import XLSX, centres_of_people
from people.models import StaffAssignment


@login_required
def centre_standards(request):
    require_staff(request.user)
    centres = list(centres_of_people(request.user).values_list("pk", "name"))
    try:
        centre_id = int(request.GET.get("centre") or (centres[0][0] if centres else 0))
    except ValueError:
        centre_id = 0
    if centre_id and centre_id not in dict(centres):
        raise Http404
    standard, members = centre_members(centre_id) if centre_id else (None, [])
    met, total = share_meeting(members)
    if request.GET.get("format") == "xlsx":
        return file_response(needs_workbook(dict(centres).get(centre_id, ""), members), "nhu-cau-dao-tao.xlsx", XLSX)
    return render(request, "lecturers/centre_standards.html", {
        "centres": centres, "centre_id": centre_id, "standard": standard, "members": members, "met": met,
        "total": total, "share": round(met * 100 / total, 1) if total else None,
    })


def _member(members, *, lecturer=None, staff=None):
    for member in members:
        if (lecturer is not None and member.lecturer and member.lecturer.pk == lecturer.pk and not member.staff) or (
                staff is not None and member.staff and member.staff.pk == staff.pk):
            return member
        if lecturer is not None and member.lecturer and member.lecturer.pk == lecturer.pk:
            return member
    return None


@login_required
def lecturer_standard(request, pk: int):
    lecturer = visible_lecturer(request, pk)
    standard, members = centre_members(lecturer.centre_id)
    member = _member(members, lecturer=lecturer)
    return render(request, "lecturers/member_standard.html", {
        "standard": standard, "member": member, "person": lecturer.person, "centre": lecturer.centre,
        "lecturer": lecturer})


@login_required
def staff_standard(request, pk: int):
    staff = get_object_or_404(StaffAssignment.objects.visible_to(request.user).select_related("person", "centre"), pk=pk)
    if not permissions.sees_lecturer_records(scope_of(request.user), staff.centre_id):
        raise PermissionDenied
    standard, members = centre_members(staff.centre_id)
    member = _member(members, staff=staff)
    return render(request, "lecturers/member_standard.html", {
        "standard": standard, "member": member, "person": staff.person, "centre": staff.centre, "staff": staff})


@login_required
def standard_sets(request):
    if not permissions.sees_rules(scope_of(request.user)):
        raise PermissionDenied
    sets = StandardSet.objects.prefetch_related("requirements")
    return render(request, "lecturers/standard_sets.html", {
        "sets": sets, "today": timezone.localdate(), "title": _("Post standards"),
        "can_edit": permissions.manages_national_rules(scope_of(request.user))})


@login_required
def standard_set_edit(request, pk: int | None = None):
    if not permissions.manages_national_rules(scope_of(request.user)):
        raise PermissionDenied
    standard = get_object_or_404(StandardSet, pk=pk) if pk else None
    form = StandardSetForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_standard_set(actor=request.user, standard=form.save(commit=False),
                                       requirements=form.requirement_rows())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Post standards saved."))
            return redirect("lecturers:standard_sets")
    title = _("Edit post standards") if standard else _("New post standards")
    return render(request, "core/form_page.html", {"form": form, "title": title, "object": standard})
