"""The benchmark harness (issue 11.1): ``make bench``.

Every figure is a ratio or a growth factor measured in one run on one machine:

1. Throughput of public pages and API lists through gunicorn (2 sync workers, DEBUG off,
   PostgreSQL, Redis cache) relative to a trivial view of the same server, uncached ("cold":
   PUBLIC_CACHE=0) and from the warm anonymous cache, with wrk (16 connections); non-2xx counted.
2. SQL queries per page and API list with 10 and with 1,000 instruments.
3. Search and filtered-list latency (median, p95) at each size of BENCH_SIZES and the growth
   from the smallest size; the public compliance page of the demo's operating project, its
   queries and latency with four and with twelve filed quarters.
4. The share of each middleware in an anonymous request to the trivial view.

Needs PostgreSQL (BENCH_PG, default postgres://postgres@127.0.0.1:5432), Redis (BENCH_REDIS,
default redis://127.0.0.1:6379/12) and wrk (Debian package). Databases gp_bench_* (BENCH_DB_PREFIX) are created
and dropped again (BENCH_KEEP=1 keeps them for another run). Writes tests/bench/results/latest.json
and latest.md.

Environment: BENCH_SIZES (default 10000,100000,1000000), BENCH_SECONDS per wrk run (default 5),
BENCH_REPEAT per latency sample (default 5). Duration on the 2-core machine: about 6 minutes with
BENCH_SIZES=10000,100000, about 25 with 1,000,000 (most of it filling the 1M database).
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
RESULTS = ROOT / "tests" / "bench" / "results"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/12")
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000,1000000").split(",") if s.strip()]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
# Two benches on one PostgreSQL at once need different prefixes (and ports, and Redis databases).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "gp_bench")

PAGES = [
    ("home", "/"),
    ("knowledge home (map)", "/knowledge/"),
    ("country profile", "/knowledge/countries/KZ/"),
    ("instrument detail", "/knowledge/instruments/cn-gb-3095-2012/"),
    ("guidance detail", "/knowledge/guidance/KZ/thermal_power/"),
    ("instrument list, first page", "/knowledge/instruments/"),
    ("guidance grid", "/knowledge/guidance/"),
    ("province profile", "/knowledge/countries/cn/regions/cn-xj/"),
    ("guide (article)", "/knowledge/articles/china-2013-guidelines-environmental-protection-foreign-investment/"),
    ("search page", "/knowledge/search/?q=air+quality"),
    ("API instruments", "/api/v1/instruments/"),
    ("API limits", "/api/v1/limits/"),
    ("API search", "/api/v1/search/?q=air+quality"),
    ("API regions", "/api/v1/regions/"),
    ("statistics", "/statistics/"),
    ("disclosure register", "/disclosure/"),
    ("disclosed project", "/disclosure/GBR-BENCH-000001/"),
    ("API disclosures", "/api/v1/disclosures/"),
    ("alert subscription", "/disclosure/alerts/"),
]
QUERY_URLS = [
    "/",
    "/knowledge/",
    "/knowledge/instruments/",
    "/knowledge/instruments/?page=2",
    "/knowledge/search/?q=air",
    "/knowledge/search/",
    "/api/v1/instruments/",
    "/api/v1/limits/",
    "/api/v1/search/?q=air",
    "/api/v1/countries/",
    "/statistics/",
    "/disclosure/",
    "/disclosure/?window=open&ordering=-unanswered",
    "/disclosure/?q=synthetic",
    "/disclosure/GBR-BENCH-000001/",
    "/api/v1/disclosures/",
    "/disclosure/alerts/",
]
TARGETS = {"cold": 0.10, "cold search": 0.05, "warm": 0.5, "growth": 5.0}


def log(msg: str) -> None:
    print(f"[bench {datetime.now(tz=UTC):%H:%M:%S}] {msg}", flush=True)


def env_for(db: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
        "DATABASE_URL": f"{PG}/{db}",
        "REDIS_URL": REDIS,
        "CELERY_EAGER": "1",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SEARCH_ANON_RATE": "",
        # The load comes from one address: the throttles would measure themselves, not the page.
        "API_ANON_RATE": "1000000/second",
        "LOG_LEVEL": "WARNING",
        # DEBUG off means SMTP on localhost:25 by default; the demo's notifications must not need one.
        "EMAIL_URL": "console://",
        **extra,
    }


def psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", f"{PG}/{db}", "-qtAc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def manage(db: str, *args: str, **extra) -> str:
    out = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env_for(db, **extra), check=True, capture_output=True, text=True
    )
    return out.stdout


def database(name: str, *, instruments: int | None = None, demo: bool = False) -> str:
    """A migrated database: the shipped knowledge base (instruments=None) or synthetic rows;
    ``demo`` adds the assessment catalogue and the demo data (``make run``'s projects)."""
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"
    if exists and KEEP:
        # A kept database catches up with the code's migrations (nothing to do when it is current).
        manage(name, "migrate", "--no-input", "-v", "0")
        return name
    if exists:
        psql(f"DROP DATABASE {name}")
    psql(f"CREATE DATABASE {name}")
    manage(name, "migrate", "--no-input", "-v", "0")
    t = time.monotonic()
    if instruments is None:
        manage(name, "load_knowledge")
        # The disclosure pages (issue 14) need disclosed projects next to the shipped knowledge.
        manage(name, "bench_fill", "--instruments", "0", "--disclosures", "50", "--seed", "1", "--force")
        if demo:
            manage(name, "load_assessment_data")
            manage(name, "load_demo")
    else:
        projects = min(100_000, instruments // 10) if instruments >= 100_000 else 0
        # Disclosed projects grow with the instruments (10 and 1,000 in the query stage), capped.
        disclosures = min(instruments, 1000)
        manage(
            name,
            "bench_fill",
            *("--instruments", str(instruments), "--projects", str(projects)),
            *("--disclosures", str(disclosures), "--seed", "1"),
        )
    log(f"filled {name} in {time.monotonic() - t:.0f} s")
    return name


def demo_pages(db: str) -> list[tuple[str, str]]:
    """The public pages of performance, rating and blacklist (issue 15), on the demo's operating
    project and its enterprise: their addresses hold ids, so they are read from the database."""
    code = (
        "from assessments.models import Project;"
        "p = Project.objects.filter(performance_reports__status='submitted').distinct().first();"
        "print(p.organisation_id, p.reference)"
    )
    org, reference = manage(db, "shell", "-c", code).split()[-2:]
    return [
        ("enterprise ratings", "/enterprises/"),
        ("enterprise page", f"/enterprises/{org}/"),
        ("compliance page", f"/enterprises/{org}/compliance/{reference}/"),
        ("blacklist", "/blacklist/"),
    ]


def probe(db: str, *args: str) -> dict:
    out = subprocess.run(
        [PY, "-m", "tests.bench.probe", *args],
        cwd=ROOT,
        env=env_for(db, PUBLIC_CACHE="0"),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- throughput ------------------------------------------------------------------------------------


def wrk(path: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{SECONDS}s", "--latency", f"http://127.0.0.1:{PORT}{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    socket_errors = sum(int(x) for x in errors.groups()) if errors else 0
    return {"rps": rps, "requests": total, "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": socket_errors}


def serve(db: str, cache: bool) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env_for(db, PUBLIC_CACHE="1" if cache else "0"),
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", PORT), timeout=0.2):
                break
        except OSError:
            time.sleep(0.2)
    try:
        for path in ["/bench/trivial/"] + [p for _n, p in PAGES]:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60) as response:  # noqa: S310
                if response.status != 200:
                    raise SystemExit(f"{path}: {response.status}")
    except BaseException:
        # A page that fails before the measuring starts must not leave the server on the port.
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        raise
    return server


def throughput(db: str, cache: bool) -> dict:
    redis_flush()
    server = serve(db, cache)
    try:
        for _name, path in PAGES:  # warm-up: both workers, cache filled in warm mode
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=60).read()  # noqa: S310
        trivial_before = wrk("/bench/trivial/")
        rows = {name: wrk(path) for name, path in PAGES}
        trivial_after = wrk("/bench/trivial/")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    trivial = (trivial_before["rps"] + trivial_after["rps"]) / 2
    for row in rows.values():
        row["ratio"] = round(row["rps"] / trivial, 3)
    return {
        "trivial_rps": round(trivial, 1),
        "trivial": [trivial_before, trivial_after],
        "pages": rows,
    }


def redis_flush() -> None:
    subprocess.run([PY, "-c", f"import redis; redis.Redis.from_url('{REDIS}').flushdb()"], cwd=ROOT, check=True)


# --- report --------------------------------------------------------------------------------------------


def markdown(result: dict) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Run {result['started']} on {result['machine']}; wrk {SECONDS} s per URL, 16 connections; "
        f"gunicorn 2 sync workers, DEBUG off, PostgreSQL, Redis cache. Duration {result['duration_s']} s.",
        "",
        "## Throughput relative to a trivial view of the same server",
        "",
        f"Trivial view: {result['cold']['trivial_rps']} req/s (uncached run), "
        f"{result['warm']['trivial_rps']} req/s (cached run). Targets: uncached ≥ 0.10 (search ≥ 0.05), "
        "warm cache ≥ 0.5.",
        "",
        "wrk gives up on a request after 2 s: a timeout is counted apart from a non-2xx answer.",
        "",
        "| page | uncached | warm cache | non-2xx (uncached / warm) | timeouts (uncached / warm) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, _path in PAGES:
        c, w = result["cold"]["pages"][name], result["warm"]["pages"][name]
        lines.append(
            f"| {name} | {c['ratio']:.3f} | {w['ratio']:.3f} | {c['non_2xx']} / {w['non_2xx']} "
            f"| {c['socket_errors']} / {w['socket_errors']} |"
        )
    lines += [
        "",
        "## SQL queries per page (10 and 1,000 instruments)",
        "",
        "| URL | 10 | 1,000 | equal |",
        "| --- | ---: | ---: | --- |",
    ]
    for url in QUERY_URLS:
        a, b = result["queries"]["10"][url]["queries"], result["queries"]["1000"][url]["queries"]
        lines.append(f"| `{url}` | {a} | {b} | {'yes' if a == b else 'NO'} |")
    sizes = [str(s) for s in SIZES]
    lines += [
        "",
        "## Latency in-process (median / p95, ms) and growth of p95 from the smallest size",
        "",
        "| measure | " + " | ".join(f"{int(s):,}" for s in sizes) + " | p95 growth |",
        "| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |",
    ]
    for name in result["latency"][sizes[0]]:
        cells = [f"{result['latency'][s][name]['median_ms']} / {result['latency'][s][name]['p95_ms']}" for s in sizes]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {result['growth'][name]}× |")
    lines += [
        "",
        "## Share of each middleware in an anonymous request to the trivial view",
        "",
        "| middleware | share |",
        "| --- | ---: |",
    ]
    for name, share in result["middleware"].items():
        lines.append(f"| {name} | {share} |")
    if "compliance" in result:
        c = result["compliance"]
        lines += [
            "",
            "## Public compliance page (demo project, in-process)",
            "",
            f"`{c['url']}`",
            "",
            "| history | SQL queries | median ms | p95 ms |",
            "| --- | ---: | ---: | ---: |",
        ]
        for label in ("4 quarters", "12 quarters"):
            row = c[label]
            lines.append(f"| {label} | {row['queries']} | {row['median_ms']} | {row['p95_ms']} |")
    lines += ["", "## Targets", ""]
    for check, ok in result["targets"].items():
        lines.append(f"- {'met' if ok else 'NOT met'}: {check}")
    return "\n".join(lines) + "\n"


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk (make bench installs it when run as root)", file=sys.stderr)
        return 2
    started = time.monotonic()
    result: dict = {
        "started": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "sizes": SIZES,
    }
    partial = RESULTS / "partial.json"
    if os.environ.get("BENCH_RESUME") == "1" and partial.exists():
        # Resume a run that stopped: stages already measured are kept (same machine, same day).
        result.update({k: v for k, v in json.loads(partial.read_text()).items() if k not in ("started",)})

    def save():
        RESULTS.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")

    created = []
    try:
        log("pages database (the shipped knowledge base)")
        pages_db = database(f"{DB_PREFIX}_pages", demo=True)
        created.append(pages_db)
        PAGES.extend(p for p in demo_pages(pages_db) if p not in PAGES)
        if "warm" not in result:
            log("throughput, uncached")
            result["cold"] = throughput(pages_db, cache=False)
            log("throughput, warm cache")
            result["warm"] = throughput(pages_db, cache=True)
            save()
        if "middleware" not in result:
            log("middleware")
            result["middleware"] = probe(pages_db, "middleware")
            save()
        if "queries" not in result:
            result["queries"] = {}
            for n in (10, 1000):
                db = database(f"{DB_PREFIX}_q{n}", instruments=n)
                created.append(db)
                result["queries"][str(n)] = probe(db, "queries", *QUERY_URLS)
            save()
        if "compliance" not in result:
            # The public compliance page of a project (issue 15.1): demo data, four filed quarters.
            log("public compliance page (demo data)")
            result["compliance"] = probe(pages_db, "compliance")
            save()
        result.setdefault("latency", {})
        for size in SIZES:
            if str(size) in result["latency"]:
                continue
            log(f"latency at {size:,} instruments")
            db = database(f"{DB_PREFIX}_{size}", instruments=size)
            created.append(db)
            result["latency"][str(size)] = probe(db, "latency")
            save()
            if not KEEP:
                psql(f"DROP DATABASE {db}")
                created.remove(db)
    finally:
        if not KEEP:
            for db in created:
                psql(f"DROP DATABASE IF EXISTS {db}")
    first = str(SIZES[0])
    last = str(SIZES[-1])
    result["growth"] = {
        name: round(result["latency"][last][name]["p95_ms"] / result["latency"][first][name]["p95_ms"], 2)
        for name in result["latency"][first]
    }
    cold, warm = result["cold"]["pages"], result["warm"]["pages"]
    search_pages = {"search page", "API search"}
    targets = {}
    for name, _path in PAGES:
        floor = TARGETS["cold search"] if name in search_pages else TARGETS["cold"]
        targets[f"uncached {name} ≥ {floor}: {cold[name]['ratio']:.3f}"] = cold[name]["ratio"] >= floor
        targets[f"warm {name} ≥ 0.5: {warm[name]['ratio']:.3f}"] = warm[name]["ratio"] >= TARGETS["warm"]
    for url in QUERY_URLS:
        a, b = result["queries"]["10"][url]["queries"], result["queries"]["1000"][url]["queries"]
        targets[f"queries equal at 10 and 1,000 rows: {url} ({a}, {b})"] = a == b
    for name, growth in result["growth"].items():
        targets[f"{name} p95 {int(last):,} within 5× of {int(first):,}: {growth}×"] = growth <= TARGETS["growth"]
    if "compliance" in result:
        c4, c12 = result["compliance"]["4 quarters"], result["compliance"]["12 quarters"]
        targets[f"compliance page queries equal at 4 and 12 quarters ({c4['queries']}, {c12['queries']})"] = (
            c4["queries"] == c12["queries"]
        )
    bad = sum(r["non_2xx"] for run in (cold, warm) for r in run.values())
    bad += sum(r["non_2xx"] for run in ("cold", "warm") for r in result[run]["trivial"])
    targets[f"zero non-2xx responses in every run: {bad}"] = bad == 0
    slow = sum(r["socket_errors"] for run in (cold, warm) for r in run.values())
    targets[f"no request given up after 2 s (wrk timeouts): {slow}"] = slow == 0
    result["targets"] = targets
    result["duration_s"] = round(time.monotonic() - started)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    (RESULTS / "latest.md").write_text(markdown(result))
    partial.unlink(missing_ok=True)
    log(f"done in {result['duration_s']} s: tests/bench/results/latest.md")
    print(markdown(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
