from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.loader import import_sensitive_areas
from portal.errors import ServiceError


class Command(BaseCommand):
    help = "Import sensitive areas from a GeoJSON FeatureCollection (e.g. a WDPA or KBA export)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--type", default="", help="type for features without a 'type' property")
        parser.add_argument("--country", default="", help="ISO alpha-2 for features without a country")

    def handle(self, *args, path, type, country, **options):
        try:
            n = import_sensitive_areas(
                Path(path).read_text(encoding="utf-8"), default_type=type, default_country=country
            )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Imported {n} sensitive areas.")
