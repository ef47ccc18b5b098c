"""`manage.py import_nominations <class code> <file.xlsx> [--dry-run] [--json]`: the page's import, for scripts.

Exit status 0 when the list was imported (with --dry-run: when it could be imported as it is, with the
options given), 1 otherwise; nothing is written unless every kept row is clean. With --json, standard
output holds exactly one JSON object: {"summary": {...}, "rows": [{"row", "status", "full_name",
"national_id", "date_of_birth", "messages"}]}.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from org.models import SendingOrganisation
from training.models import Klass
from training.nominations.importers import ImportBlocked
from training.nominations.services import Choices, import_nominations, preview_nominations


def _rows(text: str) -> set[int]:
    try:
        return {int(part) for part in (text or "").replace(";", ",").split(",") if part.strip()}
    except ValueError:
        raise CommandError(f"Row numbers are whole numbers separated by commas, not {text!r}.")


class Command(BaseCommand):
    help = "Import a nomination list (.xlsx) into a class: preview every row, then enrol (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("class_code", help="The class code, e.g. DVM-2026-03.")
        parser.add_argument("file", help="The nomination list, .xlsx.")
        parser.add_argument("--dry-run", action="store_true", help="Check the list and report; write nothing.")
        parser.add_argument("--json", action="store_true", help="Print one JSON object with the summary and rows.")
        parser.add_argument("--user", help="Act as this user (their scope and rights); default: a system import.")
        parser.add_argument("--skip-rows", default="", help="Sheet rows to leave out, e.g. 13,14.")
        parser.add_argument("--skip-errors", action="store_true", help="Leave out every row that has an error.")
        parser.add_argument("--consent-updates", action="store_true",
                            help="Apply the file's values that differ from the person registry.")
        parser.add_argument("--override-rows", default="",
                            help="Rows to enrol although a rule of the class says no (needs --override-reason).")
        parser.add_argument("--override-reason", default="", help="Why the rules are overridden for those rows.")
        parser.add_argument("--warning-reason", default="",
                            help="Why rows with warnings (e.g. a party member in a course for candidates) are enrolled.")
        parser.add_argument("--sending-organisation", type=int, help="Id of the sending organisation.")
        parser.add_argument("--today", type=dt.date.fromisoformat, help="Judge ages on this date (YYYY-MM-DD).")

    def handle(self, *args, **options):
        actor = self._actor(options["user"])
        klass = self._class(options["class_code"], actor)
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        overrides = _rows(options["override_rows"])
        reason = options["override_reason"].strip()
        if overrides and not reason:
            raise CommandError("--override-rows needs --override-reason.")
        choices = Choices(skipped=_rows(options["skip_rows"]), consent_all=options["consent_updates"],
                          skip_errors=options["skip_errors"], overrides={row: reason for row in overrides},
                          warning_reason=options["warning_reason"].strip())
        organisation = None
        if options["sending_organisation"]:
            organisation = SendingOrganisation.objects.filter(pk=options["sending_organisation"]).first()
            if organisation is None:
                raise CommandError(f"No sending organisation with id {options['sending_organisation']}.")

        failure = ""
        try:
            if options["dry_run"]:
                report = preview_nominations(actor=actor, klass=klass, source=path, choices=choices,
                                             today=options["today"])
                data = report.to_json_data()
                if not report.can_confirm:
                    failure = "The list cannot be imported as it is."
            else:
                outcome = import_nominations(actor=actor, klass=klass, source=path, choices=choices,
                                             sending_organisation=organisation, filename=path.name,
                                             today=options["today"])
                data = outcome.to_json_data()
        except PermissionDenied:
            raise CommandError(f"{options['user']} may not enrol learners in {klass.code}.")
        except (ImportBlocked, ValidationError) as error:
            failure = " ".join(getattr(error, "messages", None) or [str(error)])
            report = preview_nominations(actor=actor, klass=klass, source=path, choices=choices,
                                         today=options["today"])
            data = report.to_json_data()
        data["summary"]["dry_run"] = options["dry_run"]
        data["summary"]["written"] = not options["dry_run"] and not failure
        if failure:
            data["summary"]["refused"] = failure

        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str))
        else:
            self._print(data)
        if failure:
            raise CommandError(failure)

    def _actor(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {username!r}.")
        return user

    def _class(self, code: str, actor) -> Klass:
        classes = Klass.objects.visible_to(actor) if actor is not None else Klass.objects.all()
        klass = classes.select_related("centre", "version").filter(code__iexact=code.strip()).first()
        if klass is None:
            raise CommandError(f"No class with code {code!r}" + (f" visible to {actor.username}." if actor else "."))
        return klass

    def _print(self, data: dict) -> None:
        summary = data["summary"]
        self.stdout.write(
            f"{summary.get('class_code')}: {summary['total']} rows — ok {summary['ok']}, warning {summary['warning']}, "
            f"error {summary['error']}, duplicate {summary['duplicate']}; to enrol {summary.get('to_enrol', 0)}"
        )
        for error in summary.get("errors", []):
            self.stdout.write(self.style.ERROR(error))
        for row in data["rows"]:
            if row["status"] == "ok":
                continue
            for message in row["messages"]:
                style = self.style.ERROR if row["status"] == "error" else self.style.WARNING
                self.stdout.write(style(f"[{row['status']}] {message}"))
        if summary.get("written"):
            self.stdout.write(self.style.SUCCESS(
                f"Enrolled {summary.get('enrolled', 0)}; persons created {summary.get('persons_created', 0)}, "
                f"updated {summary.get('persons_updated', 0)}."))
