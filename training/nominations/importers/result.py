"""The preview of an import: one ImportRow per data row, with its status and messages."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from training.nominations.importers import fields as F


class RowStatus(models.TextChoices):
    OK = "ok", gettext_lazy("ready")
    WARNING = "warning", gettext_lazy("check")
    ERROR = "error", gettext_lazy("error")
    DUPLICATE = "duplicate", gettext_lazy("duplicate in the file")


class Level(models.TextChoices):
    WARNING = "warning", gettext_lazy("warning")
    ERROR = "error", gettext_lazy("error")
    DUPLICATE = "duplicate", gettext_lazy("duplicate")


@dataclass(frozen=True)
class Message:
    """One finding about a row. `column` is the sheet's column letter, or "" for the whole row."""

    level: str
    row: int
    column: str
    label: str  # the column's name in the interface language ("Ngày sinh")
    text: str  # the finding itself, without the row and column

    @property
    def display(self) -> str:
        """"Dòng 12, cột D (Ngày sinh): ..." - what the user and the JSON output see."""
        if self.column:
            return _("Row %(row)d, column %(column)s (%(label)s): %(text)s") % {
                "row": self.row, "column": self.column, "label": self.label, "text": self.text,
            }
        return _("Row %(row)d: %(text)s") % {"row": self.row, "text": self.text}

    def __str__(self) -> str:
        return self.display


@dataclass(frozen=True)
class Difference:
    """A value in the file that differs from the registry's; applied only with the user's consent."""

    field: str  # a Person field name
    column: str
    label: str
    current: object
    proposed: object


@dataclass
class ImportRow:
    row: int  # the row number in the sheet
    values: dict[str, object] = field(default_factory=dict)  # Person field name -> parsed value
    raw: dict[str, object] = field(default_factory=dict)  # import field -> cell value as read
    columns: dict[str, str] = field(default_factory=dict)  # Person field name -> column letter
    section: str = ""
    date_precision: str = "day"
    person_id: int | None = None  # the registry person this row is (matched by citizen ID)
    candidate_ids: list[int] = field(default_factory=list)  # possible matches by name and date of birth
    differences: list[Difference] = field(default_factory=list)
    duplicate_of: int | None = None  # the earlier row with the same citizen ID
    messages: list[Message] = field(default_factory=list)
    extra: dict[str, object] = field(default_factory=dict)  # for the training app's checks

    # Messages -----------------------------------------------------------------------------------
    def _add(self, level: str, field_name: str | None, text: str) -> None:
        column = self.columns.get(field_name, "") if field_name else ""
        label = F.label(field_name) if field_name and column else ""
        self.messages.append(Message(level, self.row, column, label, str(text)))

    def add_error(self, field_name: str | None, text: str) -> None:
        """Record an error on a field's column (or on the whole row when field_name is None)."""
        self._add(Level.ERROR, field_name, text)

    def add_warning(self, field_name: str | None, text: str) -> None:
        self._add(Level.WARNING, field_name, text)

    def mark_duplicate(self, of_row: int, field_name: str | None, text: str) -> None:
        self.duplicate_of = of_row
        self._add(Level.DUPLICATE, field_name, text)

    # Derived ------------------------------------------------------------------------------------
    @property
    def status(self) -> str:
        levels = {m.level for m in self.messages}
        if Level.ERROR in levels:
            return RowStatus.ERROR
        if Level.DUPLICATE in levels:
            return RowStatus.DUPLICATE
        if Level.WARNING in levels:
            return RowStatus.WARNING
        return RowStatus.OK

    @property
    def has_errors(self) -> bool:
        return any(m.level == Level.ERROR for m in self.messages)

    @property
    def full_name(self) -> str:
        return " ".join(str(self.values.get(k) or "") for k in ("family_name", "middle_name", "given_name")).strip()

    @property
    def national_id(self) -> str | None:
        return self.values.get("national_id") or None  # type: ignore[return-value]

    @property
    def date_of_birth(self) -> dt.date | None:
        return self.values.get("date_of_birth")  # type: ignore[return-value]

    @property
    def is_new(self) -> bool:
        return self.person_id is None

    def to_dict(self) -> dict:
        dob = self.date_of_birth
        return {
            "row": self.row,
            "status": str(self.status),
            "full_name": self.full_name,
            "national_id": self.national_id,
            "date_of_birth": dob.isoformat() if dob else None,
            "messages": [m.display for m in self.messages],
        }


@dataclass
class ImportResult:
    sheet: str = ""
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # import field -> column letter
    rows: list[ImportRow] = field(default_factory=list)
    skipped_rows: list[int] = field(default_factory=list)
    end_row: int | None = None
    errors: list[str] = field(default_factory=list)  # about the file as a whole (no header found ...)

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or any(r.has_errors for r in self.rows)

    def row(self, number: int) -> ImportRow:
        return next(r for r in self.rows if r.row == number)

    def summary(self) -> dict:
        counts = {status.value: 0 for status in RowStatus}
        matched = new = 0
        for row in self.rows:
            counts[row.status] += 1
            if row.status in (RowStatus.ERROR, RowStatus.DUPLICATE):
                continue
            if row.person_id is None:
                new += 1
            else:
                matched += 1
        return {
            "sheet": self.sheet,
            "header_row": self.header_row,
            "total": len(self.rows),
            **counts,
            "new_persons": new,
            "existing_persons": matched,
            "skipped_rows": len(self.skipped_rows),
            "errors": list(self.errors),
        }

    def to_json_data(self) -> dict:
        return {"summary": self.summary(), "rows": [row.to_dict() for row in self.rows]}

    def to_json(self, **kwargs) -> str:
        """The object `import_nominations --json` prints: {"summary": {...}, "rows": [...]}."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_json_data(), **kwargs)
