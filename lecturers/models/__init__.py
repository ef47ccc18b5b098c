from lecturers.models.feedback import (
    RatingCount,
    Section,
    Survey,
    SurveyCode,
    SurveyItem,
    SurveyTemplate,
    TemplateQuestion,
    TextAnswer,
)
from lecturers.models.load import Coefficient, LoadEntry, LoadPost, NormLine, NormPost, NormTable, YearKind
from lecturers.models.pay import (
    FeeRate,
    FeeTable,
    LecturerRank,
    PaymentLine,
    PaymentSheet,
    Rank,
    SessionConfirmation,
)
from lecturers.models.reports import ClosingReport
from lecturers.models.standards import Requirement, Rule, StandardPost, StandardSet

__all__ = [
    "ClosingReport", "Coefficient", "FeeRate", "FeeTable", "LecturerRank", "LoadEntry", "LoadPost", "NormLine", "NormPost",
    "NormTable", "PaymentLine", "PaymentSheet", "Rank", "Requirement", "Rule", "SessionConfirmation",
    "StandardPost", "StandardSet", "YearKind", "RatingCount", "Section", "Survey", "SurveyCode", "SurveyItem",
    "SurveyTemplate", "TemplateQuestion", "TextAnswer",
]
