"""Pages for a class's results: the score grid, approval, corrections, the recognition decision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.documents import render_docx, render_pdf
from core.views import apply_validation_error, flash_error
from training.documents.party import audience_for
from training.models import Enrolment, Klass, Score
from training.models.scoping import class_by_key, visible_class_or_404
from training.permissions import directs_class, edits_class, sees_class_people
from training.results import selectors
from training.results import services as services
from training.results.documents import recognition_document
from training.results.forms import CorrectionForm, RecognitionForm
from training.results.markup import score_rows


def visible_class(request, pk: int) -> Klass:
    """A class the user may see, with what the results pages read (404 when out of scope)."""
    klass = visible_class_or_404(request.user, pk, class_by_key("version__programme", "centre"))
    if not sees_class_people(request.user, klass):
        raise PermissionDenied
    return klass


def _cell_labels(klass: Klass, entries: dict) -> dict:
    """The words naming each posted cell in messages: its row, the learner and the component (two queries)."""
    learners = {pk: (index, name) for index, (pk, name) in enumerate(selectors.grid_learners(klass), start=1)}
    components = dict(klass.version.components.values_list("pk", "name"))
    labels = {}
    for enrolment_id, component_id in entries:
        if enrolment_id in learners and component_id in components:
            index, name = learners[enrolment_id]
            labels[(enrolment_id, component_id)] = _("Row %(row)d (%(name)s), %(component)s") % {
                "row": index, "name": name, "component": components[component_id],
            }
    return labels


def _posted_entries(post) -> dict:
    entries = {}
    for key, value in post.items():
        parts = key.split("-")
        if len(parts) == 3 and parts[0] == "s" and parts[1].isdigit() and parts[2].isdigit():
            entries[(int(parts[1]), int(parts[2]))] = value
    return entries


@login_required
def results_grid(request, pk: int):
    klass = visible_class(request, pk)
    can_edit = edits_class(request.user, klass)
    posted, errors = None, {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        entries = _posted_entries(request.POST)
        try:
            summary = services.record_scores(
                actor=request.user, klass=klass, entries=entries, labels=_cell_labels(klass, entries)
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {key: [m for e in errs for m in e.messages] for key, errs in error.error_dict.items()}
            else:
                flash_error(request, error)
            posted = request.POST
            messages.error(request, _("Nothing was saved: correct the cells marked in red."))
        else:
            messages.success(
                request,
                _("Scores saved: %(created)d new, %(updated)d changed.")
                % {"created": summary.created, "updated": summary.updated},
            )
            return redirect("training:results_grid", pk=klass.pk)
    editable = can_edit and not klass.results_locked and klass.status in services.EDITABLE_STATUSES
    can_correct = can_edit and klass.results_locked
    components = selectors.grid_components(klass)
    rows = selectors.score_grid(klass, components)
    # The thousand cells of a 200-learner class are built in one pass (training/results/markup.py), not
    # tag by tag by the template engine.
    correct_base = reverse("training:score_correct", args=[klass.pk, 1, 1])[: -len("1/1/")] if can_correct else ""
    context = {
        "klass": klass,
        "class_url": reverse("training:class_detail", args=[klass.pk]),
        "components": components,
        "rows": rows,
        "score_rows": score_rows(rows, components, editable=editable, posted=posted, errors=errors,
                                 correct_base=correct_base),
        "editable": editable,
        "can_correct": can_correct,
        "can_approve": directs_class(request.user, klass) and klass.status == Klass.Status.IN_PROGRESS,
        "approval_warnings": services.approval_warnings(klass) if klass.status == Klass.Status.IN_PROGRESS else [],
        "completed_count": sum(1 for r in rows if r.completed),
        "error_count": len(errors),
    }
    return render(request, "training/results/grid.html", context, status=400 if errors else 200)


@login_required
@require_POST
def results_approve(request, pk: int):
    klass = visible_class(request, pk)
    try:
        services.approve_results(actor=request.user, klass=klass,
                                 warning_reason=request.POST.get("warning_reason", ""))
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Results approved and locked."))
    return redirect("training:results_grid", pk=klass.pk)


@login_required
def score_correct(request, pk: int, enrolment_id: int, component_id: int):
    klass = visible_class(request, pk)
    if not edits_class(request.user, klass):
        raise PermissionDenied
    enrolment = get_object_or_404(
        Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED).select_related("person"),
        pk=enrolment_id,
    )
    component = get_object_or_404(klass.version.components.all(), pk=component_id)
    score = Score.objects.filter(enrolment=enrolment, component=component).first()
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _score, result = services.correct_score(
                actor=request.user,
                enrolment=enrolment,
                component=component,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Score corrected for %(name)s.") % {"name": enrolment.person.full_name})
            if not result.completed:
                held = enrolment.certificates.valid().select_related("register").first()
                if held is not None:
                    # The certificate is not revoked automatically: revoking is a decision of its own.
                    messages.warning(
                        request,
                        _(
                            "%(name)s no longer completes the programme but holds certificate %(number)s; revoke it if needed."
                        )
                        % {"name": enrolment.person.full_name, "number": held.number_label},
                    )
            return redirect("training:results_grid", pk=klass.pk)
    return render(
        request,
        "training/results/correct.html",
        {
            "klass": klass,
            "class_url": reverse("training:class_detail", args=[klass.pk]),
            "enrolment": enrolment,
            "component": component,
            "score": score,
            "form": form,
        },
    )


@login_required
def recognition_decision(request, pk: int):
    klass = visible_class(request, pk)
    can_edit = edits_class(request.user, klass) and klass.results_locked
    initial = {"number": klass.recognition_decision_number, "date": klass.recognition_decision_date}
    form = RecognitionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.set_recognition_decision(
                    actor=request.user, klass=klass, number=form.cleaned_data["number"], date=form.cleaned_data["date"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Decision saved."))
                return redirect("training:recognition_decision", pk=klass.pk)
    document = recognition_document(klass, audience_for(request.user)) if klass.results_locked else None
    return render(
        request,
        "training/results/recognition.html",
        {
            "klass": klass,
            "class_url": reverse("training:class_detail", args=[klass.pk]),
            "form": form,
            "can_edit": can_edit,
            "document": document,
        },
    )


@login_required
def recognition_download(request, pk: int, fmt: str):
    klass = visible_class(request, pk)
    if not klass.results_locked:
        raise Http404
    document = recognition_document(klass, audience_for(request.user), request.GET.get("signer"))
    stem = f"QD-cong-nhan-{klass.code}"
    if fmt == "docx":
        body = render_docx(document)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        body, content_type = render_pdf(document), "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
