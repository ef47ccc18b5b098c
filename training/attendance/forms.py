"""The attendance sheet as the session page posts it: one status_<enrolment> and note_<enrolment> per learner."""

from __future__ import annotations

from training.models import Attendance


def sheet_from_post(post) -> tuple[dict[int, str], dict[int, str]]:
    """The marks other than present, and the notes, by enrolment id."""
    marks, notes = {}, {}
    for key, value in post.items():
        if key.startswith("status_") and key[7:].isdigit() and value != Attendance.Status.PRESENT:
            marks[int(key[7:])] = value
        elif key.startswith("note_") and key[5:].isdigit() and value.strip():
            notes[int(key[5:])] = value
    return marks, notes
