"""python manage.py restore FILE [--yes]: replace the database and uploaded files with a backup's."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup`; everything in the database and MEDIA_ROOT is replaced."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            answer = input("Everything in the database and the uploaded files will be replaced. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            counts = restore_backup(archive)
        except (BackupError, OSError, KeyError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {len(counts)} tables, {sum(counts.values())} rows.")
