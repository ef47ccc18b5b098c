"""The class's learners: the enrolment list, add one person by search, move, withdraw, the template."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.listing import Filter, ListSpec, build_list
from core.views import flash_error
from people.models import Person
from training.models import Enrolment, Klass
from training.models.scoping import class_by_key, visible_class_or_404
from training.nominations import enrolment as services
from training.nominations.forms import MoveForm, ReasonForm, UploadForm
from training.nominations.importers import build_template
from training.nominations.rules import ACCEPTING, Candidate, Eligibility
from training.permissions import edits_class, sees_class_people


def class_for(request, pk: int) -> Klass:
    """The class if the user sees it (else 404), and may see its learners (else 403)."""
    klass = visible_class_or_404(request.user, pk, class_by_key("centre", "version__programme"))
    if not sees_class_people(request.user, klass):
        raise PermissionDenied
    return klass


def managed_class(request, pk: int) -> Klass:
    klass = class_for(request, pk)
    if not edits_class(request.user, klass):
        raise PermissionDenied
    return klass


def _enrolment_spec(user) -> ListSpec:
    return ListSpec(
        sorts={
            "name": (gettext_lazy("Full name"), "person__sort_key"),
            "row": (gettext_lazy("Row in the list"), "source_row"),
            "added": (gettext_lazy("Added"), "created_at"),
        },
        default_sort="name",
        search=lambda qs, text: qs.filter(
            person__in=Person.objects.search(text, by_id=scope_of(user).sees_personal_data)),
        filters=[Filter("status", gettext_lazy("Status"), Enrolment.Status.choices,
                        lambda qs, v: qs.filter(status=v))],
        page_size=100,
    )


@login_required
def nominations(request, pk: int):
    klass = class_for(request, pk)
    queryset = klass.enrolments.select_related("person", "sending_organisation", "moved_to", "result")
    if "status" not in request.GET:
        queryset = queryset.filter(status=Enrolment.Status.ENROLLED)
    context = build_list(request, queryset, _enrolment_spec(request.user))
    scope = scope_of(request.user)
    can_manage = edits_class(request.user, klass)
    context.update(
        klass=klass,
        show_personal=scope.sees_personal_data,
        can_manage=can_manage,
        accepting=klass.status in ACCEPTING,
        active_count=klass.enrolments.active().count(),
        upload_form=UploadForm(user=request.user, klass=klass) if can_manage else None,
        organisations=services.sending_organisations(request.user, klass) if can_manage else [],
    )
    return render(request, "training/nominations/list.html", context)


@login_required
def nomination_template(request, pk: int):
    klass = class_for(request, pk)
    organisation = None
    if request.GET.get("organisation", "").isdigit():
        organisation = services.sending_organisations(request.user, klass).filter(pk=int(request.GET["organisation"])).first()
    data = build_template(class_name=klass.name, sending_organisation=organisation.name if organisation else "")
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="danh-sach-cu-di-hoc-{klass.code}.xlsx"'
    return response


@login_required
def enrol_search(request, pk: int):
    """Find a registry person and enrol them; the rules are shown beside each result before enrolling."""
    klass = managed_class(request, pk)
    query = request.GET.get("q", "").strip()
    if request.method == "POST":
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=request.POST.get("person"))
        organisation = None
        if request.POST.get("sending_organisation", "").isdigit():
            organisation = services.sending_organisations(request.user, klass).filter(
                pk=int(request.POST["sending_organisation"])).first()
        try:
            services.enrol_person(actor=request.user, klass=klass, person=person, sending_organisation=organisation,
                                  override_reason=request.POST.get("override_reason", ""))
        except ValidationError as error:
            flash_error(request, error)
            query = query or request.POST.get("q", "")
        else:
            messages.success(request, _("%(name)s is enrolled in class %(code)s.")
                             % {"name": person.full_name, "code": klass.code})
            return redirect("training:nominations", pk=klass.pk)
    results, findings = [], {}
    if query:
        results = list(Person.objects.visible_to(request.user)
                       .search(query, by_id=scope_of(request.user).sees_personal_data)
                       .filter(archived=False, merged_into__isnull=True).select_related("centre")[:20])
        if results:
            found = Eligibility(klass).assess([Candidate(p.pk, person_id=p.pk, takes_seat=False) for p in results])
            findings = {pk: found[pk].findings for pk in found}
    rows = [{"person": p, "findings": findings.get(p.pk, []),
             "enrolled": any(f.rule == "already_enrolled" for f in findings.get(p.pk, []))} for p in results]
    context = {"klass": klass, "q": query, "rows": rows, "show_personal": scope_of(request.user).sees_personal_data,
               "seats_left": klass.capacity - klass.enrolments.active().count(),
               "organisations": services.sending_organisations(request.user, klass)}
    template = "training/nominations/_search_results.html" if request.htmx else "training/nominations/enrol.html"
    return render(request, template, context)


def _enrolment_of(request, pk: int, enrolment_pk: int) -> tuple[Klass, Enrolment]:
    klass = managed_class(request, pk)
    enrolment = get_object_or_404(klass.enrolments.select_related("person", "sending_organisation"),
                                  pk=enrolment_pk)
    enrolment.klass = klass
    return klass, enrolment


@login_required
@require_POST
def enrolment_withdraw(request, pk: int, enrolment_pk: int):
    klass, enrolment = _enrolment_of(request, pk, enrolment_pk)
    form = ReasonForm(request.POST)
    try:
        services.withdraw_enrolment(actor=request.user, enrolment=enrolment,
                                    reason=form.cleaned_data["reason"] if form.is_valid() else "")
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("%(name)s is withdrawn from the class.") % {"name": enrolment.person.full_name})
    return redirect("training:nominations", pk=klass.pk)


@login_required
def enrolment_move(request, pk: int, enrolment_pk: int):
    klass, enrolment = _enrolment_of(request, pk, enrolment_pk)
    form = MoveForm(request.POST or None, targets=services.move_targets(request.user, enrolment))
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.move_enrolment(actor=request.user, enrolment=enrolment,
                                            to_klass=form.cleaned_data["to_klass"],
                                            reason=form.cleaned_data["reason"],
                                            override_reason=form.cleaned_data["override_reason"])
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(name)s is moved to class %(code)s.")
                             % {"name": enrolment.person.full_name, "code": moved.klass.code})
            return redirect("training:nominations", pk=klass.pk)
    return render(request, "training/nominations/move.html", {"klass": klass, "enrolment": enrolment, "form": form})
