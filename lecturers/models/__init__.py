from lecturers.models.pay import FeeRate, FeeTable, LecturerRank, Rank, SessionConfirmation

__all__ = ["FeeRate", "FeeTable", "LecturerRank", "Rank", "SessionConfirmation"]
