"""Workflows of learner feedback: open a survey, take a learner's answers, review free text, close."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import scope_of
from core import audit
from core.models import AuditEvent
from lecturers import permissions
from lecturers.models import (
    RatingCount,
    Section,
    Survey,
    SurveyCode,
    SurveyItem,
    SurveyTemplate,
    TemplateQuestion,
    TextAnswer,
)
from training.models import Enrolment, Session

# Letters and digits that cannot be misread on a slip (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def template_in_force(on=None) -> SurveyTemplate | None:
    on = on or timezone.localdate()
    return (SurveyTemplate.objects.filter(valid_from__lte=on).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
            .order_by("-valid_from", "-version").first())


def _new_codes(count: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)))
    taken = set(SurveyCode.objects.filter(code__in=codes).values_list("code", flat=True))
    return list(codes - taken) + (_new_codes(len(taken)) if taken else [])


@transaction.atomic
def open_survey(*, actor, klass, template: SurveyTemplate | None = None) -> Survey:
    """A survey for the class, with one one-time code per learner enrolled."""
    if not permissions.manages_lecturer_records(scope_of(actor), klass.centre_id):
        raise PermissionDenied
    template = template or template_in_force()
    if template is None:
        raise ValidationError({"template": _("No survey template is in force.")})
    learners = Enrolment.objects.filter(klass=klass, status=Enrolment.Status.ENROLLED).count()
    if learners == 0:
        raise ValidationError({"klass": _("The class has no learners: a survey cannot be opened.")})
    if Survey.objects.filter(klass=klass, status=Survey.Status.OPEN).exists():
        raise ValidationError({"klass": _("The class already has an open survey.")})
    survey = Survey.objects.create(klass=klass, template=template, learners=learners, opened_by=actor)
    pairs = list(
        Session.objects.filter(klass=klass, lecturer__isnull=False)
        .values_list("lecturer_id", "lecturer__person__family_name", "lecturer__person__middle_name",
                     "lecturer__person__given_name", "topic_id", "topic__title")
        .distinct().order_by("topic__order", "lecturer_id")
    )
    seen_pairs = []
    for lecturer_id, family, middle, given, topic_id, title in pairs:
        if (lecturer_id, topic_id) not in {(p[0], p[1]) for p in seen_pairs}:
            name = " ".join(p for p in (family, middle, given) if p)
            seen_pairs.append((lecturer_id, topic_id, f"{name} – {title}" if title else name))
    items = []
    order = 0
    for question in template.questions.all():
        if question.section == Section.LECTURER:
            for lecturer_id, topic_id, label in seen_pairs:
                order += 1
                items.append(SurveyItem(survey=survey, order=order, question=question, kind=question.kind,
                                        section=question.section, lecturer_id=lecturer_id, topic_id=topic_id,
                                        label=label))
        else:
            order += 1
            items.append(SurveyItem(survey=survey, order=order, question=question, kind=question.kind,
                                    section=question.section))
    items = SurveyItem.objects.bulk_create(items)
    if not any(i.pk for i in items):  # databases that return no keys from bulk_create
        items = list(survey.items.all())
    RatingCount.objects.bulk_create(
        RatingCount(item=item, score=score) for item in items if item.kind == TemplateQuestion.Kind.RATING
        for score in range(1, template.scale_max + 1)
    )
    SurveyCode.objects.bulk_create(SurveyCode(survey=survey, code=code) for code in _new_codes(learners))
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=survey,
                 after={"class": klass.pk, "template": template.pk, "learners": learners})
    return survey


@dataclass(frozen=True)
class Outcome:
    counted: bool
    unanswered: int = 0
    needs_confirmation: bool = False


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def submit_answers(*, survey: Survey, code: str, answers: dict[int, str], confirm_incomplete: bool = False,
                   items: list[SurveyItem] | None = None) -> Outcome:
    """A learner's form. `answers` maps item ids to the raw values typed or chosen.

    Refused, with nothing written: a closed survey, an unknown or used code, a code of another class,
    a score outside the scale. A form with more unanswered scores than the template allows is shown
    back once; confirmed, it uses the code but counts nothing.
    """
    errors: dict[str, list[str]] = {}
    if survey.status != Survey.Status.OPEN:
        raise ValidationError({"code": _("This survey is closed.")})
    code = normalise_code(code)
    found = SurveyCode.objects.filter(code=code).values_list("survey_id", "used").first() if code else None
    if found is None:
        errors["code"] = [_("Enter the code printed on your slip.") if not code else _("This code does not exist.")]
    elif found[0] != survey.pk:
        errors["code"] = [_("This code belongs to another class.")]
    elif found[1]:
        errors["code"] = [_("This code has already been used.")]
    items = items if items is not None else list(survey.items.select_related("question"))
    template = survey.template
    ratings: list[tuple[int, int]] = []
    texts: list[tuple[int, str]] = []
    unanswered = 0
    rating_items = 0
    for item in items:
        raw = (answers.get(item.pk) or "").strip()
        if item.kind == TemplateQuestion.Kind.RATING:
            rating_items += 1
            if not raw:
                unanswered += 1
                continue
            try:
                score = int(raw)
            except ValueError:
                score = -1
            if not 1 <= score <= template.scale_max:
                errors[f"item_{item.pk}"] = [
                    _("“%(question)s”: give a score from 1 to %(max)d.") % {
                        "question": item.label or item.question.text, "max": template.scale_max}]
                continue
            ratings.append((item.pk, score))
        elif raw:
            texts.append((item.pk, raw[:2000]))
    if errors:
        raise ValidationError(errors)
    valid = rating_items == 0 or unanswered * 100 <= template.max_unanswered_percent * rating_items
    if not valid and not confirm_incomplete:
        return Outcome(counted=False, unanswered=unanswered, needs_confirmation=True)
    with transaction.atomic():
        # Submissions to one survey take its row first, so concurrent ones queue instead of locking
        # the counters in different orders (a deadlock on PostgreSQL).
        Survey.objects.select_for_update().filter(pk=survey.pk).values_list("pk", flat=True).first()
        if not SurveyCode.objects.filter(code=code, survey=survey, used=False).update(used=True):
            raise ValidationError({"code": _("This code has already been used.")})
        if valid:
            if ratings:
                match = functools.reduce(operator.or_, (Q(item_id=i, score=s) for i, s in ratings))
                RatingCount.objects.filter(match).update(count=F("count") + 1)
                SurveyItem.objects.filter(pk__in=[i for i, _s in ratings]).update(
                    answers=F("answers") + 1,
                    score_total=F("score_total") + Case(*(When(pk=i, then=Value(s)) for i, s in ratings),
                                                        output_field=IntegerField()))
            if texts:
                TextAnswer.objects.bulk_create(TextAnswer(item_id=i, text=t) for i, t in texts)
            Survey.objects.filter(pk=survey.pk).update(valid_forms=F("valid_forms") + 1)
        else:
            Survey.objects.filter(pk=survey.pk).update(invalid_forms=F("invalid_forms") + 1)
    return Outcome(counted=valid, unanswered=unanswered)


@transaction.atomic
def close_survey(*, actor, survey: Survey) -> Survey:
    if not permissions.manages_lecturer_records(scope_of(actor), survey.klass.centre_id):
        raise PermissionDenied
    if survey.status == Survey.Status.CLOSED:
        return survey
    survey.status = Survey.Status.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=survey, before={"status": "open"},
                 after={"status": "closed", "valid_forms": survey.valid_forms, "invalid_forms": survey.invalid_forms})
    return survey


@transaction.atomic
def review_text(*, actor, answer: TextAnswer, publish: bool) -> None:
    survey = answer.item.survey
    if not permissions.manages_lecturer_records(scope_of(actor), survey.klass.centre_id):
        raise PermissionDenied
    if not survey.results_visible:
        raise ValidationError(_("Free text is reviewed once enough learners have answered."))
    status = TextAnswer.Status.PUBLISHED if publish else TextAnswer.Status.HIDDEN
    TextAnswer.objects.filter(pk=answer.pk).update(status=status)
    audit.record(actor=actor, action=AuditEvent.Action.APPROVE if publish else AuditEvent.Action.ARCHIVE, obj=survey,
                 after={"text": str(answer.pk), "status": status}, reason=_("free-text review"))


@transaction.atomic
def save_survey_template(*, actor, template: SurveyTemplate, questions: list[tuple[str, str, str]],
                         previous: SurveyTemplate | None = None) -> SurveyTemplate:
    """A new version of the feedback form; the version it replaces ends the day before (surveys keep theirs)."""
    if not permissions.manages_national_rules(scope_of(actor)):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if template.min_answers < 1:
        errors.setdefault("min_answers", []).append(_("At least one answer is needed before results are shown."))
    for field in ("min_share_percent", "max_unanswered_percent"):
        if not 0 <= getattr(template, field) <= 100:
            errors.setdefault(field, []).append(_("A share is between 0 and 100 %."))
    if not questions or not any(kind == TemplateQuestion.Kind.RATING for _s, kind, _t in questions):
        errors.setdefault("questions", []).append(_("The form needs at least one scored question."))
    for number, (section, kind, text) in enumerate(questions, start=1):
        if section not in Section.values or kind not in TemplateQuestion.Kind.values or not text:
            errors.setdefault("questions", []).append(
                _("Line %(n)d: write section; kind; question with a known section and kind.") % {"n": number})
    if previous is not None and template.valid_from <= previous.valid_from:
        errors.setdefault("valid_from", []).append(_("A new version starts after the version it replaces."))
    if errors:
        raise ValidationError(errors)
    if previous is not None:
        template.version = previous.version + 1
        before = audit.snapshot(previous)
        previous.valid_to = template.valid_from - dt.timedelta(days=1)
        previous.save(update_fields=["valid_to", "updated_at"])
        audit.record(actor=actor, action=AuditEvent.Action.UPDATE, obj=previous, before=before,
                     after=audit.snapshot(previous), reason=_("replaced by a new version"))
    template.pk = None
    template.is_editable_default = False
    template.save()
    TemplateQuestion.objects.bulk_create(TemplateQuestion(template=template, order=n, section=s, kind=k, text=t)
                                         for n, (s, k, t) in enumerate(questions, start=1))
    audit.record(actor=actor, action=AuditEvent.Action.CREATE, obj=template,
                 after={**audit.snapshot(template), "questions": [list(q) for q in questions]})
    return template
