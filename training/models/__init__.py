from training.models.attendance import Attendance
from training.models.classes import Klass
from training.models.enrolment import Enrolment, Progress
from training.models.plans import AnnualPlan, PlanLine
from training.models.results import Result, Score
from training.models.sessions import LecturerUnavailability, PublicHoliday, Session

__all__ = [
    "AnnualPlan",
    "Attendance",
    "Enrolment",
    "Klass",
    "LecturerUnavailability",
    "PlanLine",
    "Progress",
    "PublicHoliday",
    "Result",
    "Score",
    "Session",
]
