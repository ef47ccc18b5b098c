"""`manage.py recount_attendance [--fix]`: compare every enrolment's kept attendance counts with its marks.

The counts (`Enrolment.marks_recorded` / `marks_present`, training.attendance.tallies) are kept by the one
place that writes marks. A mark written any other way (a repair made directly in the database, a partial
restore) leaves them behind; this command lists the enrolments whose counts differ from a recount and, with
--fix, counts them again. Exit status 0 when every count matches (or was fixed), 1 when some differ.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from training.attendance import tallies

SHOWN = 20
BATCH = 5_000


class Command(BaseCommand):
    help = "Compare every enrolment's kept attendance counts with its marks; --fix counts the differing ones again."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="Count the differing enrolments again.")

    def handle(self, *args, fix: bool, **options):
        differing = list(tallies.differences()
                         .values_list("pk", "klass__code", "marks_recorded", "marks_present", "counted",
                                      "counted_present"))
        if not differing:
            self.stdout.write("Every enrolment's attendance counts match its marks.")
            return
        self.stdout.write(f"{len(differing)} enrolments' counts differ from their marks (kept -> counted):")
        for pk, code, kept, kept_present, counted, counted_present in differing[:SHOWN]:
            self.stdout.write(f"  enrolment {pk} in {code}: marks {kept} -> {counted}, "
                              f"present or late {kept_present} -> {counted_present}")
        if len(differing) > SHOWN:
            self.stdout.write(f"  … and {len(differing) - SHOWN} more")
        if not fix:
            raise CommandError("Counts differ; run again with --fix to count them again.")
        ids = [row[0] for row in differing]
        with transaction.atomic():
            for start in range(0, len(ids), BATCH):
                tallies.refresh(ids[start:start + BATCH])
        self.stdout.write(f"Counted {len(ids)} enrolments again.")
