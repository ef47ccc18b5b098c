"""Certificates issued and revoked in the period, by programme."""

from __future__ import annotations

from django.db.models import Count, Q

from certificates.models import Certificate
from reports.sections.base import TOTAL, Col, Frame, TableSection

REVOKED = Certificate.Status.REVOKED


def _base(frame: Frame):
    return Certificate.objects.filter(register__centre_id__in=frame.centre_ids)


def _in_period(frame: Frame) -> Q:
    return Q(issued_on__range=(frame.start, frame.end)) | Q(status=REVOKED, revoked_at__date__range=(frame.start, frame.end))


def certificate_rows(frame: Frame) -> list[dict]:
    issued = Q(issued_on__range=(frame.start, frame.end))
    grouped = (
        _base(frame).filter(_in_period(frame))
        .values("enrolment__klass__version__programme_id", "enrolment__klass__version__programme__name")
        .annotate(
            issued=Count("pk", filter=issued),
            reissued=Count("pk", filter=issued & Q(replaces__isnull=False)),
            revoked=Count("pk", filter=Q(status=REVOKED, revoked_at__date__range=(frame.start, frame.end))),
        )
        .order_by()
    )
    rows = [{"key": str(g["enrolment__klass__version__programme_id"]),
             "label": g["enrolment__klass__version__programme__name"],
             "cells": {"issued": g["issued"], "reissued": g["reissued"], "revoked": g["revoked"]}} for g in grouped]
    return sorted(rows, key=lambda r: r["label"])


def certificate_records(frame: Frame, row_key: str, column: str):
    certificates = _base(frame)
    if row_key != TOTAL:
        certificates = certificates.filter(
            enrolment__klass__version__programme_id=int(row_key) if row_key.isdigit() else -1)
    if column == "revoked":
        certificates = certificates.filter(status=REVOKED, revoked_at__date__range=(frame.start, frame.end))
    else:
        certificates = certificates.filter(issued_on__range=(frame.start, frame.end))
        if column == "reissued":
            certificates = certificates.filter(replaces__isnull=False)
    return "certificates", certificates


CERTIFICATES = TableSection(
    key="certificates",
    title="Giấy chứng nhận đã cấp và thu hồi",
    row_header="Chương trình",
    columns=(
        Col("issued", "Số giấy chứng nhận cấp trong kỳ"),
        Col("reissued", "Trong đó cấp lại"),
        Col("revoked", "Số giấy chứng nhận thu hồi"),
    ),
    compute=certificate_rows,
    records=certificate_records,
)
