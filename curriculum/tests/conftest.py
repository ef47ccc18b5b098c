from __future__ import annotations

from decimal import Decimal

import pytest

from curriculum.catalogue import load_catalogue
from curriculum.catalogue_data import DEFAULT_BANDS
from curriculum.models import Programme
from curriculum.services import write_version
from curriculum.validation import VersionContent


def make_content(topics=((4, 1, 0), (3, 1, 0)), *, titles=None, weights=(100,), bands=DEFAULT_BANDS,
                 prerequisites=(), total=None) -> VersionContent:
    rows = [
        {"code": f"CĐ{i}", "title": (titles[i - 1] if titles else f"Chuyên đề số {i}"), "outline": "", "keywords": "",
         "lecture_periods": lec, "discussion_periods": dis, "fieldwork_periods": fw}
        for i, (lec, dis, fw) in enumerate(topics, start=1)
    ]
    header = {"label": "", "issuer": "Ban Tuyên giáo", "document_number": "01-HD/BTG", "document_date": None,
              "effective_from": None, "effective_to": None, "duration": "2 ngày",
              "total_periods": sum(sum(t) for t in topics) if total is None else total,
              "grading_scheme": "ten_point", "max_absence_percent": Decimal(20), "min_final_score": Decimal(5),
              "certificate_type": "certificate", "provisional": False, "notes": ""}
    components = [{"kind": "essay", "name": f"Bài {i}", "weight": Decimal(w), "required": True}
                  for i, w in enumerate(weights, start=1)]
    band_rows = [{"classification": c, "min_score": Decimal(lo), "max_score": Decimal(hi), "passing": p}
                 for c, lo, hi, p in bands]
    return VersionContent(header, rows, components, band_rows, list(prerequisites))


def make_programme(code, *, owner_centre=None, owner_province=None, organiser_kind="centre", publish=True,
                   content=None, name=None):
    programme = Programme.objects.create(code=code, name=name or f"Chương trình {code}", category="party_work",
                                         owner_centre=owner_centre, owner_province=owner_province,
                                         organiser_kind=organiser_kind)
    version = write_version(actor=None, programme=programme, content=content or make_content(), publish=publish)
    return programme, version


@pytest.fixture
def catalogue(db):
    load_catalogue()
    return {p.code: p for p in Programme.objects.all()}


@pytest.fixture
def local_programme(world):
    """A local party-history programme of centre A, visible only in A's scope."""
    return make_programme("LSDB-A", owner_centre=world.centre_a, name="Lịch sử Đảng bộ xã Yên Sơn")
