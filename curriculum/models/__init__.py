from curriculum.models.links import OverlapReview, TopicMapping
from curriculum.models.overlap import EquivalentTerm, OverlapSettings, StopPhrase
from curriculum.models.programme import Programme, ProgrammeVersion, Topic
from curriculum.models.rules import AssessmentComponent, GradeBand, Prerequisite

__all__ = [
    "AssessmentComponent", "EquivalentTerm", "GradeBand", "OverlapReview", "OverlapSettings", "Prerequisite",
    "Programme",
    "ProgrammeVersion", "StopPhrase", "Topic", "TopicMapping",
]
