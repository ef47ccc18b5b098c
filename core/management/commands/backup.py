"""python manage.py backup [--output FILE]: the database and uploaded files in one tar archive."""

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump -Fc, or SQLite's backup API) and MEDIA_ROOT into one tar archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="archive path (default: backups/ttct-<UTC time>.tar)")

    def handle(self, *args, output=None, **options):
        try:
            path = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(path))
