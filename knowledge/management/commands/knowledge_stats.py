from django.core.management.base import BaseCommand
from django.db.models import Count

from knowledge.models import Country, CountryRisk, Instrument, SectorGuidance, StandardLimit


class Command(BaseCommand):
    help = "Count the shipped knowledge base: countries, instruments by verified mark, limits, guidance."

    def handle(self, *args, **options):
        w = self.stdout.write
        countries, risks = Country.objects, CountryRisk.objects
        w(
            f"Countries: {countries.count()} ({countries.filter(verified=True).count()} verified profiles), "
            f"risk ratings: {risks.count()} ({risks.filter(verified=True).count()} verified)"
        )
        inst = Instrument.objects
        w(
            f"Instruments: {inst.count()} — verified {inst.filter(verified=True).count()}, "
            f"unverified {inst.filter(verified=False).count()}"
        )
        for row in inst.values("type").annotate(n=Count("id")).order_by("type"):
            w(f"  {row['type']}: {row['n']}")
        limits = StandardLimit.objects
        w(f"Limits: {limits.count()} — verified {limits.filter(verified=True).count()}")
        rows = (
            limits.values("medium")
            .annotate(n=Count("id"), countries=Count("instrument__jurisdiction", distinct=True))
            .order_by("medium")
        )
        for row in rows:
            w(f"  {row['medium']}: {row['n']} limits from {row['countries']} jurisdictions")
        g = SectorGuidance.objects
        w(
            f"Sector guidance: {g.count()} ({g.filter(verified=True).count()} verified) covering "
            f"{g.values('country').distinct().count()} countries and {g.values('sector').distinct().count()} sectors"
        )
