"""Enumerations of the programme catalogue. Kept apart from the models so importers and the API share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    POLITICAL_THEORY = "political_theory", _("political theory")
    PARTY_WORK = "party_work", _("party work")
    STATE_MANAGEMENT = "state_management", _("state management")
    FRONT_MASS = "front_mass", _("Fatherland Front and mass organisations")
    DEFENCE_SECURITY = "defence_security", _("defence and security")
    KNOWLEDGE_UPDATE = "knowledge_update", _("knowledge update")
    LOCAL_PARTY_HISTORY = "local_party_history", _("local party history")


class OrganiserKind(models.TextChoices):
    CENTRE = "centre", _("political centre")
    PROVINCIAL_SCHOOL = "provincial_school", _("provincial political school")


class PartyAudience(models.TextChoices):
    """Whether party members belong to a programme's audience. Enrolling someone outside it is a warning
    that needs a reason, not a refusal: the programme's own rules decide, centres may have good cause."""

    ANYONE = "anyone", _("party members and persons not yet admitted")
    NON_MEMBERS = "non_members", _("persons not yet admitted to the party (candidates for admission)")
    MEMBERS = "members", _("party members only")


class ProgrammeStatus(models.TextChoices):
    ACTIVE = "active", _("in use")
    RETIRED = "retired", _("retired")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")
    SUPERSEDED = "superseded", _("superseded")
    RETIRED = "retired", _("retired")


class GradingScheme(models.TextChoices):
    TEN_POINT = "ten_point", _("10-point scale with classification")
    PASS_FAIL = "pass_fail", _("pass / fail")


class CertificateType(models.TextChoices):
    CERTIFICATE = "certificate", _("certificate of completion")
    GRADUATION_CERTIFICATE = "graduation_certificate", _("graduation certificate")
    DIPLOMA = "diploma", _("diploma of the provincial school")
    ATTENDANCE = "attendance", _("attendance record")
    NONE = "none", _("none")


class AssessmentKind(models.TextChoices):
    ESSAY = "essay", _("essay")
    TEST = "test", _("test")
    EXAM = "exam", _("exam")


class Classification(models.TextChoices):
    EXCELLENT = "excellent", _("excellent")
    VERY_GOOD = "very_good", _("very good")
    GOOD = "good", _("good")
    AVERAGE = "average", _("average")
    FAIL = "fail", _("fail")


class PrerequisiteKind(models.TextChoices):
    PROGRAMME_COMPLETED = "programme_completed", _("another programme completed")
    PARTY_ADMISSION_WINDOW = "party_admission_window", _("within months of party admission")


class Coverage(models.TextChoices):
    EQUIVALENT = "equivalent", _("equivalent")
    PARTIAL = "partial", _("partly covers")


class OverlapVerdict(models.TextChoices):
    REAL = "real", _("real overlap")
    NOT_OVERLAP = "not_overlap", _("not an overlap")


class OverlapDecision(models.TextChoices):
    MERGE = "merge", _("merge")
    SHORTEN = "shorten", _("shorten")
    KEEP = "keep", _("keep")
