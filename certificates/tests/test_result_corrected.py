"""A certificate whose learner's result was corrected after it was issued is flagged for the staff."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from certificates import services
from certificates.selectors import result_corrected
from training.models import Score
from training.results import services as results_services
from training.tests.factories.results import approved_class


def test_a_corrected_result_flags_the_certificate(client, world):
    klass = approved_class(world, learners=2, scores=[[9, 9], [8, 8]])
    issued = services.issue_certificates(actor=world.officer_a, klass=klass, issued_on=dt.date(2026, 3, 20))
    assert not any(result_corrected(c) for c in issued)
    first = issued[0]
    score = Score.objects.filter(enrolment=first.enrolment).first()
    results_services.correct_score(actor=world.officer_a, score=score, value="2", reason="Chấm lại")
    assert result_corrected(first.__class__.objects.get(pk=first.pk))
    client.force_login(world.officer_a)
    page = client.get(reverse("certificates:class_certificates", args=[klass.pk])).content.decode()
    assert page.count('class="badge warn result-corrected"') == 1
    detail = client.get(reverse("certificates:certificate_detail", args=[first.code])).content.decode()
    assert 'result-corrected' in detail
