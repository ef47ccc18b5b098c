"""Anonymous learner feedback (phiếu khảo sát ý kiến học viên).

Anonymity is in the schema: a submitted form leaves only counters (how many learners gave each score
to each question) and, for free text, rows keyed by a random UUID with no time, no code and no person.
The one-time codes record only that they were used. Nothing can be joined back to a learner or a code.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

# TT 10/2017/TT-BNV: scale 1–10 read in five bands.
DEFAULT_BANDS = [[0, 2, "kém"], [2, 4, "yếu"], [4, 6, "trung bình"], [6, 8, "khá"], [8, 10, "tốt"]]


def default_bands():
    return [list(b) for b in DEFAULT_BANDS]


class Section(models.TextChoices):
    LECTURER = "lecturer", _("lecturer and topic")
    ORGANISATION = "organisation", _("organisation of the class")
    FACILITIES = "facilities", _("facilities")
    PROGRAMME = "programme", _("programme")
    COMMENTS = "comments", _("comments")


class SurveyTemplate(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=10)
    bands = models.JSONField(_("bands"), default=default_bands)
    min_answers = models.PositiveSmallIntegerField(_("results shown from this many answers"), default=2)
    min_share_percent = models.PositiveSmallIntegerField(_("and this share of the class (%)"), default=20)
    small_class_warning = models.PositiveSmallIntegerField(_("warn when the class has at most"), default=5)
    max_unanswered_percent = models.PositiveSmallIntegerField(_("a form is invalid above this share unanswered (%)"),
                                                              default=5)
    source = models.CharField(_("source"), max_length=250, blank=True)
    is_editable_default = models.BooleanField(_("editable default"), default=False, editable=False)

    class Meta:
        ordering = ["-valid_from", "-version"]
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    def band(self, value) -> str:
        if value is None:
            return ""
        # A score on a boundary belongs to the higher band (6 is "khá"); the top band includes its end.
        for low, _high, label in reversed(self.bands):
            if value >= low:
                return label
        return self.bands[0][2] if self.bands else ""


class TemplateQuestion(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("score")
        TEXT = "text", _("free text")

    template = models.ForeignKey(SurveyTemplate, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    section = models.CharField(_("section"), max_length=20, choices=Section.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.RATING)
    text = models.CharField(_("question"), max_length=300)

    class Meta:
        ordering = ["template", "order"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.text


def _public_key() -> str:
    return secrets.token_urlsafe(12)


class SurveyQuerySet(models.QuerySet):
    def visible_to(self, user):
        from training.models.scoping import class_condition

        condition = class_condition(user, "klass__")
        return self if condition is None else self.filter(condition)


class Survey(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    klass = models.ForeignKey("training.Klass", verbose_name=_("class"), on_delete=models.PROTECT,
                              related_name="surveys")
    template = models.ForeignKey(SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT,
                                 related_name="surveys")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    public_key = models.CharField(max_length=32, unique=True, default=_public_key, editable=False)
    learners = models.PositiveIntegerField(_("learners in the class when opened"))
    valid_forms = models.PositiveIntegerField(_("forms counted"), default=0)
    invalid_forms = models.PositiveIntegerField(_("forms not counted"), default=0)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["klass"], condition=Q(status="open"),
                                               name="one_open_survey_per_class")]
        verbose_name = _("feedback survey")
        verbose_name_plural = _("feedback surveys")

    def __str__(self) -> str:
        return f"{self.klass_id} {self.get_status_display()}"

    @property
    def answered(self) -> int:
        return self.valid_forms

    @property
    def results_visible(self) -> bool:
        t = self.template
        return self.valid_forms >= t.min_answers and self.valid_forms * 100 >= t.min_share_percent * self.learners

    @property
    def small_class(self) -> bool:
        return self.learners <= self.template.small_class_warning


class SurveyItem(models.Model):
    """One question as this survey asks it: lecturer questions once per lecturer and topic of the class."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField()
    question = models.ForeignKey(TemplateQuestion, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=TemplateQuestion.Kind.choices)
    section = models.CharField(max_length=20, choices=Section.choices)
    lecturer = models.ForeignKey("people.Lecturer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="survey_items")
    topic = models.ForeignKey("curriculum.Topic", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=300, blank=True)
    # Running sums of the counted scores (the counters below hold their distribution).
    answers = models.PositiveIntegerField(default=0)
    score_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["survey", "order"]
        indexes = [models.Index(fields=["lecturer", "kind"])]

    def __str__(self) -> str:
        return self.question.text


class SurveyCode(models.Model):
    """A one-time code printed on a slip. It records only whether it was used, never by whom or when."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=12, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class RatingCount(models.Model):
    """How many counted forms gave `score` to an item: the only trace a rating leaves."""

    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="counts")
    score = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "score"], name="one_counter_per_score")]

    def __str__(self) -> str:
        return f"{self.score}: {self.count}"


class TextAnswer(models.Model):
    """A free-text answer; its random key reveals no order and it carries no time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        PUBLISHED = "published", _("published")
        HIDDEN = "hidden", _("hidden")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(SurveyItem, on_delete=models.CASCADE, related_name="texts")
    text = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]
