from django.core.management.base import BaseCommand

from curriculum.catalogue import load_catalogue


class Command(BaseCommand):
    help = "Load the national programme catalogue (idempotent)."

    def handle(self, *args, **options):
        result = load_catalogue(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"{result['programmes_created']} programme(s) created, {result['programmes_existing']} already "
                f"present, {result['mappings_created']} liên thông mapping(s) created."
            )
        )
