"""Pages for certificates: a class's certificates, batches, revocation, the register book, the public check."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.scope import scope_of
from certificates import permissions, selectors, services
from certificates.models import Certificate
from certificates.rendering import certificate_filename, render_register_book_pdf, render_register_book_xlsx
from core.forms import DateField, ReasonForm
from core.http import client_address
from core.views import apply_validation_error, flash_error
from training.models import Klass
from training.models.scoping import class_by_key, visible_class_or_404
from training.results.documents import director_name, place_name


def _visible_class(request, pk: int) -> Klass:
    klass = visible_class_or_404(request.user, pk, class_by_key("version__programme", "centre"))
    if not permissions.sees_class_certificates(request.user, klass):
        raise PermissionDenied
    return klass


def _certificate(request, code: str) -> Certificate:
    certificate = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related(
            "register",
            "enrolment__klass__centre",
            "enrolment__person",
            "revoked_by",
            "replaces__register",
        ),
        code=code,
    )
    if not permissions.can_see_certificate(request.user, certificate):
        raise PermissionDenied
    return certificate


# ------------------------------------------------------------------------------ a class's certificates


class IssueForm(forms.Form):
    issued_on = DateField(label=gettext_lazy("Issue date"))
    signer_capacity = forms.CharField(
        label=gettext_lazy("Signing capacity"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("E.g. “KT. GIÁM ĐỐC” when a deputy signs for the director."),
    )
    signer_title = forms.CharField(label=gettext_lazy("Signer's title"), max_length=100, initial="GIÁM ĐỐC")
    signer_name = forms.CharField(label=gettext_lazy("Signer"), max_length=150, required=False)
    place = forms.CharField(label=gettext_lazy("Place"), max_length=100)
    warning_reason = forms.CharField(
        label=gettext_lazy("Reason to continue despite a warning"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed only for an issue date after today; kept in the history."),
    )


@login_required
def class_certificates(request, pk: int):
    klass = _visible_class(request, pk)
    can_issue = permissions.can_issue(request.user, klass)
    form = IssueForm(
        request.POST or None,
        initial={
            "issued_on": timezone.localdate(),
            "signer_name": director_name(klass.centre),
            "place": place_name(klass.centre),
        },
    )
    if request.method == "POST":
        if not can_issue:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                issued = services.issue_certificates(
                    actor=request.user,
                    klass=klass,
                    issued_on=data["issued_on"],
                    signer_title=data["signer_title"],
                    signer_name=data["signer_name"],
                    place=data["place"],
                    signer_capacity=data["signer_capacity"],
                    warning_reason=data["warning_reason"],
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(count)d certificates issued, numbers %(first)s to %(last)s.")
                    % {"count": len(issued), "first": issued[0].number_label, "last": issued[-1].number_label},
                )
                return redirect("certificates:class_certificates", pk=klass.pk)
    found = selectors.class_certificates(klass)
    return render(
        request,
        "certificates/class_certificates.html",
        {
            "klass": klass,
            "rows": found.rows,
            "form": form,
            "can_issue": can_issue and klass.results_locked and found.pending,
            "pending": found.pending,
            "valid_count": found.valid_count,
        },
    )


@login_required
@require_POST
def batch_start(request, pk: int):
    klass = _visible_class(request, pk)
    page = "A5" if request.POST.get("page") == "A5" else "A4"
    state = services.start_batch(actor=request.user, klass=klass, page=page)
    if request.htmx:
        return render(request, "certificates/_batch.html", {"state": state})
    return redirect("certificates:batch", job_id=state.job_id)


@login_required
def batch(request, job_id: str):
    state = services.batch_state(actor=request.user, job_id=job_id)
    klass = _visible_class(request, state.class_id)
    return render(request, "certificates/batch.html", {"state": state, "klass": klass})


@login_required
@require_POST
def batch_step(request, job_id: str):
    state = services.advance_batch(actor=request.user, job_id=job_id)
    if request.htmx:
        return render(request, "certificates/_batch.html", {"state": state})
    return redirect("certificates:batch", job_id=job_id)


@login_required
def batch_download(request, job_id: str, kind: str):
    path, filename = services.batch_file(actor=request.user, job_id=job_id, kind=kind)
    content_type = "application/pdf" if kind == "pdf" else "application/zip"
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename, content_type=content_type)


# ------------------------------------------------------------------------------- one certificate


@login_required
def certificate_detail(request, code: str):
    certificate = _certificate(request, code)
    klass = certificate.enrolment.klass
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            "klass": klass,
            "can_handle": permissions.can_issue(request.user, klass),
            "result_corrected": services.result_corrected(certificate),
            "replaced_by": selectors.replacement_of(certificate),
            "revoke_form": ReasonForm(prefix="revoke"),
            "reissue_form": ReasonForm(prefix="reissue"),
            "verify_url": services.verification_url(certificate.code),
        },
    )


@login_required
@require_POST
def certificate_revoke(request, code: str):
    certificate = _certificate(request, code)
    form = ReasonForm(request.POST, prefix="revoke")
    try:
        # An empty reason is refused by the service, with the message the page shows.
        services.revoke_certificate(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"] if form.is_valid() else ""
        )
    except ValidationError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Certificate %(number)s revoked.") % {"number": certificate.number_label})
    return redirect("certificates:certificate_detail", code=certificate.code)


@login_required
@require_POST
def certificate_reissue(request, code: str):
    certificate = _certificate(request, code)
    form = ReasonForm(request.POST, prefix="reissue")
    try:
        new = services.reissue_certificate(
            actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"] if form.is_valid() else ""
        )
    except ValidationError as error:
        flash_error(request, error)
        return redirect("certificates:certificate_detail", code=certificate.code)
    messages.success(request, _("Re-issued as certificate %(number)s.") % {"number": new.number_label})
    return redirect("certificates:certificate_detail", code=new.code)


@login_required
def download_certificate(request, code: str):
    """A learner downloads their own certificate; staff in scope download any of the centre's."""
    certificate = _certificate(request, code)
    if certificate.status != Certificate.Status.VALID:
        raise Http404
    pdf = services.render_single(certificate, personal_data=scope_of(request.user).sees_personal_data)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(certificate.number_label)}"'
    return response


# --------------------------------------------------------------------------- the public check


def _throttled(request):
    if services.allow_lookup(client_address(request)):
        return None
    response = render(request, "certificates/verify.html", {"throttled": True}, status=429)
    response["Retry-After"] = "60"
    return response


def verify(request):
    """The page a verifier types a code into (no login)."""
    code = request.GET.get("code", "").strip()
    if code:
        return redirect("certificates:verify_code", code=services.normalise_code(code) or "-")
    number, name = request.GET.get("number", "").strip(), request.GET.get("name", "").strip()
    if number or name:
        throttled = _throttled(request)
        if throttled:
            return throttled
        result = services.lookup_by_number(number, name)
        response = render(request, "certificates/verify.html", {"result": result, "number": number, "name": name},
                          status=404 if result.status == "unknown" else 200)
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
    return render(request, "certificates/verify.html", {})


def verify_code(request, code: str):
    """The page a certificate's QR code opens (no login)."""
    throttled = _throttled(request)
    if throttled:
        return throttled
    result = services.lookup(code)
    response = render(
        request, "certificates/verify.html", {"result": result}, status=404 if result.status == "unknown" else 200
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# -------------------------------------------------------------------------------- the register book


@login_required
def register_list(request):
    if not permissions.sees_registers(request.user):
        raise PermissionDenied
    page = Paginator(selectors.register_summaries(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "certificates/register_list.html", {"page_obj": page, "registers": page.object_list})


@login_required
def register_detail(request, pk: int):
    register = get_object_or_404(selectors.registers_for(request.user), pk=pk)
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.register_certificates(register, query), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/register_detail.html",
        {
            "register": register,
            "page_obj": page,
            "certificates": page.object_list,
            "q": query,
            "page_query": urlencode({"q": query}) if query else "",
        },
    )


@login_required
def register_download(request, pk: int, fmt: str):
    register = get_object_or_404(selectors.registers_for(request.user), pk=pk)
    personal = scope_of(request.user).sees_personal_data
    entries = services.register_entries(register, personal_data=personal)
    heading = services.register_heading(register, request.GET.get("signer"))
    stem = f"so-cap-GCN-{register.centre.code}-{register.year}"
    if fmt == "xlsx":
        body = render_register_book_xlsx(entries, heading=heading, personal_data=personal)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = render_register_book_pdf(entries, heading=heading, personal_data=personal)
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response
