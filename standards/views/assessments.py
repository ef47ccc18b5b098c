"""Pages for self-assessments: list, open, fill in (declared values, evidence, narratives), submit, review, close."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from core.listing import Filter, ListSpec, build_list
from core.text import search_key
from core.views import apply_validation_error, flash_error
from standards import documents
from standards.forms import CloseForm, OpenAssessmentForm
from standards.models import Assessment, AssessmentValue, Evidence, Group
from standards.permissions import prepares_assessment, reviews_assessment, submits_assessment
from standards.selectors import assessment_rows, drill_down, framework_tree, rows_standing, visible_assessments
from standards.services import assessments as services
from standards.services import review
from standards.views.common import decimal_input, download, require, require_staff, visible_assessment


def _search(queryset, text):
    return queryset.filter(centre__search_text__contains=search_key(text))


@login_required
def assessment_list(request):
    require_staff(request.user)
    queryset = visible_assessments(request.user)
    years = sorted(set(queryset.values_list("year", flat=True)), reverse=True)
    spec = ListSpec(
        sorts={"year": (gettext_lazy("Year"), "year"), "centre": (gettext_lazy("Centre"), "centre__sort_key"),
               "status": (gettext_lazy("Status"), "status")},
        default_sort="-year", search=_search,
        filters=[Filter("year", gettext_lazy("Year"), [(str(y), str(y)) for y in years],
                        lambda qs, v: qs.filter(year=int(v))),
                 Filter("status", gettext_lazy("Status"), Assessment.Status.choices,
                        lambda qs, v: qs.filter(status=v))],
    )
    context = build_list(request, queryset, spec)
    context["can_open"] = scope_of(request.user).edits_some_centre
    return render(request, "standards/assessment_list.html", context)


@login_required
def assessment_open(request):
    require(scope_of(request.user).edits_some_centre)
    initial = {"centre": request.GET["centre"]} if request.GET.get("centre", "").isdigit() else {}
    form = OpenAssessmentForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.open_assessment(actor=request.user, centre=form.cleaned_data["centre"],
                                                  framework=form.cleaned_data["framework"],
                                                  year=form.cleaned_data["year"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The self-assessment is open. Computed values are filled in from the "
                                        "centre's data."))
            return redirect("standards:assessment_detail", pk=assessment.pk)
    return render(request, "core/form_page.html", {"form": form, "title": _("Open a self-assessment"),
                                                   "cancel_url": reverse("standards:assessment_list")})


@login_required
def assessment_detail(request, pk: int):
    require_staff(request.user)
    assessment = visible_assessment(request, pk)
    tree = framework_tree(assessment.framework)
    rows = assessment_rows(assessment, tree)
    result = rows_standing(tree, rows)
    narratives = {n.group_id: n.text for n in assessment.narratives.all()}
    first = tree.levels[0].pk if tree.levels else None
    by_group: dict[int, list] = {g.pk: [] for g in tree.groups}
    for row in rows:
        row.targets = [tree.targets.get(row.indicator.pk, {}).get(lv.pk) for lv in tree.levels]
        row.met = result.judged[row.indicator.pk].met.get(first)
        row.level_met = [result.judged[row.indicator.pk].met.get(lv.pk) for lv in tree.levels]
        by_group[row.indicator.criterion.group_id].append(row)
    groups = [(g, by_group[g.pk], narratives.get(g.pk, ""), result.group_met.get(g.pk, True)) for g in tree.groups]
    prepares = prepares_assessment(request.user, assessment.centre_id) and assessment.is_editable
    return render(request, "standards/assessment_detail.html", {
        "assessment": assessment, "tree": tree, "groups": groups, "standing": result,
        "level_name": tree.level_name(result.level_id), "prepares": prepares,
        "can_submit": submits_assessment(request.user, assessment.centre_id) and assessment.is_editable,
        "reviews": reviews_assessment(request.user, assessment) and assessment.in_review,
        "next_level": tree.level_name(result.next_level_id),
    })


def _value(request, pk: int, value_pk: int) -> tuple[Assessment, AssessmentValue]:
    assessment = visible_assessment(request, pk)
    value = get_object_or_404(AssessmentValue.objects.select_related("indicator"), pk=value_pk,
                              assessment=assessment)
    return assessment, value


def _back(assessment: Assessment, anchor: str = ""):
    return redirect(reverse("standards:assessment_detail", args=[assessment.pk]) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def value_declare(request, pk: int, value_pk: int):
    assessment, value = _value(request, pk, value_pk)
    try:
        amount = decimal_input(request.POST.get("value"), "value")
        services.declare_value(actor=request.user, value=value, amount=amount, note=request.POST.get("note", ""))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved indicator %(code)s.") % {"code": value.indicator.code})
    return _back(assessment, f"i{value.indicator_id}")


@login_required
@require_POST
def evidence_add(request, pk: int, value_pk: int):
    assessment, value = _value(request, pk, value_pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file to attach."))
        return _back(assessment, f"i{value.indicator_id}")
    try:
        services.add_evidence(actor=request.user, value=value, upload=upload)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Attached %(name)s.") % {"name": upload.name})
    return _back(assessment, f"i{value.indicator_id}")


def _evidence(request, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("value__assessment"), pk=pk,
                             value__assessment__in=Assessment.objects.visible_to(request.user))


@login_required
def evidence_file(request, pk: int):
    require_staff(request.user)
    evidence = _evidence(request, pk)
    return FileResponse(evidence.file.open("rb"), content_type=evidence.content_type, filename=evidence.name)


@login_required
@require_POST
def evidence_delete(request, pk: int):
    evidence = _evidence(request, pk)
    assessment = evidence.value.assessment
    try:
        services.remove_evidence(actor=request.user, evidence=evidence)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Removed %(name)s.") % {"name": evidence.name})
    return _back(assessment, f"i{evidence.value.indicator_id}")


@login_required
@require_POST
def narrative_save(request, pk: int, group_pk: int):
    assessment = visible_assessment(request, pk)
    group = get_object_or_404(Group, pk=group_pk, framework_id=assessment.framework_id)
    try:
        services.write_narrative(actor=request.user, assessment=assessment, group=group,
                                 text=request.POST.get("text", ""))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved the narrative of group %(code)s.") % {"code": group.code})
    return _back(assessment, f"g{group.pk}")


@login_required
@require_POST
def assessment_submit(request, pk: int):
    assessment = visible_assessment(request, pk)
    try:
        services.submit_assessment(actor=request.user, assessment=assessment)
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Submitted. The computed values are frozen as they stand today."))
    return _back(assessment)


@login_required
@require_POST
def value_review(request, pk: int, value_pk: int):
    assessment, value = _value(request, pk, value_pk)
    try:
        agreed = request.POST.get("agreed", "1") == "1"
        reviewed = None if agreed else decimal_input(request.POST.get("reviewed_value"), "reviewed_value")
        review.review_value(actor=request.user, value=value, agreed=agreed, reviewed=reviewed,
                            comment=request.POST.get("comment", ""))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Reviewed indicator %(code)s.") % {"code": value.indicator.code})
    return _back(assessment, f"i{value.indicator_id}")


@login_required
@require_POST
def assessment_return(request, pk: int):
    assessment = visible_assessment(request, pk)
    try:
        review.return_assessment(actor=request.user, assessment=assessment, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Returned to the centre for changes."))
    return _back(assessment)


@login_required
def assessment_close(request, pk: int):
    assessment = visible_assessment(request, pk)
    require(reviews_assessment(request.user, assessment))
    if not assessment.in_review:
        messages.error(request, _("Only a submitted assessment can be reviewed."))
        return _back(assessment)
    levels = list(assessment.framework.levels.all())
    form = CloseForm(request.POST or None, request.FILES or None, levels=levels)
    if request.method == "POST" and form.is_valid():
        try:
            review.close_assessment(actor=request.user, assessment=assessment, level=form.level(levels),
                                    decision_number=form.cleaned_data["decision_number"],
                                    decision_date=form.cleaned_data["decision_date"],
                                    decision_file=form.cleaned_data["decision_file"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The review is closed."))
            return _back(assessment)
    return render(request, "standards/assessment_close.html", {"form": form, "assessment": assessment})


@login_required
def assessment_document(request, pk: int, kind: str, fmt: str):
    require_staff(request.user)
    assessment = visible_assessment(request, pk)
    if kind not in ("decision", "report") or fmt not in ("docx", "pdf"):
        raise Http404
    if kind == "decision":
        if assessment.status != Assessment.Status.RECOGNISED:
            raise Http404
        doc = documents.recognition_decision(assessment)
        name = f"QD-cong-nhan-dat-chuan-{assessment.centre.code}-{assessment.year}"
    else:
        doc = documents.assessment_report(assessment)
        name = f"BC-tu-danh-gia-{assessment.centre.code}-{assessment.year}"
    return download(*documents.render(doc, fmt, name))


@login_required
def decision_file(request, pk: int):
    require_staff(request.user)
    assessment = visible_assessment(request, pk)
    if not assessment.decision_file:
        raise Http404
    return FileResponse(assessment.decision_file.open("rb"), filename=assessment.decision_file.name.rsplit("/")[-1])


@login_required
def drill(request, pk: int, indicator_pk: int):
    """The records a computed value was computed from (frozen ids once submitted)."""
    require_staff(request.user)
    assessment = visible_assessment(request, pk)
    tree = framework_tree(assessment.framework)
    row = next((r for r in assessment_rows(assessment, tree) if r.indicator.pk == indicator_pk), None)
    if row is None:
        raise Http404
    return render(request, "standards/drill.html", {
        "assessment": assessment, "centre": assessment.centre, "year": assessment.year, "row": row,
        "source": row.source, "objects": drill_down(row.source, row.ids)})
