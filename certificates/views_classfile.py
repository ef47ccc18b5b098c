"""Downloads of the class file that need the certificates: the hand-over list and the whole ZIP."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.views.decorators.http import require_GET

from certificates.classfile import class_file_zip, handover_list
from training.documents.party import audience_for
from training.documents.views import attachment, class_for_file


@login_required
@require_GET
def handover_download(request, pk: int, fmt: str):
    klass = class_for_file(request, pk)
    if not klass.results_locked:
        raise Http404
    document = handover_list(klass, audience_for(request.user), request.GET.get("signer"))
    return attachment(*document.file(fmt))


@login_required
@require_GET
def class_file_download_zip(request, pk: int):
    klass = class_for_file(request, pk)
    content, filename = class_file_zip(klass, audience_for(request.user), request.GET.get("signer"))
    return attachment(content, filename, "application/zip")
