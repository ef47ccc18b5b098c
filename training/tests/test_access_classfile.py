"""Every download of the class file and every list export, as every persona: the staff, supervisors
and viewers of the class's centre get the file, others the refusal the class pages give."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.access import expect, walk
from training.tests.factories.classes import plan
from training.tests.factories.results import approved_class, staff_the_centre

pytestmark = pytest.mark.django_db

# The class of centre A: outside the scope of officer_b and the lecturer (not theirs); learners never
# read office pages of classes (403, as on the class pages).
CLASS_FILE = dict(officer_b=404, lecturer_a=404, learner_a=403)


@pytest.fixture
def klass(world):
    staff_the_centre(world)
    return approved_class(world, learners=2)


def cases(world, klass):
    k = klass.pk
    annual = plan(world.centre_a, year=2026, approved=True)
    downloads = [("class file page", reverse("training:class_file", args=[k]), expect(200, **CLASS_FILE))]
    for kind, formats in (("roster", "pdf xlsx docx"), ("sign-in", "pdf xlsx"), ("attendance", "pdf xlsx"),
                          ("scores", "pdf xlsx"), ("completers", "pdf xlsx docx")):
        for fmt in formats.split():
            downloads.append((f"{kind}.{fmt}", reverse("training:class_file_download", args=[k, kind, fmt]),
                              expect(200, **CLASS_FILE)))
    for fmt in ("pdf", "xlsx", "docx"):
        downloads.append((f"handover.{fmt}", reverse("certificates:handover_download", args=[k, fmt]),
                          expect(200, **CLASS_FILE)))
    downloads += [
        ("class file zip", reverse("certificates:class_file_zip", args=[k]), expect(200, **CLASS_FILE)),
        ("class list xlsx", reverse("training:class_list_export", args=["xlsx"]), expect(200, learner_a=403)),
        ("class list pdf", reverse("training:class_list_export", args=["pdf"]), expect(200, learner_a=403)),
        ("plan xlsx", reverse("training:plan_export", args=[annual.pk, "xlsx"]),
         expect(200, officer_b=404, lecturer_a=403, learner_a=403)),
        ("plan pdf", reverse("training:plan_export", args=[annual.pk, "pdf"]),
         expect(200, officer_b=404, lecturer_a=403, learner_a=403)),
        ("dashboard xlsx", reverse("training:dashboard_export", args=["xlsx"]) + f"?centre={world.centre_a.pk}",
         expect(200, officer_b=404, lecturer_a=403, learner_a=403)),
        ("dashboard pdf", reverse("training:dashboard_export", args=["pdf"]) + f"?centre={world.centre_a.pk}",
         expect(200, officer_b=404, lecturer_a=403, learner_a=403)),
        ("centre heading", reverse("org:centre_heading", args=[world.centre_a.pk]),
         expect(200, officer_b=404, viewer_a=403, lecturer_a=403, learner_a=403)),
    ]
    return downloads


def test_every_class_file_download_as_every_persona(client, world, klass):
    walk(client, world, cases(world, klass))


def test_unknown_kinds_and_formats_are_missing(client, world, klass):
    client.force_login(world.officer_a)
    assert client.get(reverse("training:class_file_download", args=[klass.pk, "nothing", "pdf"])).status_code == 404
    assert client.get(reverse("training:class_file_download", args=[klass.pk, "scores", "docx"])).status_code == 404
