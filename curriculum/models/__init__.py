from curriculum.models.links import OverlapReview, TopicMapping
from curriculum.models.programme import Programme, ProgrammeVersion, Topic
from curriculum.models.rules import AssessmentComponent, GradeBand, Prerequisite

__all__ = [
    "AssessmentComponent", "GradeBand", "OverlapReview", "Prerequisite", "Programme", "ProgrammeVersion", "Topic",
    "TopicMapping",
]
