from django.core.management.base import BaseCommand, CommandError

from assessments.loader import DATA_DIR, import_sensitive_areas, load_catalogue, load_ruleset
from portal.errors import ServiceError


class Command(BaseCommand):
    help = "Load the screening rule set v1, the risk/measure catalogue and the shipped sensitive areas (idempotent)."

    def handle(self, *args, **options):
        ruleset = load_ruleset()
        hazards, measures = load_catalogue()
        try:
            areas = import_sensitive_areas((DATA_DIR / "sensitive_areas.geojson").read_text(encoding="utf-8"))
        except ServiceError as exc:
            raise CommandError(f"sensitive_areas.geojson: {exc.message}") from exc
        self.stdout.write(
            f"Assessment data: rule set {'v1 created' if ruleset else 'unchanged'}, "
            f"{hazards} hazards, {measures} measures, {areas} sensitive areas."
        )
