from pathlib import Path

from django.core.management.base import BaseCommand

from knowledge.importer import export_dataset


class Command(BaseCommand):
    help = "Export the knowledge base to JSON files in the import format."

    def add_arguments(self, parser):
        parser.add_argument("directory")

    def handle(self, *args, directory, **options):
        counts = export_dataset(Path(directory))
        self.stdout.write("Exported: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
