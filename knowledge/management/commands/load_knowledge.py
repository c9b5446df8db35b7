from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knowledge.importer import (
    DATA_DIR,
    DatasetInvalid,
    dataset_checksum,
    import_dataset,
    read_dataset,
)
from knowledge.models import DatasetImport


class Command(BaseCommand):
    help = "Import the knowledge-base data set (validates every record; imports nothing if one is bad)."

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", default=str(DATA_DIR))
        parser.add_argument("--if-changed", action="store_true", help="skip when this data set was imported already")

    def handle(self, *args, directory, if_changed, **options):
        path = Path(directory)
        checksum = dataset_checksum(path)
        if if_changed and DatasetImport.objects.filter(checksum=checksum).exists():
            self.stdout.write("Knowledge base: data set unchanged, not re-imported.")
            return
        try:
            counts = import_dataset(read_dataset(path))
        except DatasetInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} bad record(s); nothing was imported.") from exc
        DatasetImport.objects.create(checksum=checksum, counts=counts)
        self.stdout.write("Knowledge base imported: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
