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

__all__ = [
    "Coefficient", "FeeRate", "FeeTable", "LecturerRank", "LoadEntry", "LoadPost", "NormLine", "NormPost",
    "NormTable", "PaymentLine", "PaymentSheet", "Rank", "SessionConfirmation", "YearKind",
]
