"""Fault drills (issue 17.2): ``make faults``.

Starts a stack of its own on 127.0.0.1 (gunicorn with production settings, a fresh PostgreSQL
database, a Redis server on a port of its own, a Celery worker and Celery beat), loads the demo,
then breaks one part at a time while it serves, and checks what a user and an operator would:

1. ``worker``: SIGKILL the Celery worker (main process and children) while it renders a project
   report PDF; restart it. The render must finish exactly once: one "rendered" event, one file,
   its SHA-256 as recorded. (``acks_late``: the message comes back after the visibility timeout;
   the beat job requeues a render stuck in "rendering".)
2. ``redis``: stop the drill's Redis for FAULTS_REDIS_OUTAGE seconds (default 60). Public pages,
   the API and login keep answering; an action that queues work says so or waits in the outbox;
   once Redis is back the queued work is sent and done. The machine's own Redis (6379) is never
   touched.
3. ``postgres``: terminate every connection of the portal's database (``pg_terminate_backend``;
   restarting a shared PostgreSQL is not an option on a shared machine). The next requests and
   the next task must succeed (persistent connections with ``CONN_HEALTH_CHECKS``).
4. ``disk``: the media folder is a size-capped tmpfs (needs root; otherwise the drill is
   skipped and says why). Fill it, upload a document: a clear refusal, no row, no partial
   file; free the space and the same upload is stored.
5. ``decisions``: two lead reviewers decide the same submission at the same instant through
   the API: one decision, one 409.
   (Two comment moderations at once join here with the disclosure area's comments, which do not
   exist yet.)

For each drill the counts and checksums of every table and of the media files
(``manage.py records_digest``) are taken before and after and the differences printed.
Results go to tests/bench/results/faults.md (and faults.json) with the command that made them.

Environment: FAULTS_PG (default postgres://postgres@127.0.0.1:5432), FAULTS_DB (gp_faults, dropped
and created again), FAULTS_ONLY (comma-separated drill names), FAULTS_REDIS_OUTAGE (seconds).
"""

import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

from tests.bench import stack as shared
from tests.bench.stack import RESULTS, Stack, api, get_status, login, missing_tools, redis_ping, wait_for

PG = os.environ.get("FAULTS_PG", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB = os.environ.get("FAULTS_DB", "gp_faults")
ONLY = {s.strip() for s in os.environ.get("FAULTS_ONLY", "").split(",") if s.strip()}
OUTAGE = int(os.environ.get("FAULTS_REDIS_OUTAGE", "60"))
MEDIA_CAP = "16m"
# Short timeouts so that a lost worker's render comes back within the drill; production keeps
# the defaults (README: visibility timeout one hour, render timeout ten minutes).
RENDER_TIMEOUT = 20
VISIBILITY_TIMEOUT = 30
PUBLIC_PAGES = ["/", "/knowledge/", "/knowledge/countries/KZ/", "/statistics/", "/blacklist/", "/api/v1/countries/"]


def psql(sql: str, db: str = "postgres") -> str:
    return shared.psql(PG, sql, db)


def log(msg: str) -> None:
    print(f"[faults {datetime.now(tz=UTC):%H:%M:%S}] {msg}", flush=True)


def diff(before: dict, after: dict) -> list[dict]:
    """Tables (and the media folder) whose count or checksum changed."""
    rows = []
    for table in sorted(set(before["tables"]) | set(after["tables"])):
        a, b = before["tables"].get(table, {}), after["tables"].get(table, {})
        if a != b:
            rows.append(
                {
                    "table": table,
                    "before": a.get("count"),
                    "after": b.get("count"),
                    "sha_before": (a.get("sha256") or "")[:12],
                    "sha_after": (b.get("sha256") or "")[:12],
                }
            )
    if before["media"] != after["media"]:
        rows.append(
            {
                "table": "media files",
                "before": before["media"]["files"],
                "after": after["media"]["files"],
                "sha_before": (before["media"]["sha256"] or "")[:12],
                "sha_after": (after["media"]["sha256"] or "")[:12],
            }
        )
    return rows


class Drill:
    """What one drill saw: checks (description, passed), figures and the digest differences."""

    def __init__(self, name: str, title: str, ci: str):
        self.name, self.title, self.ci = name, title, ci
        self.checks: list[tuple[str, bool]] = []
        self.figures: list[str] = []
        self.changes: list[dict] = []
        self.before_totals = self.after_totals = None
        self.started = time.monotonic()
        self.seconds = 0.0
        self.skipped = ""

    def check(self, what: str, ok: bool) -> bool:
        self.checks.append((what, bool(ok)))
        log(f"  {'ok ' if ok else 'FAIL'} {what}")
        return ok

    def figure(self, text: str) -> None:
        self.figures.append(text)
        log(f"  {text}")

    def digest_pair(self, before: dict, after: dict, *, may_change: set[str], may_shrink: set[str] = frozenset()):
        self.changes = diff(before, after)
        self.before_totals = _totals(before)
        self.after_totals = _totals(after)
        for row in self.changes:
            log(f"  digest {row['table']}: {row['before']} -> {row['after']}")
        unexpected = [r["table"] for r in self.changes if r["table"] not in may_change]
        self.check(
            f"no other table changed than those the actions write ({', '.join(unexpected) or 'none'})", not unexpected
        )
        shrunk = [
            r["table"] for r in self.changes if r["table"] not in may_shrink and (r["after"] or 0) < (r["before"] or 0)
        ]
        self.check(f"no table lost a row ({', '.join(shrunk) or 'none'})", not shrunk)

    @property
    def passed(self) -> bool:
        return not self.skipped and all(ok for _what, ok in self.checks)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "ci": self.ci,
            "passed": self.passed,
            "skipped": self.skipped,
            "seconds": round(self.seconds, 1),
            "checks": self.checks,
            "figures": self.figures,
            "changes": self.changes,
            "totals": {"before": self.before_totals, "after": self.after_totals},
        }


def _totals(digest: dict) -> dict:
    return {
        "rows": sum(t["count"] for t in digest["tables"].values()),
        "tables": len(digest["tables"]),
        "media_files": digest["media"]["files"],
    }


# Tables that requests, logins and task bookkeeping write in passing (sessions, login records,
# notifications, audit events, the outbox, the cache-less throttles' database side).
BOOKKEEPING = {
    "portal.AuditEvent",
    "portal.AuditChain",  # the chain head moves with every audited event
    "portal.Notification",
    "portal.OutboxMessage",
    "axes.AccessLog",
    "axes.AccessAttempt",
    "portal.User",  # last_login on a login
}


def public_round(base: str) -> dict[str, int | None]:
    return {path: get_status(base + path) for path in PUBLIC_PAGES}


def request_report(stack: Stack, ctx: dict, language: str, project: str = "report") -> tuple[int, dict]:
    r = api(
        stack.base,
        ctx["tokens"]["alice"],
        "POST",
        f"/api/v1/projects/{ctx[project]}/reports/",
        json={"language": language},
    )
    try:
        body = r.json()
    except ValueError:
        body = {"text": r.text[:300]}
    return r.status_code, body


# --- The drills ---------------------------------------------------------------------------------


def drill_postgres(stack: Stack, ctx: dict) -> Drill:
    d = Drill("postgres", "PostgreSQL connections terminated (pg_terminate_backend)", "yes")
    for _ in range(6):  # both gunicorn workers hold a persistent connection
        public_round(stack.base)
    # ... and so does the worker once it has run a task.
    _code, body = request_report(stack, ctx, "en", project="other")
    wait_for(lambda: _ready(stack, body["id"]), 90, "render before terminate")
    before = stack.digest()
    held = psql(
        "SELECT string_agg(application_name || ' ' || n, ', ') FROM (SELECT application_name, count(*) AS n "
        f"FROM pg_stat_activity WHERE datname = '{DB}' AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1) AS c"
    )
    killed = psql(
        f"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        f"WHERE datname = '{DB}' AND pid <> pg_backend_pid()"
    )
    d.figure(f"connections to the portal's database by process: {held}; terminated: {killed}")
    statuses = []
    for _ in range(3):
        statuses += list(public_round(stack.base).values())
    projects = api(stack.base, ctx["tokens"]["alice"], "GET", "/api/v1/projects/").status_code
    posted, dashboard = login(stack.base, "alice@acme.example")
    d.figure(
        f"first {len(statuses)} public requests after: {_tally(statuses)}; API projects {projects}; "
        f"login {posted} then dashboard {dashboard}"
    )
    d.check("every public request after the termination answered 200", all(s == 200 for s in statuses))
    d.check("the API and a login work on the next request", projects == 200 and posted == 302 and dashboard == 200)
    # The worker's connection was terminated too: its next task must reconnect.
    code, body = request_report(stack, ctx, "ru", project="other")
    t = time.monotonic()
    state = wait_for(lambda: _ready(stack, body["id"]), 90, "render after terminate")
    d.figure(f"a report render asked for after it: {code}, ready in {time.monotonic() - t:.1f} s ({state['state']})")
    d.check("the worker's next task (a render) finished", state["state"] == "ready")
    d.digest_pair(
        before,
        stack.digest(),
        may_change=BOOKKEEPING | {"portal.Artefact", "media files"},
    )
    return d


def _state(artefact_id: int) -> str:
    """The artefact's state straight from the database (fast enough to catch a render running)."""
    return psql(f"SELECT state FROM portal_artefact WHERE id = {int(artefact_id)}", DB)


def _ready(stack: Stack, artefact_id: int) -> dict | None:
    state = stack.probe("artefact", str(artefact_id))
    return state if state["state"] in ("ready", "failed") else None


def _tally(statuses) -> str:
    counts: dict = {}
    for s in statuses:
        counts[s] = counts.get(s, 0) + 1
    return ", ".join(f"{k}×{v}" for k, v in sorted(counts.items(), key=lambda kv: str(kv[0])))


def drill_decisions(stack: Stack, ctx: dict) -> Drill:
    d = Drill("decisions", "Two lead reviewers decide the same submission at once", "yes")
    before = stack.digest()
    barrier = threading.Barrier(2)
    answers: dict[str, requests.Response] = {}
    path = f"/api/v1/review/projects/{ctx['decide']}/decision/"

    def decide(who: str, outcome: str):
        barrier.wait(timeout=10)
        answers[who] = api(
            stack.base,
            ctx["tokens"][who],
            "POST",
            path,
            json={"outcome": outcome, "reasons": f"Fault drill: {who} decides."},
        )

    threads = [threading.Thread(target=decide, args=a) for a in (("rita", "approved"), ("lena", "rejected"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    codes = sorted(r.status_code for r in answers.values())
    loser = next((r for r in answers.values() if r.status_code == 409), None)
    d.figure(f"answers: {codes}; the 409 says: {loser.json() if loser is not None else '-'}")
    d.check("one 201 and one 409", codes == [201, 409])
    state = stack.probe("decisions", str(ctx["decide"]))
    d.figure(f"project status {state['status']}, decisions {state['decisions']}")
    d.check("exactly one decision recorded", len(state["decisions"]) == 1)
    d.digest_pair(
        before,
        stack.digest(),
        # A decision also publishes the disclosure snapshot (register row) and renders the letter.
        may_change=BOOKKEEPING
        | {
            "assessments.Decision",
            "assessments.Review",
            "assessments.Project",
            "assessments.Disclosure",
            "assessments.RegisterEntry",
            "portal.Artefact",
            "media files",
        },
    )
    return d


def drill_worker(stack: Stack, ctx: dict) -> Drill:
    d = Drill("worker", "Celery worker SIGKILLed mid-render (project report PDF)", "yes")
    before = stack.digest()
    for language in ("ar", "en", "zh-hans"):
        code, body = request_report(stack, ctx, language)
        artefact_id = body["id"]
        seen = wait_for(
            lambda aid=artefact_id: _state(aid) in ("rendering", "ready") and _state(aid), 60, "start", 0.05
        )
        if seen == "rendering":
            break
        d.figure(f"the {language} render finished before it could be interrupted; trying another language")
    ctx["worker_artefact"] = artefact_id
    ctx["killed_at"] = time.monotonic()
    stack.stop("worker", sig=signal.SIGKILL)
    killed = stack.probe("artefact", str(artefact_id))
    d.figure(
        f"report {language} requested: {code}; SIGKILL while {seen}; "
        f"after the kill: {killed['state']} (attempt {killed['attempts']}), files {killed['files']}"
    )
    d.check("the worker was killed while the PDF was rendering", seen == "rendering" and killed["state"] == "rendering")
    during = list(public_round(stack.base).values())
    d.check("public pages answer while no worker runs", all(s == 200 for s in during))
    t = time.monotonic()
    stack.start_worker()
    state = wait_for(
        lambda: _ready(stack, artefact_id), VISIBILITY_TIMEOUT + RENDER_TIMEOUT + 90, "render after restart", 1
    )
    d.figure(
        f"worker restarted; render {state['state']} {time.monotonic() - t:.1f} s later, attempts {state['attempts']}"
    )
    # Wait past another visibility timeout: a second delivery of the same message must do nothing.
    time.sleep(VISIBILITY_TIMEOUT + 5)
    state = stack.probe("artefact", str(artefact_id))
    pdfs = [f for f in state["files"] if f.endswith(".pdf")]
    partial = [f for f in state["files"] if f.endswith(".partial")]
    d.figure(
        f"after a further {VISIBILITY_TIMEOUT + 5} s: rendered events {state['rendered_events']}, requeued events "
        f"{state['requeued_events']}, ready notifications {state['ready_notifications']}, files {state['files']}"
    )
    d.check(
        "the render finished exactly once (one 'rendered' event, one notification)",
        state["state"] == "ready" and state["rendered_events"] == 1 and state["ready_notifications"] == 1,
    )
    d.check(
        "one PDF file, no partial file, its SHA-256 as recorded",
        len(pdfs) == 1 and not partial and state["file_matches_sha256"],
    )
    d.digest_pair(before, stack.digest(), may_change=BOOKKEEPING | {"portal.Artefact", "media files"})
    return d


def drill_redis(stack: Stack, ctx: dict) -> Drill:
    d = Drill("redis", f"Redis stopped for {OUTAGE} s", "yes")
    before = stack.digest()
    stack.stop("redis")
    t0 = time.monotonic()
    d.check("the drill's Redis is down", not redis_ping(stack.redis_port))
    rounds, slow, health = [], 0.0, []
    login_result = action = None
    while time.monotonic() - t0 < OUTAGE:
        r0 = time.monotonic()
        rounds += list(public_round(stack.base).values())
        slow = max(slow, (time.monotonic() - r0) / len(PUBLIC_PAGES))
        try:
            h = requests.get(stack.base + "/healthz", timeout=15)
            health.append((h.status_code, h.json().get("down")))
        except (requests.RequestException, ValueError):
            health.append((None, None))
        if login_result is None:
            login_result = login(stack.base, "alice@acme.example")
        if action is None:
            t = time.monotonic()
            action = (*request_report(stack, ctx, "zh-hans"), round(time.monotonic() - t, 1))
        time.sleep(3)
    outbox_during = stack.probe("outbox")
    d.figure(f"{len(rounds)} public requests during the outage: {_tally(rounds)} (slowest round {slow:.2f} s a page)")
    d.figure(f"/healthz during: {sorted({(c, tuple(x or ())) for c, x in health})}")
    d.figure(f"login during: POST {login_result[0]}, dashboard {login_result[1]}")
    d.figure(f"report request during: {action[0]} in {action[2]} s: {json.dumps(action[1])[:300]}")
    d.figure(f"outbox during: {outbox_during}")
    d.check("public pages and the API answered 200 throughout", all(s == 200 for s in rounds))
    d.check("/healthz said 503 and named what is down", all(c == 503 and down for c, down in health))
    d.check("login worked", login_result == (302, 200))
    d.check("the action that queues work answered without a 5xx", action[0] is not None and action[0] < 500)
    stack.start_redis()
    t1 = time.monotonic()
    artefact_id = action[1].get("id")
    state = wait_for(lambda: _ready(stack, artefact_id), 150, "render after Redis", 1) if artefact_id else None
    sent = wait_for(lambda: stack.probe("outbox")["pending"] == 0, 150, "outbox empty", 2)
    outbox_after = stack.probe("outbox")
    d.figure(
        f"Redis back: the queued render {state and state['state']} {time.monotonic() - t1:.1f} s later; "
        f"outbox after: {outbox_after}"
    )
    d.check(
        "after Redis is back the queued work was sent and done",
        bool(sent) and state is not None and state["state"] == "ready" and state["rendered_events"] == 1,
    )
    after_rounds = list(public_round(stack.base).values())
    d.check("pages answer 200 after", all(s == 200 for s in after_rounds))
    d.digest_pair(before, stack.digest(), may_change=BOOKKEEPING | {"portal.Artefact", "media files"})
    return d


def drill_disk(stack: Stack, ctx: dict) -> Drill:
    d = Drill("disk", f"Media folder's disk full (tmpfs capped at {MEDIA_CAP})", "yes, where CI runs as root (it does)")
    if not stack.media_capped:
        d.skipped = "the media folder could not be size-capped (mounting a tmpfs needs root); nothing was tested"
        log(f"  skipped: {d.skipped}")
        return d
    upload = stack.work / "monitoring.csv"
    made = stack.probe("csv", str(upload), "300")
    filler = stack.media / "filler.bin"
    # Fill what is left, then the drill's own digest sees the full folder as "before".
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True, check=False)
    free = shutil.disk_usage(stack.media).free
    d.figure(f"media folder filled: {free} bytes free; upload {made['bytes']} bytes")
    before = stack.digest()
    path = f"/api/v1/projects/{ctx['upload']}/documents/"

    def send():
        with open(upload, "rb") as fh:
            return api(
                stack.base,
                ctx["tokens"]["alice"],
                "POST",
                path,
                files={"file": ("monitoring.csv", fh, "text/csv")},
                data={"kind": "monitoring", "title": "Monitoring data (fault drill)", "visibility": "regulators"},
            )

    refused = send()
    d.figure(f"upload with the disk full: {refused.status_code} {refused.text[:300]}")
    d.check(
        "the upload is refused with a clear message, not a 500",
        refused.status_code in (503, 507) and "store" in refused.text.lower(),
    )
    stored_files = sorted(p.name for p in stack.media.rglob("*") if p.is_file() and p.name != "filler.bin")
    d.digest_pair(before, stack.digest(), may_change=BOOKKEEPING - {"portal.AuditEvent", "portal.AuditChain"})
    d.check(
        "no partial file was left in the media folder",
        not any(".partial" in n or "monitoring" in n for n in stored_files),
    )
    pages = list(public_round(stack.base).values())
    d.check("public pages answer 200 with the disk full", all(s == 200 for s in pages))
    filler.unlink()
    again = send()
    d.figure(f"the same upload after freeing the space: {again.status_code}")
    d.check("the same upload is stored once there is room", again.status_code == 201)
    return d


DRILLS = {
    "postgres": drill_postgres,
    "decisions": drill_decisions,
    "worker": drill_worker,
    "redis": drill_redis,
    "disk": drill_disk,
}


def cap_media(stack: Stack) -> None:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={MEDIA_CAP},mode=0755", "tmpfs", str(stack.media)],
        capture_output=True,
        text=True,
    )
    stack.media_capped = result.returncode == 0
    if not stack.media_capped:
        log(f"could not mount a tmpfs on the media folder: {result.stderr.strip()}")


# What the first runs of these drills found (2026-12-02, before commit 3c59aaf fixed it); kept
# here so the results file says why portal/storage.py and the render outbox exist.
FOUND = """Faults these drills found on their first runs (2026-12-02), fixed in commit 3c59aaf:

- redis: a report asked for with Redis down answered **500 after 20.4 s** (the render was queued
  after commit straight to the broker; the artefact row stayed "queued"). Renders now go through
  the outbox (`portal/outbox.py`, which learnt a queue): the same request answers 202 at once and
  the render is sent when Redis is back.
- disk: with Django's `FileSystemStorage` a 300 KB upload on a full 1 MiB tmpfs raised
  `OSError: [Errno 28] No space left on device` (a 500) and left a **126,976-byte partial file**
  under the upload's real name. `portal/storage.py` now writes under a temporary name, links the
  whole file in place and answers 503 with a message; nothing is kept."""


def markdown(result: dict) -> str:
    lines = [
        "# Fault drills",
        "",
        f"Command: `{result['command']}`  ",
        f"Run: {result['started']} on {result['machine']}, {result['duration_s']} s in all "
        f"({result['setup_s']} s of it setting up the stack and the demo data).",
        "",
        "Stack: gunicorn (2 workers, DEBUG off) on PostgreSQL database "
        f"`{DB}` (created afresh), a Redis server of the drill's own on a free port, one Celery worker "
        "(queues default, render, mail) and Celery beat, all on 127.0.0.1; render timeout "
        f"{RENDER_TIMEOUT} s and visibility timeout {VISIBILITY_TIMEOUT} s for the drill "
        "(production: 600 s and 3,600 s). Counts and checksums: `manage.py records_digest` before "
        "and after each drill; the tables listed changed, every other table is byte-for-byte the same.",
        "",
        "| drill | result | seconds | fits in CI |",
        "| --- | --- | --- | --- |",
    ]
    for name, drill in result["drills"].items():
        verdict = "skipped" if drill["skipped"] else ("passed" if drill["passed"] else "FAILED")
        lines.append(f"| {name}: {drill['title']} | {verdict} | {drill['seconds']} | {drill['ci']} |")
    lines += ["", FOUND]
    for name, drill in result["drills"].items():
        lines += ["", f"## {name}: {drill['title']}", ""]
        if drill["skipped"]:
            lines.append(f"Skipped: {drill['skipped']}.")
            continue
        lines += [f"- {f}" for f in drill["figures"]]
        lines.append("")
        lines += [f"- {'passed' if ok else 'FAILED'}: {what}" for what, ok in drill["checks"]]
        totals = drill["totals"]
        if totals["before"]:
            lines += [
                "",
                f"Records before: {totals['before']['rows']:,} rows in {totals['before']['tables']} tables, "
                f"{totals['before']['media_files']} media files; after: {totals['after']['rows']:,} rows, "
                f"{totals['after']['media_files']} media files.",
                "",
                "| changed | count before | count after | SHA-256 before | after |",
                "| --- | --- | --- | --- | --- |",
            ]
            lines += [
                f"| {c['table']} | {c['before']} | {c['after']} | {c['sha_before']} | {c['sha_after']} |"
                for c in drill["changes"]
            ] or ["| (none) | | | | |"]
    return "\n".join(lines) + "\n"


def main() -> int:
    if missing_tools("redis-server", "psql"):
        return 2
    started = time.monotonic()
    names = [n for n in DRILLS if not ONLY or n in ONLY]
    command = "make faults" + (f" FAULTS_ONLY={','.join(sorted(ONLY))}" if ONLY else "")
    result = {
        "command": command,
        "started": datetime.now(tz=UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "drills": {},
    }
    work = Path(tempfile.mkdtemp(prefix="gp-faults-"))
    stack = Stack(
        work,
        name="faults",
        pg=PG,
        db=DB,
        probe_module="tests.bench.faults_probe",
        extra_env={
            "ARTEFACT_RENDER_TIMEOUT": str(RENDER_TIMEOUT),
            "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        },
    )
    try:
        cap_media(stack)
        log(f"work folder {work}; media {'capped at ' + MEDIA_CAP if stack.media_capped else 'not capped'}")
        log(f"database {DB}: create, migrate, load the knowledge base and the demo")
        stack.create_database()
        log("start redis, gunicorn, celery worker and beat")
        stack.start_all()
        ctx = stack.probe("prepare")
        result["setup_s"] = round(time.monotonic() - started)
        for name in names:
            log(f"drill {name}")
            t = time.monotonic()
            try:
                drill = DRILLS[name](stack, ctx)
            except Exception as exc:  # noqa: BLE001 - a broken drill is a failed drill, the rest still run
                drill = Drill(name, name, "-")
                drill.check(f"the drill ran to its end ({type(exc).__name__}: {exc})", False)
                if "worker" not in stack.procs:
                    stack.start_worker()
                if not redis_ping(stack.redis_port):
                    stack.start_redis()
            drill.seconds = time.monotonic() - t
            result["drills"][name] = drill.as_dict()
        if "worker_artefact" in ctx:
            # At the very end: still one render of the killed worker's report, nothing more.
            late = stack.probe("artefact", str(ctx["worker_artefact"]))
            result["drills"]["worker"]["checks"].append(
                (
                    f"still exactly one render at the end of all drills, "
                    f"{time.monotonic() - ctx['killed_at']:.0f} s after the kill (past the broker's redelivery)",
                    late["rendered_events"] == 1 and late["ready_notifications"] == 1,
                )
            )
            result["drills"]["worker"]["passed"] = all(ok for _w, ok in result["drills"]["worker"]["checks"])
    finally:
        stack.stop_all()
        if stack.media_capped:
            subprocess.run(["umount", str(stack.media)], check=False)
        if os.environ.get("FAULTS_KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)
            stack.drop_database()
    result["duration_s"] = round(time.monotonic() - started)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "faults.json").write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    text = markdown(result)
    (RESULTS / "faults.md").write_text(text)
    print(text)
    failed = [n for n, d in result["drills"].items() if not d["passed"] and not d["skipped"]]
    log(f"done in {result['duration_s']} s; " + (f"FAILED: {', '.join(failed)}" if failed else "all passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
