"""In-process measurements for the benchmark, one database per process (run.py starts it with
DATABASE_URL set): SQL queries per page, search and list latency, cost of each middleware.

    python -m tests.bench.probe queries URL...    -> {"url": queries}
    python -m tests.bench.probe latency           -> {"name": {"median_ms", "p95_ms", "n"}}
    python -m tests.bench.probe middleware        -> {"middleware": share of an anonymous request}

Prints one JSON object on stdout.
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# Queries a reader might type, from common words (many matches) to identifiers and syntax.
SEARCHES = [
    "air",
    "water quality",
    "ambient air quality standard",
    "sulphur dioxide emission",
    '"heavy metals"',
    "mining -coal",
    "mercury or cadmium",
    "BENCH 123",
    "SYN 4567",
    "охрана окружающей среды",
    "tailings dam groundwater",
    "quillwort",
]


def _timed(client: Client, url: str, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return times


def _summary(times: list[float]) -> dict:
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 2),
        "n": len(times),
    }


def queries(urls: list[str]) -> dict:
    client = Client()
    out = {}
    for url in urls:
        client.get(url)  # warm caches of the process (templates, translations)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url).status_code
        out[url] = {"queries": len(ctx.captured_queries), "status": status}
    return out


def latency() -> dict:
    from django.utils import translation

    from knowledge.models import Country

    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    client = Client()
    codes = list(Country.objects.order_by("iso2").values_list("iso2", flat=True)[:3])
    out = {}
    search_times, api_times = [], []
    for q in SEARCHES:
        client.get("/knowledge/search/", {"q": q})  # first run: plans and pages into memory
        search_times += _timed(client, "/knowledge/search/?" + _qs(q=q), repeat)
        api_times += _timed(client, "/api/v1/search/?" + _qs(q=q), repeat)
    out["search page"] = _summary(search_times)
    out["search API"] = _summary(api_times)
    list_times, api_list_times = [], []
    for code in codes:
        for extra in ({}, {"type": "standard"}, {"q": "water"}, {"sort": "-year"}):
            params = {"jurisdiction": code, **extra}
            list_times += _timed(client, "/knowledge/instruments/?" + _qs(**params), repeat)
            api_list_times += _timed(client, "/api/v1/instruments/?" + _qs(**params), repeat)
    out["filtered instrument list"] = _summary(list_times)
    out["filtered instrument API"] = _summary(api_list_times)
    translation.deactivate()
    return out


def _qs(**params) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


def middleware() -> dict:
    """Each middleware's share of an anonymous request to the trivial view: the time of the
    chain up to and including it minus the time of the chain before it, over the time of the
    whole chain (prefixes keep every middleware's own dependencies installed)."""
    from django.conf import settings

    repeat = int(os.environ.get("BENCH_MW_REPEAT", "2000"))
    chain = list(settings.MIDDLEWARE)

    def run(mw: list[str]) -> float:
        with override_settings(MIDDLEWARE=mw):
            client = Client()
            for _ in range(100):
                client.get("/bench/trivial/")
            best = None
            for _round in range(3):
                t = time.perf_counter()
                for _ in range(repeat):
                    client.get("/bench/trivial/")
                elapsed = (time.perf_counter() - t) / repeat
                best = elapsed if best is None else min(best, elapsed)
            return best

    times = [run(chain[:i]) for i in range(len(chain) + 1)]
    full = times[-1]
    out = {"_all (µs per request)": round(full * 1e6, 1), "_none (µs per request)": round(times[0] * 1e6, 1)}
    for i, name in enumerate(chain, start=1):
        out[name] = round(max(0.0, (times[i] - times[i - 1]) / full), 3)
    return out


def compliance() -> dict:
    """The public compliance page of the demo's operating project: SQL queries and latency with
    its four filed quarters, then with twelve (eight more copied in a transaction that is rolled
    back), so the growth of both with the history shows."""
    import datetime as dt

    from django.db import transaction

    from assessments.models import PerformanceReport, Project, ReportCheck

    repeat = int(os.environ.get("BENCH_REPEAT", "5")) * 4
    project = Project.objects.filter(performance_reports__status="submitted").distinct().first()
    if project is None:
        raise SystemExit("no project with filed reports (load_demo)")
    url = f"/enterprises/{project.organisation_id}/compliance/{project.reference}/"
    client = Client()

    def measure() -> dict:
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url).status_code
        return {"queries": len(ctx.captured_queries), "status": status, **_summary(_timed(client, url, repeat))}

    out = {"url": url, "4 quarters": measure()}
    with transaction.atomic():
        template = PerformanceReport.objects.filter(project=project, status="submitted").first()
        checks = list(ReportCheck.objects.filter(report=template))
        first = PerformanceReport.objects.filter(project=project).order_by("period_start").first().period_start
        for i in range(1, 9):
            end = first - dt.timedelta(days=1 + 92 * (i - 1))
            start = dt.date(end.year, 3 * ((end.month - 1) // 3) + 1, 1)
            end = dt.date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1) - dt.timedelta(days=1)
            report = PerformanceReport.objects.create(
                project=project,
                frequency="quarterly",
                period_start=start,
                period_end=end,
                due_date=end + dt.timedelta(days=30),
                status="submitted",
            )
            for c in checks:
                c.pk, c.report = None, report
            ReportCheck.objects.bulk_create(checks)
        out["12 quarters"] = measure()
        transaction.set_rollback(True)
    return out


if __name__ == "__main__":
    what = sys.argv[1]
    result = {
        "queries": lambda: queries(sys.argv[2:]),
        "latency": latency,
        "middleware": middleware,
        "compliance": compliance,
    }[what]()
    print(json.dumps(result))
