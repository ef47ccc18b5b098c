"""Overlap pages: the catalogue-wide review, a version's overlaps, an explained pair, the matrix,
the Excel export, recording a decision, and the detector's rules."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.services import require
from curriculum import overlap_services, services
from curriculum.choices import ProgrammeStatus
from curriculum.forms import EquivalentTermForm, OverlapSettingsForm, ReviewForm, StopPhraseForm
from curriculum.models import EquivalentTerm, OverlapSettings, Programme, StopPhrase, Topic
from curriculum.overlap_explain import explain_pair
from curriculum.overlap_export import review_workbook
from curriculum.overlap_report import current_versions, overlap_matrix, overlap_report, periods_saved, version_overlaps
from curriculum.permissions import (
    can_analyse_version,
    can_edit_overlap_rules,
    can_review_overlaps,
    can_view_overlaps,
)
from curriculum.views.common import flash_errors, version_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _threshold(value) -> float | None:
    try:
        return min(max(float(str(value).replace(",", ".")), 0.05), 1.0)
    except (TypeError, ValueError):
        return None


def review_context(user) -> dict:
    return {"can_review": can_review_overlaps(user), "verdicts": ReviewForm.base_fields["verdict"].choices,
            "decisions": ReviewForm.base_fields["decision"].choices}


def _report(request):
    require(can_view_overlaps(request.user))
    selected = [int(v) for v in request.GET.getlist("programme") if v.isdigit()]
    report = overlap_report(user=request.user, programme_ids=selected or None,
                            threshold=_threshold(request.GET.get("threshold")))
    return report, selected


@login_required
def overlap_page(request):
    report, selected = _report(request)
    programmes = Programme.objects.visible_to(request.user).filter(status=ProgrammeStatus.ACTIVE)
    return render(request, "curriculum/overlap_report.html", {
        "report": report, "programmes": programmes, "selected": set(selected), "threshold": report.threshold,
        "query": request.GET.urlencode(), **review_context(request.user),
    })


@login_required
def overlap_export(request):
    report, _selected = _report(request)
    response = HttpResponse(review_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ra-soat-trung-lap.xlsx"'
    return response


@login_required
def overlap_matrix_page(request):
    report, selected = _report(request)
    matrix = overlap_matrix(report)
    versions = current_versions(matrix.programmes)
    saved = periods_saved(versions.values())
    rows = [(row, versions.get(row.programme.pk), saved.get(getattr(versions.get(row.programme.pk), "pk", None), 0))
            for row in matrix.rows]
    return render(request, "curriculum/overlap_matrix.html", {
        "report": report, "matrix": matrix, "rows": rows, "query": request.GET.urlencode(),
    })


@login_required
def overlap_pair(request, a, b):
    require(can_view_overlaps(request.user))
    topics = Topic.objects.visible_to(request.user).select_related("version__programme")
    topic_a = get_object_or_404(topics, pk=a)
    topic_b = get_object_or_404(topics, pk=b)
    if topic_a.pk == topic_b.pk:
        raise Http404
    explanation = explain_pair(user=request.user, a=topic_a, b=topic_b)
    return render(request, "curriculum/overlap_pair.html", {
        "x": explanation, "pair": explanation.pair, **review_context(request.user),
    })


def _back(request, fallback: str) -> str:
    back = request.POST.get("next", "")
    if back.startswith("/programmes/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return fallback


@login_required
@require_POST
def overlap_review(request):
    require(can_review_overlaps(request.user))
    form = ReviewForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.review_overlap(actor=request.user, topic_a=data["topic_a"], topic_b=data["topic_b"],
                                    verdict=data["verdict"], decision=data["decision"], note=data["note"],
                                    score=data.get("score"), periods_saved=data.get("periods_saved") or None,
                                    saved_topic=form.saved_topic())
        except ValidationError as exc:
            flash_errors(request, exc)
        else:
            messages.success(request, _("Review saved."))
    else:
        if form.errors.get("topic_a") or form.errors.get("topic_b"):
            raise Http404
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(_back(request, reverse("curriculum:overlap_report")))


def _version_report(request, pk):
    version = version_or_404(request.user, pk)
    require(can_analyse_version(request.user, version))
    return version, version_overlaps(user=request.user, version=version,
                                     threshold=_threshold(request.GET.get("threshold")))


@login_required
def version_overlaps_page(request, pk):
    version, report = _version_report(request, pk)
    return render(request, "curriculum/version_overlaps.html", {
        "version": version, "programme": version.programme, "report": report,
        "periods_saved": periods_saved([version])[version.pk], **review_context(request.user),
    })


@login_required
def version_overlaps_export(request, pk):
    version, report = _version_report(request, pk)
    response = HttpResponse(review_workbook(report), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="trung-lap-{version.programme.code}-v{version.number}.xlsx"'
    return response


# --- the detector's rules --------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def overlap_rules(request):
    require(can_review_overlaps(request.user) or can_edit_overlap_rules(request.user))
    editable = can_edit_overlap_rules(request.user)
    phrase_form = StopPhraseForm(prefix="phrase")
    term_form = EquivalentTermForm(prefix="term")
    in_force = OverlapSettings.objects.in_force()
    settings_form = OverlapSettingsForm(prefix="settings", instance=None, initial={
        "threshold": getattr(in_force, "threshold", None), "title_weight": getattr(in_force, "title_weight", None),
        "keyword_weight": getattr(in_force, "keyword_weight", None),
        "publish_confirm_above": getattr(in_force, "publish_confirm_above", None)})
    if request.method == "POST":
        require(editable)
        action = request.POST.get("action")
        try:
            if action == "add":
                phrase_form = StopPhraseForm(request.POST, prefix="phrase")
                if phrase_form.is_valid():
                    overlap_services.add_stop_phrase(actor=request.user, **phrase_form.cleaned_data)
                    messages.success(request, _("Stop phrase added."))
                    return redirect("curriculum:overlap_rules")
            elif action in ("enable", "disable", "delete"):
                stop = get_object_or_404(StopPhrase, pk=request.POST.get("stop"))
                if action == "delete":
                    overlap_services.delete_stop_phrase(actor=request.user, stop=stop)
                    messages.success(request, _("Stop phrase deleted."))
                else:
                    overlap_services.set_stop_phrase_active(actor=request.user, stop=stop, active=action == "enable")
                    messages.success(request, _("Stop phrase updated."))
                return redirect("curriculum:overlap_rules")
            elif action == "add_term":
                term_form = EquivalentTermForm(request.POST, prefix="term")
                if term_form.is_valid():
                    overlap_services.add_equivalent_term(actor=request.user, **term_form.cleaned_data)
                    messages.success(request, _("Equivalent term added."))
                    return redirect("curriculum:overlap_rules")
            elif action in ("enable_term", "disable_term", "delete_term"):
                item = get_object_or_404(EquivalentTerm, pk=request.POST.get("term"))
                if action == "delete_term":
                    overlap_services.delete_equivalent_term(actor=request.user, item=item)
                    messages.success(request, _("Equivalent term deleted."))
                else:
                    overlap_services.set_equivalent_term_active(actor=request.user, item=item,
                                                                active=action == "enable_term")
                    messages.success(request, _("Equivalent term updated."))
                return redirect("curriculum:overlap_rules")
            elif action == "settings":
                settings_form = OverlapSettingsForm(request.POST, prefix="settings")
                if settings_form.is_valid():
                    overlap_services.record_overlap_settings(actor=request.user, settings=settings_form.save(
                        commit=False))
                    messages.success(request, _("Settings saved."))
                    return redirect("curriculum:overlap_rules")
        except ValidationError as exc:
            flash_errors(request, exc)
    return render(request, "curriculum/overlap_rules.html", {
        "phrases": StopPhrase.objects.all(), "history": OverlapSettings.objects.all(), "in_force": in_force,
        "terms": EquivalentTerm.objects.all(), "term_form": term_form,
        "phrase_form": phrase_form, "settings_form": settings_form, "editable": editable,
    })
