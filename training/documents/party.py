"""The frame every document of a centre shares: heading lines, place, signer and recipients.

One place decides these, so the opening decision, the recognition decision, the class file, the
timetable and the register book of one centre carry the same lines (DOMAIN.md §11).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from accounts.scope import scope_of
from core.documents import Signature
from core.documents.party import Audience
from org.headings import Heading, heading_of, host_on
from org.models import Centre
from people.models import StaffAssignment

_UNIT_PREFIX = re.compile(
    r"^(?:trung tâm chính trị|thành phố|tỉnh|huyện|thị xã|quận|xã|phường|đặc khu|thị trấn)\s+", re.IGNORECASE
)

# Who receives each kind of document, as printed under "Nơi nhận:". {host} is the host party
# committee ("Đảng ủy xã Yên Sơn"); every list ends with the centre's archive.
RECIPIENTS: dict[str, tuple[str, ...]] = {
    "opening": ("Thường trực {host} (để báo cáo),", "Như Điều 3,", "Lưu Trung tâm."),
    "recognition": ("Thường trực {host} (để báo cáo),", "Như Điều 3,", "Lưu Trung tâm."),
    "list": (),
}
FALLBACK_HOST = "cấp ủy"


def recipients(kind: str, centre: Centre, on: dt.date | None = None) -> tuple[str, ...]:
    host = host_on(centre, on or timezone.localdate())
    name = host.committee_name if host else FALLBACK_HOST
    return tuple(line.format(host=name) for line in RECIPIENTS[kind])


def strip_unit(name: str) -> str:
    while True:
        stripped = _UNIT_PREFIX.sub("", name, count=1)
        if stripped == name:
            return name.strip()
        name = stripped


def place_of(centre: Centre, on: dt.date | None = None) -> str:
    """The place on the date line: the host's unit ("Yên Sơn"), else the centre's own name stripped."""
    host = host_on(centre, on or timezone.localdate())
    if host is not None and host.unit_id:
        return strip_unit(host.unit.name)
    return strip_unit(centre.name)


@dataclass(frozen=True)
class Signer:
    """A person who may sign a centre's documents: the director, or a deputy "K/T GIÁM ĐỐC"."""

    assignment_id: int
    name: str
    position: str

    @property
    def signature(self) -> Signature:
        if self.position == StaffAssignment.Position.DIRECTOR:
            return Signature(title="GIÁM ĐỐC", name=self.name)
        return Signature(title="PHÓ GIÁM ĐỐC", name=self.name, capacity=("K/T GIÁM ĐỐC",))

    @property
    def label(self) -> str:
        return f"{self.name} ({self.signature.title.capitalize()})"


def signers(centre: Centre, on: dt.date | None = None) -> list[Signer]:
    """The director first, then the deputies, as on the staff list on `on`."""
    on = on or timezone.localdate()
    staff = (
        StaffAssignment.objects.filter(
            centre=centre,
            position__in=[StaffAssignment.Position.DIRECTOR, StaffAssignment.Position.DEPUTY_DIRECTOR],
        )
        .current(on)
        .select_related("person")
        .order_by("position", "-start_date")
    )
    found = [Signer(s.pk, s.person.full_name, s.position) for s in staff]
    found.sort(key=lambda s: s.position != StaffAssignment.Position.DIRECTOR)
    return found


def signature_for(centre: Centre, on: dt.date | None = None, signer: int | str | None = None) -> Signature:
    """The signature block: the chosen signer (a staff assignment id) when they may sign, else the
    director; a blank name when the staff list holds no director."""
    available = signers(centre, on)
    chosen = next((s for s in available if str(s.assignment_id) == str(signer)), None) if signer else None
    if chosen is None:
        chosen = next((s for s in available if s.position == StaffAssignment.Position.DIRECTOR), None)
    return chosen.signature if chosen else Signature(title="GIÁM ĐỐC", name="")


@dataclass(frozen=True)
class Frame:
    heading: Heading
    place: str

    @property
    def parents(self) -> tuple[str, ...]:
        return self.heading.parents

    @property
    def issuer(self) -> str:
        return self.heading.issuing_body

    def symbol(self, kind: str = "QĐ") -> str:
        return f"{kind}/{self.heading.symbol}"


def frame_of(centre: Centre, on: dt.date | None = None) -> Frame:
    return Frame(heading_of(centre, on), place_of(centre, on))


def audience_for(user) -> Audience:
    """What `user` may read in a document: birth dates and IDs only where the role sees personal data."""
    return Audience.of(scope_of(user))
