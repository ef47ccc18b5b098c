from standards.models.assessments import Assessment, AssessmentValue, Evidence, GroupNarrative
from standards.models.frameworks import Comparator, Criterion, Framework, Group, Indicator, Level, Target, Unit

__all__ = [
    "Assessment",
    "AssessmentValue",
    "Comparator",
    "Criterion",
    "Evidence",
    "Framework",
    "Group",
    "GroupNarrative",
    "Indicator",
    "Level",
    "Target",
    "Unit",
]
