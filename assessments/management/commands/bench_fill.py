"""Fill a database with synthetic records for the benchmarks (issue 11.2): seeded, repeatable.

    manage.py bench_fill --instruments 1000000 --projects 100000 --seed 1

Instruments (published, with one or two limits each and their search-index rows), and projects
with a screening, three risks and three control measures each. On PostgreSQL rows go in with
COPY and the search vectors are computed in SQL with the GIN indexes dropped and rebuilt once;
elsewhere with bulk_create. Every synthetic record says so in its key, title or name
("bench-…", "Synthetic …", "(bench)"): none of it is a real law, limit or enterprise, and the
command refuses a database that already holds shipped (non-synthetic) instruments unless told
``--force``.
"""

import json
import random
import time
from datetime import UTC, datetime

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from assessments.models import ControlMeasure, Project, RiskItem, Screening, ScreeningRuleSet
from knowledge import search
from knowledge.choices import EntryKind, InstrumentType, LegalStatus, Medium, PublicationStatus
from knowledge.models import Country, Instrument, SearchEntry, StandardLimit
from portal.choices import OrganisationKind, Sector
from portal.models import Organisation, User

BATCH = 20_000
# Words to build synthetic titles and summaries from (English and Russian, so that both
# stemmers have work); "Synthetic" in every title keeps them apart from real instruments.
EN_WORDS = (  # noqa: SIM905 - a sentence of words reads better than a list
    "air water soil noise waste emission effluent discharge ambient quality standard limit monitoring "
    "permit assessment protection pollution control industrial mining thermal power plant boiler "
    "sulphur dioxide nitrogen oxides particulate matter dust heavy metals mercury lead cadmium "
    "groundwater surface river lake coastal marine forest biodiversity habitat species protected area "
    "climate greenhouse gas carbon methane reporting inspection penalty licence hazardous chemical "
    "tailings dam railway road port pipeline refinery cement steel aluminium textile food processing"
).split()
RU_WORDS = (  # noqa: SIM905
    "охрана окружающей среды воздух вода почва выбросы сбросы отходы нормативы качества мониторинг "
    "разрешение оценка воздействия загрязнение контроль промышленность горнодобывающая энергетика"
).split()
PREFIXES = ("BENCH", "SYN", "TEST-STD", "XQ", "ZZ")
PARAMETERS = ("SO2", "NO2", "PM10", "PM2.5", "CO", "O3", "BOD5", "COD", "TSS", "Pb", "Hg", "Cd")
AVERAGING = ("1-hour", "24-hour", "annual", "8-hour", "monthly")


class Command(BaseCommand):
    help = "Fill the database with seeded synthetic instruments, limits, search entries and projects."

    def add_arguments(self, parser):
        parser.add_argument("--instruments", type=int, default=10_000)
        parser.add_argument("--projects", type=int, default=0)
        parser.add_argument("--disclosures", type=int, default=0, help="disclosed projects on the register")
        parser.add_argument("--countries", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="also into a database with real data")

    def handle(self, *args, **opts):
        if Instrument.objects.exclude(key__startswith="bench-").exists() and not opts["force"]:
            raise CommandError("This database holds real instruments; use a benchmark database (or --force).")
        rng = random.Random(opts["seed"])  # noqa: S311 - synthetic data, not secrets
        started = time.monotonic()
        if opts["instruments"] or opts["projects"] or not Country.objects.exists():
            countries = self._countries(opts["countries"])
        else:
            # Only disclosures, next to a real knowledge base: use its countries, add none.
            countries = list(Country.objects.order_by("iso2")[: opts["countries"]])
        n = opts["instruments"]
        if n:
            self._instruments(rng, n, countries)
            self.stdout.write(f"instruments: {n} in {time.monotonic() - started:.0f} s")
        if opts["projects"]:
            t = time.monotonic()
            self._projects(rng, opts["projects"], countries)
            self.stdout.write(f"projects: {opts['projects']} in {time.monotonic() - t:.0f} s")
        if opts["disclosures"]:
            t = time.monotonic()
            self._disclosures(rng, opts["disclosures"], countries)
            self.stdout.write(f"disclosures: {opts['disclosures']} in {time.monotonic() - t:.0f} s")
        counts = {
            "instruments": Instrument.objects.count(),
            "limits": StandardLimit.objects.count(),
            "search entries": SearchEntry.objects.count(),
            "projects": Project.objects.count(),
        }
        self.stdout.write(f"done in {time.monotonic() - started:.0f} s: {counts}")

    # --- helpers --------------------------------------------------------------------------

    def _countries(self, n: int) -> list[Country]:
        import pycountry

        codes = [c.alpha_2 for c in pycountry.countries][:n]
        now = datetime.now(tz=UTC)
        for code in codes:
            name = f"{pycountry.countries.get(alpha_2=code).name} (bench)"
            Country.objects.get_or_create(
                iso2=code,
                defaults={"name": name, "name_en": name, "status": PublicationStatus.PUBLISHED, "published_at": now},
            )
        return list(Country.objects.filter(iso2__in=codes).order_by("iso2"))

    def _next_id(self, model) -> int:
        last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
        return (last or 0) + 1

    def _write(self, model, rows: list[dict]) -> None:
        """Insert rows (dicts of column values, ids included) by COPY or bulk_create."""
        if not rows:
            return
        if connection.vendor != "postgresql":
            model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)
            return
        fields = list(model._meta.concrete_fields)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        defaults = {f.attname: (None if f.null and not f.has_default() else f.get_default()) for f in fields}
        sql = f"COPY {model._meta.db_table} ({columns}) FROM STDIN"  # noqa: S608 - names from the model
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                values = []
                for f in fields:
                    v = row.get(f.attname, defaults[f.attname])
                    if f.get_internal_type() == "JSONField":
                        v = json.dumps(v)
                    values.append(v)
                copy.write_row(values)

    def _reset_sequences(self, *models) -> None:
        if connection.vendor != "postgresql":
            return
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    # --- instruments -------------------------------------------------------------------------

    def _instruments(self, rng: random.Random, n: int, countries: list[Country]) -> None:
        now = datetime.now(tz=UTC)
        is_pg = connection.vendor == "postgresql"
        if is_pg:
            with connection.cursor() as cursor:
                cursor.execute("DROP INDEX IF EXISTS knowledge_searchentry_vector_gin")
                cursor.execute("DROP INDEX IF EXISTS knowledge_searchentry_identifier_trgm")
        iid, lid, eid = self._next_id(Instrument), self._next_id(StandardLimit), self._next_id(SearchEntry)
        types = [t for t, _label in InstrumentType.choices]
        first_entry = eid
        done = 0
        while done < n:
            size = min(BATCH, n - done)
            instruments, limits, entries = [], [], []
            for _ in range(size):
                country = rng.choice(countries)
                year = rng.randint(1970, 2025)
                words = rng.sample(EN_WORDS, 4)
                title = f"Synthetic {rng.choice(('law', 'regulation', 'standard', 'decree'))} on {' '.join(words)}"
                title_ru = " ".join(rng.sample(RU_WORDS, 4)) if rng.random() < 0.25 else ""
                number = f"{rng.choice(PREFIXES)} {rng.randint(1, 99999)}-{year}"
                summary = " ".join(rng.choices(EN_WORDS, k=30)) + "."
                key = f"bench-{iid}"
                status = LegalStatus.IN_FORCE if rng.random() < 0.8 else LegalStatus.REPEALED
                itype = rng.choice(types)
                instruments.append(
                    {
                        "id": iid,
                        "key": key,
                        "jurisdiction": country.iso2,
                        "country_id": country.pk,
                        "type": itype,
                        "title": title,
                        "title_en": title,
                        "title_ru": title_ru or None,
                        "number": number,
                        "adopted": str(year),
                        "year": year,
                        "legal_status": status,
                        "summary": summary,
                        "summary_en": summary,
                        "source_url": f"https://example.org/bench/{iid}",
                        "status": PublicationStatus.PUBLISHED,
                        "published_at": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                url = f"/knowledge/instruments/{key}/"
                entries.append(
                    {
                        "id": eid,
                        "kind": EntryKind.INSTRUMENT,
                        "object_id": str(iid),
                        "url": url,
                        "title_en": title,
                        "title_ru": title_ru,
                        "text_en": f"{number} {summary}",
                        "country": country.iso2,
                        "type": itype,
                        "legal_status": status,
                        "year": year,
                        "identifier": search.identifier_key(number),
                        "updated_at": now,
                    }
                )
                eid += 1
                for _k in range(rng.choice((1, 1, 2))):
                    parameter, averaging = rng.choice(PARAMETERS), rng.choice(AVERAGING)
                    value = rng.randint(5, 500)
                    medium = rng.choice((Medium.AMBIENT_AIR, Medium.AIR_EMISSIONS, Medium.EFFLUENT))
                    limits.append(
                        {
                            "id": lid,
                            "instrument_id": iid,
                            "parameter": parameter,
                            "medium": medium,
                            "category": f"Synthetic category {rng.randint(1, 9)}",
                            "value": value,
                            "unit": "mg/Nm³" if medium == Medium.AIR_EMISSIONS else "µg/m³",
                            "averaging": averaging,
                        }
                    )
                    entries.append(
                        {
                            "id": eid,
                            "kind": EntryKind.LIMIT,
                            "object_id": str(lid),
                            "url": f"{url}#limit-{lid}",
                            "title_en": f"{parameter} · {value} — {title}",
                            "text_en": f"Synthetic category {averaging} {number}",
                            "country": country.iso2,
                            "type": "limit",
                            "legal_status": status,
                            "year": year,
                            "identifier": search.identifier_key(number),
                            "updated_at": now,
                        }
                    )
                    lid += 1
                    eid += 1
                iid += 1
            with transaction.atomic():
                self._write(Instrument, instruments)
                self._write(StandardLimit, limits)
                self._write(SearchEntry, entries)
            done += size
            self.stdout.write(f"  {done}/{n} instruments")
        self._reset_sequences(Instrument, StandardLimit, SearchEntry)
        if is_pg:
            # One pass of SQL over the new rows, in slices so no statement holds everything.
            step = 200_000
            for lo in range(first_entry, eid, step):
                SearchEntry.objects.filter(pk__gte=lo, pk__lt=lo + step).update(
                    search_vector=search.vector_expression()
                )
            with connection.cursor() as cursor:
                cursor.execute(
                    "CREATE INDEX IF NOT EXISTS knowledge_searchentry_vector_gin "
                    "ON knowledge_searchentry USING gin (search_vector)"
                )
                cursor.execute(
                    "CREATE INDEX IF NOT EXISTS knowledge_searchentry_identifier_trgm "
                    "ON knowledge_searchentry USING gin (identifier gin_trgm_ops)"
                )
                # Freshly copied rows have no visibility map until autovacuum visits them; VACUUM
                # makes the tables what a running portal's are (counts read from the index alone).
                statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
                for table in ("knowledge_searchentry", "knowledge_instrument", "knowledge_standardlimit"):
                    cursor.execute(f"{statement} {table}")

    # --- projects ---------------------------------------------------------------------------

    def _disclosures(self, rng: random.Random, n: int, countries: list[Country]) -> None:
        """``n`` disclosed projects (references GBR-BENCH-000001…), each with a consultation
        snapshot, an open 30-day window and two published comments, one answered."""
        from datetime import timedelta

        from assessments.models import Comment, CommentAnswer, CommentWindow, Disclosure, RegisterEntry

        org, _created = Organisation.objects.get_or_create(
            name="Synthetic Enterprise (bench)", defaults={"kind": OrganisationKind.ENTERPRISE}
        )
        user, _created = User.objects.get_or_create(email="bench@bench.invalid", defaults={"full_name": "Bench"})
        sectors = [s for s, _label in Sector.choices]
        now = datetime.now(tz=UTC)
        start = Project.objects.filter(reference__startswith="GBR-BENCH-").count()
        for offset in range(0, n, 500):
            with transaction.atomic():
                batch = range(start + offset + 1, start + min(n, offset + 500) + 1)
                projects = Project.objects.bulk_create(
                    [
                        Project(
                            organisation=org,
                            created_by=user,
                            name=f"Synthetic disclosed project {i} (bench)",
                            host_country=rng.choice(countries),
                            sector=rng.choice(sectors),
                            category=rng.choice("AB"),
                            status="under_review",
                            reference=f"GBR-BENCH-{i:06d}",
                            site={"type": "Point", "coordinates": [rng.uniform(20, 120), rng.uniform(-10, 50)]},
                        )
                        for i in batch
                    ]
                )
                disclosures = Disclosure.objects.bulk_create(
                    [
                        Disclosure(
                            project=p,
                            number=1,
                            kind="consultation",
                            published_at=now,
                            snapshot={
                                "en": {
                                    "reference": p.reference,
                                    "kind": "consultation",
                                    "project": {"name": p.name, "organisation": org.name, "description": "Synthetic."},
                                    "documents": [],
                                    "risks": [{"title": "Synthetic risk", "dimension": "Water", "rating": 12}],
                                    "measures": [],
                                    "site_results": [],
                                    "screening": None,
                                    "decision": None,
                                }
                            },
                        )
                        for p in projects
                    ]
                )
                RegisterEntry.objects.bulk_create(
                    [
                        RegisterEntry(
                            project=p,
                            latest=d,
                            first_disclosed_at=now,
                            last_disclosed_at=now,
                            search_text=f"{p.name} synthetic water",
                            lon=p.site["coordinates"][0],
                            lat=p.site["coordinates"][1],
                        )
                        for p, d in zip(projects, disclosures, strict=True)
                    ]
                )
                if connection.vendor == "postgresql":
                    from django.contrib.postgres.search import SearchVector

                    RegisterEntry.objects.filter(project__in=projects).update(
                        search_vector=SearchVector("search_text", config="english")
                        + SearchVector("search_text", config="simple")
                    )
                CommentWindow.objects.bulk_create(
                    [
                        CommentWindow(
                            project=p,
                            opens_at=now - timedelta(days=1),
                            closes_at=now + timedelta(days=29),
                            time_zone="UTC",
                            days=30,
                            status="open",
                            set_by=user,
                        )
                        for p in projects
                    ]
                )
                comments = Comment.objects.bulk_create(
                    [
                        Comment(
                            project=p,
                            number=k,
                            name=f"Reader {k}",
                            email=f"reader{k}@bench.invalid",
                            body="Synthetic comment.",
                            public_body="Synthetic comment.",
                            status="published",
                            published_at=now,
                        )
                        for p in projects
                        for k in (1, 2)
                    ]
                )
                CommentAnswer.objects.bulk_create(
                    [
                        CommentAnswer(comment=c, verdict="adopted", reason="Synthetic answer.", answered_by=user)
                        for c in comments
                        if c.number == 1
                    ]
                )

    def _projects(self, rng: random.Random, n: int, countries: list[Country]) -> None:
        org, _created = Organisation.objects.get_or_create(
            name="Synthetic Enterprise (bench)", defaults={"kind": OrganisationKind.ENTERPRISE}
        )
        user, _created = User.objects.get_or_create(email="bench@bench.invalid", defaults={"full_name": "Bench"})
        ruleset, _created = ScreeningRuleSet.objects.get_or_create(
            version=9999, defaults={"name": "Synthetic rule set (bench)", "is_active": False}
        )
        sectors = [s for s, _label in Sector.choices]
        pid, sid, rid, mid = (self._next_id(m) for m in (Project, Screening, RiskItem, ControlMeasure))
        now = datetime.now(tz=UTC)
        done = 0
        while done < n:
            size = min(BATCH // 4, n - done)
            projects, screenings, risks, measures = [], [], [], []
            for _ in range(size):
                category = rng.choice("ABC")
                projects.append(
                    {
                        "id": pid,
                        "organisation_id": org.pk,
                        "created_by_id": user.pk,
                        "name": f"Synthetic project {pid} (bench)",
                        "host_country_id": rng.choice(countries).pk,
                        "sector": rng.choice(sectors),
                        "capacity": rng.randint(1, 2000),
                        "category": category,
                        "answers": {},
                        "status": "draft",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                screenings.append(
                    {
                        "id": sid,
                        "project_id": pid,
                        "ruleset_id": ruleset.pk,
                        "ruleset_version": ruleset.version,
                        "category": category,
                        "points": rng.randint(0, 20),
                        "factors": [],
                        "lights": {},
                        "inputs": {},
                        "site_results": [],
                        "created_by_id": user.pk,
                        "created_at": now,
                    }
                )
                sid += 1
                for k in range(3):
                    likelihood, severity = rng.randint(1, 5), rng.randint(1, 5)
                    risks.append(
                        {
                            "id": rid,
                            "project_id": pid,
                            "code": f"bench-risk-{k}",
                            "dimension": rng.choice(("air", "water", "soil", "biodiversity")),
                            "title": f"Synthetic risk {k}",
                            "description": "Synthetic risk for benchmarks.",
                            "likelihood": likelihood,
                            "severity": severity,
                            "rating": likelihood * severity,
                            "amplified_by": [],
                        }
                    )
                    measures.append(
                        {
                            "id": mid,
                            "project_id": pid,
                            "code": f"bench-measure-{k}",
                            "title": f"Synthetic measure {k}",
                            "phase": rng.choice(("design", "construction", "operation")),
                        }
                    )
                    rid += 1
                    mid += 1
                pid += 1
            with transaction.atomic():
                self._write(Project, projects)
                self._write(Screening, screenings)
                self._write(RiskItem, risks)
                self._write(ControlMeasure, measures)
            done += size
        self._reset_sequences(Project, Screening, RiskItem, ControlMeasure)
