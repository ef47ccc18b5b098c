"""Pages of learner feedback: a class's surveys, slips, the public form, results for each audience."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.scope import require_staff, scope_of
from core.documents.qr import svg as qr_svg
from core.views import apply_validation_error
from lecturers import permissions
from lecturers.exports import centre_feedback_workbook, survey_workbook
from lecturers.feedback import (
    band_counts,
    centre_results,
    lecturer_results,
    province_results,
    survey_results,
    visible_texts,
)
from lecturers.forms import SurveyTemplateForm
from lecturers.models import Survey, SurveyTemplate, TextAnswer
from lecturers.services import feedback as services
from lecturers.views.common import file_response, visible_class, visible_lecturer
from lecturers.views.load import XLSX, centres_of_people
from org.models import Centre


@login_required
def class_survey(request, pk: int):
    klass = visible_class(request, pk)
    can_manage = permissions.manages_lecturer_records(scope_of(request.user), klass.centre_id)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        try:
            survey = services.open_survey(actor=request.user, klass=klass)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Survey opened. Print the slips and hand one to each learner."))
            return redirect("lecturers:survey_detail", pk=survey.pk)
    surveys = klass.surveys.select_related("template")
    return render(request, "lecturers/class_survey.html", {"klass": klass, "surveys": surveys, "can_manage": can_manage})


def _visible_survey(request, pk: int) -> Survey:
    survey = get_object_or_404(Survey.objects.visible_to(request.user).select_related("klass__centre", "template"), pk=pk)
    if not permissions.sees_lecturer_records(scope_of(request.user), survey.klass.centre_id):
        raise PermissionDenied
    return survey


def public_url(request, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("lecturers:survey_answer", args=[survey.public_key]))


@login_required
def survey_detail(request, pk: int):
    survey = _visible_survey(request, pk)
    can_manage = permissions.manages_lecturer_records(scope_of(request.user), survey.klass.centre_id)
    visible = survey.results_visible
    results = survey_results(survey) if visible else []
    if request.GET.get("format") == "xlsx":
        if not visible:
            raise Http404
        return file_response(survey_workbook(survey, results), f"khao-sat-{survey.klass.code}.xlsx", XLSX)
    texts = list(visible_texts(survey, reviewer=can_manage)) if visible else []
    return render(request, "lecturers/survey_detail.html", {
        "survey": survey, "results": results, "visible": visible, "bands": band_counts(survey, results) if visible else [],
        "texts": texts, "can_manage": can_manage, "url": public_url(request, survey),
        "qr": mark_safe(qr_svg(public_url(request, survey))),  # noqa: S308 - SVG built by our encoder
        "unused": survey.codes.filter(used=False).count(),
    })


@login_required
def survey_slips(request, pk: int):
    survey = _visible_survey(request, pk)
    if not permissions.manages_lecturer_records(scope_of(request.user), survey.klass.centre_id):
        raise PermissionDenied
    codes = list(survey.codes.filter(used=False).values_list("code", flat=True))
    url = public_url(request, survey)
    return render(request, "lecturers/survey_slips.html", {
        "survey": survey, "codes": codes, "url": url, "qr": mark_safe(qr_svg(url))})  # noqa: S308


@login_required
@require_POST
def survey_close(request, pk: int):
    survey = _visible_survey(request, pk)
    services.close_survey(actor=request.user, survey=survey)
    messages.success(request, _("Survey closed."))
    return redirect("lecturers:survey_detail", pk=survey.pk)


@login_required
@require_POST
def text_review(request, pk):
    answer = get_object_or_404(TextAnswer.objects.select_related("item__survey__klass"), pk=pk)
    survey = _visible_survey(request, answer.item.survey_id)
    try:
        services.review_text(actor=request.user, answer=answer, publish=request.POST.get("publish") == "1")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("lecturers:survey_detail", pk=survey.pk)


@never_cache
def survey_answer(request, key: str):
    """The learner's form, opened from the class QR code; no login, the slip's code is the ticket."""
    survey = get_object_or_404(Survey.objects.select_related("klass", "template"), public_key=key)
    items = list(survey.items.select_related("question"))
    context = {"survey": survey, "items": items, "scale": range(1, survey.template.scale_max + 1),
               "values": {}, "errors": {}, "code": request.GET.get("code", "")}
    if survey.status != Survey.Status.OPEN:
        return render(request, "lecturers/survey_answer.html", {**context, "closed": True})
    if request.method == "POST":
        answers = {item.pk: request.POST.get(f"item_{item.pk}", "") for item in items}
        code = request.POST.get("code", "")
        try:
            outcome = services.submit_answers(survey=survey, code=code, answers=answers, items=items,
                                              confirm_incomplete=request.POST.get("confirm") == "1")
        except ValidationError as error:
            context.update(values={f"item_{k}": v for k, v in answers.items()}, errors=error.message_dict, code=code)
            return render(request, "lecturers/survey_answer.html", context, status=400)
        if outcome.needs_confirmation:
            context.update(values={f"item_{k}": v for k, v in answers.items()}, code=code, confirm=outcome.unanswered)
            return render(request, "lecturers/survey_answer.html", context)
        return render(request, "lecturers/survey_thanks.html", {"survey": survey, "counted": outcome.counted})
    return render(request, "lecturers/survey_answer.html", context)


@login_required
def lecturer_feedback(request, pk: int):
    lecturer = visible_lecturer(request, pk)
    scope = scope_of(request.user)
    own = permissions.sees_own_lecturer_record(scope, lecturer.person_id)
    centre_ids = None if (scope.sees_everything or own) else scope.person_centre_ids
    results = lecturer_results(lecturer.person_id, centre_ids=centre_ids)
    n = sum(a.n for a in results)
    total = sum(a.total for a in results)
    return render(request, "lecturers/lecturer_feedback.html", {
        "lecturer": lecturer, "results": results, "overall": round(total / n, 2) if n else None, "answers": n})


@login_required
def centre_feedback(request):
    require_staff(request.user)
    centres = list(centres_of_people(request.user).values_list("pk", "name"))
    try:
        centre_id = int(request.GET.get("centre") or (centres[0][0] if centres else 0))
    except ValueError:
        centre_id = 0
    if centre_id and centre_id not in dict(centres):
        raise Http404
    results = centre_results([centre_id]) if centre_id else {"lecturers": [], "topics": [], "sections": []}
    if request.GET.get("format") == "xlsx":
        return file_response(centre_feedback_workbook(dict(centres).get(centre_id, ""), results),
                             "ket-qua-khao-sat.xlsx", XLSX)
    return render(request, "lecturers/centre_feedback.html", {
        "centres": centres, "centre_id": centre_id, "results": results})


@login_required
def province_feedback(request):
    scope = scope_of(request.user)
    if not scope.supervises_some_province:
        raise PermissionDenied
    centres = Centre.objects.visible_to(request.user).filter(status=Centre.Status.ACTIVE).order_by("name")
    return render(request, "lecturers/province_feedback.html",
                  {"results": province_results(centres.values_list("pk", "name"))})




@login_required
def survey_templates(request):
    if not permissions.sees_rules(scope_of(request.user)):
        raise PermissionDenied
    return render(request, "lecturers/survey_templates.html", {
        "templates": SurveyTemplate.objects.prefetch_related("questions"),
        "can_edit": permissions.manages_national_rules(scope_of(request.user))})


@login_required
def survey_template_new_version(request, pk: int):
    """A new version of a form, starting from the one it replaces (surveys already opened keep theirs)."""
    if not permissions.manages_national_rules(scope_of(request.user)):
        raise PermissionDenied
    previous = get_object_or_404(SurveyTemplate, pk=pk)
    form = SurveyTemplateForm(request.POST or None, instance=SurveyTemplate.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_survey_template(actor=request.user, template=form.save(commit=False),
                                          questions=form.question_rows(), previous=previous)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("New version of the survey form saved."))
            return redirect("lecturers:survey_templates")
    return render(request, "core/form_page.html", {"form": form, "title": _("New version of the survey form"),
                                                   "object": previous})
