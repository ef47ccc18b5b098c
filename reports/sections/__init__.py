"""The section registry: every table and text a report kind may hold, by key.

The kinds (data, editable) list which of these keys they use. A section whose source is not part of
TTCT yet is simply absent from this registry, so no kind can show an invented table.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from reports.sections.base import TOTAL, Frame, TableSection, TextSection, add_up, finish
from reports.sections.certificates import CERTIFICATES
from reports.sections.equipment import EQUIPMENT
from reports.sections.facilities import FACILITIES
from reports.sections.finance import BUDGET
from reports.sections.lecturers import FEEDBACK, HOURS
from reports.sections.people import LECTURERS, STAFF
from reports.sections.training import COMPLETION, PLAN_ACTUAL, SENDING

TABLES: dict[str, TableSection] = {s.key: s for s in (PLAN_ACTUAL, SENDING, COMPLETION, CERTIFICATES, STAFF, LECTURERS,
                                                      HOURS, FACILITIES, EQUIPMENT, FEEDBACK, BUDGET)}

TEXTS: dict[str, TextSection] = {s.key: s for s in (
    TextSection("results", "Kết quả đạt được", _("What the centre achieved in the period.")),
    TextSection("limitations", "Hạn chế", _("What did not go as planned.")),
    TextSection("causes", "Nguyên nhân", _("Why: objective and subjective causes.")),
    TextSection("proposals", "Phương hướng, đề xuất, kiến nghị", _("Tasks for the next period and requests.")),
)}

# What the interface calls each section (the titles above are the document's Vietnamese wording).
LABELS = {
    "plan_actual": _("Classes and learners by programme and audience against the annual plan"),
    "sending_organisations": _("Learners by sending organisation"),
    "completion": _("Completion and classification"),
    "certificates": _("Certificates issued and revoked"),
    "staff": _("Staff by post and qualification"),
    "lecturers": _("Lecturers by kind and qualification"),
    "lecturer_hours": _("Lecturer hours against the yearly norm"),
    "facilities": _("Facilities: rooms and venues"),
    "feedback": _("Learner feedback averages"),
    "equipment": _("Equipment by category and condition"),
    "budget": _("Budget execution"),
    "results": _("Results achieved"),
    "limitations": _("Shortcomings"),
    "causes": _("Causes of the shortcomings"),
    "proposals": _("Directions, proposals and requests"),
}

ORDER = [*TABLES, *TEXTS]
# Default layout of the shipped kinds: every table, then the four texts; results and proposals mandatory.
DEFAULT_MANDATORY = {"results", "proposals"}


def label(key: str) -> str:
    return str(LABELS.get(key, key))


def is_known(key: str) -> bool:
    return key in TABLES or key in TEXTS


def compute_tables(keys: list[str], frame: Frame) -> list[dict]:
    """The tables of the given section keys for a frame, in order (unknown keys skipped)."""
    return [finish(TABLES[key], TABLES[key].compute(frame)) for key in keys if key in TABLES]


__all__ = ["DEFAULT_MANDATORY", "LABELS", "ORDER", "TABLES", "TEXTS", "TOTAL", "Frame", "add_up", "compute_tables",
           "finish", "is_known", "label"]
