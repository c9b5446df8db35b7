from django.core.management.base import BaseCommand
from django.db.models import Count

from knowledge.choices import Medium
from knowledge.coverage import (
    BELT_AND_ROAD_65,
    content_languages,
    coverage_by_country,
    coverage_by_medium,
    coverage_by_sector,
    share,
    totals,
)
from knowledge.models import Instrument

# Short column heads for the per-country table, in Medium's order.
MEDIUM_HEADS = {
    Medium.AMBIENT_AIR: "amb",
    Medium.AIR_EMISSIONS: "emis",
    Medium.WATER_QUALITY: "water",
    Medium.EFFLUENT: "eff",
    Medium.NOISE: "noise",
    Medium.SOIL: "soil",
}


class Command(BaseCommand):
    help = (
        "Coverage of the knowledge base: totals and the share verified, then per country, "
        "per medium and per sector (--summary prints the totals only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--summary", action="store_true", help="Print the totals only.")

    def handle(self, *args, **options):
        w = self.stdout.write
        w("Totals (records, verified, share verified):")
        for label, (n, verified) in totals().items():
            w(f"  {label}: {n}, {verified} verified ({share(verified, n)})")
        inst = Instrument.objects
        by_status = dict(inst.values_list("legal_status").annotate(n=Count("id")).order_by())
        w("  instruments by legal status: " + ", ".join(f"{k} {v}" for k, v in sorted(by_status.items())))
        by_type = dict(inst.values_list("type").annotate(n=Count("id")).order_by())
        w("  instruments by type: " + ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())))

        rows = coverage_by_country()
        bri = [rows[c] for c in BELT_AND_ROAD_65]
        hosts = [r for r in rows.values() if r.profile and r.iso2 != "CN"]
        w(
            f"Belt and Road 65: {sum(r.profile for r in bri)} with a profile, "
            f"{sum(r.risks >= 6 for r in bri)} with all six risk dimensions, "
            f"{sum(r.limits > 0 for r in bri)} with limit values"
        )
        w(
            f"Host countries with a profile: {len(hosts)}; with limit values: "
            f"{sum(r.limits > 0 for r in hosts)}; with guidance: {sum(r.sectors > 0 for r in hosts)}"
        )
        for medium, head in MEDIUM_HEADS.items():
            n = sum(r.media[medium] > 0 for r in hosts)
            w(f"  host countries with {medium.value} limits ({head}): {n}")
        w("Instruments in each content language (title, summary where the English has one):")
        for c in content_languages():
            w(
                f"  {c['language']:<8} titles {c['titles']}/{c['instruments']}, summaries {c['summaries']}, "
                f"machine-assisted {c['machine_assisted']}, reviewed {c['reviewed']}"
            )
        if options["summary"]:
            return

        w("")
        w("Per medium (limits, verified, share, on repealed instruments, jurisdictions):")
        for m in coverage_by_medium():
            w(
                f"  {m['medium']:<14} {m['limits']:>5} {m['verified']:>5} {share(m['verified'], m['limits']):>5} "
                f"{m['historical']:>5} {m['jurisdictions']:>4}"
            )

        w("")
        w("Per sector (guidance cells of host countries, verified, instruments tagged, limits tagged):")
        for s in coverage_by_sector():
            w(
                f"  {s['sector']:<17} {s['guidance']:>3}/{s['hosts']:<3} {s['guidance_verified']:>3} "
                f"{s['instruments']:>4} {s['limits']:>5}"
            )

        w("")
        heads = " ".join(f"{h:>5}" for h in MEDIUM_HEADS.values())
        w(f"Per country                 B&R prof risk inst ver  lim  ver hist {heads} sect")
        for r in sorted(rows.values(), key=lambda r: (r.iso2 not in BELT_AND_ROAD_65, not r.profile, r.iso2)):
            media = " ".join(f"{r.media[m]:>5}" for m in MEDIUM_HEADS)
            w(
                f"  {r.iso2:<4} {r.name[:14]:<14} {'*' if r.iso2 in BELT_AND_ROAD_65 else ' '} "
                f"{'yes' if r.profile else ' no'} {r.risks_verified}/{r.risks} "
                f"{r.instruments:>4} {r.instruments_verified:>3} {r.limits:>4} {r.limits_verified:>4} "
                f"{r.limits_historical:>4} {media} {r.sectors:>4}"
            )
