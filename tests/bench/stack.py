"""A portal stack of its own on 127.0.0.1, shared by the fault drills (``faults.py``) and the
load test (``load.py``): gunicorn with production settings (DEBUG off), a fresh PostgreSQL
database, a ``redis-server`` on a free port of its own (the machine's Redis is never touched), a
Celery worker and Celery beat. Each process is started in a session of its own and ended by
its id; the caller owns the work folder and the database name.
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PY = str(ROOT / ".venv" / "bin" / "python")
CELERY = str(ROOT / ".venv" / "bin" / "celery")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
RESULTS = ROOT / "tests" / "bench" / "results"
DEMO_PASSWORD = "green-demo-2026"  # noqa: S105 - the demo logins' password (README)


def missing_tools(*tools: str) -> bool:
    """Say on stderr which of ``tools`` this machine lacks; True when any is missing."""
    missing = [tool for tool in tools if not shutil.which(tool)]
    for tool in missing:
        print(f"{tool} is missing (apt-get install redis-server postgresql-client)", file=sys.stderr)
    return bool(missing)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(pg: str, sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", f"{pg}/{db}", "-Atc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def redis_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def get_status(url: str, **kw) -> int | None:
    try:
        return requests.get(url, timeout=10, allow_redirects=False, **kw).status_code
    except requests.RequestException:
        return None


def wait_for(check, seconds: float, what: str, interval: float = 0.3):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except Exception:  # noqa: BLE001 - not there yet
            value = None
        if value:
            return value
        time.sleep(interval)
    raise RuntimeError(f"{what} not ready after {seconds} s")


class Stack:
    """The run's own processes. ``name`` labels the database connections (application_name),
    the Celery hostname and the secret key; ``extra_env`` is added to every process's environment
    (the drills shorten the render and visibility timeouts there)."""

    def __init__(
        self,
        work: Path,
        *,
        name: str,
        pg: str,
        db: str,
        probe_module: str,
        extra_env: dict | None = None,
        web_workers: int = 2,
        worker_concurrency: int = 2,
    ):
        self.work = work
        self.name, self.pg, self.db = name, pg, db
        self.probe_module = probe_module
        self.extra_env = extra_env or {}
        self.web_workers, self.worker_concurrency = web_workers, worker_concurrency
        self.web_port = free_port()
        self.redis_port = free_port()
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.procs: dict[str, subprocess.Popen] = {}
        self.media = work / "media"
        self.media.mkdir(parents=True)
        self.mail = work / "mail"
        self.media_capped = False
        self.secret = f"{name}-" + secrets.token_hex(32)

    def env(self, **extra) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.update(
            {
                "DEBUG": "0",
                "SECRET_KEY": self.secret,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "0",
                "STATIC_MANIFEST": "0",
                "SITE_URL": self.base,
                "DATABASE_URL": f"{self.pg}/{self.db}",
                "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
                "CELERY_EAGER": "0",
                # Every email the portal sends is a file here (one per message), as SMTP would get it.
                "EMAIL_URL": f"file://{self.mail}",
                "VAR_DIR": str(self.work / "var"),
                "MEDIA_ROOT": str(self.media),
                "PUBLIC_CACHE": "1",
                "LOG_LEVEL": "WARNING",
                **self.extra_env,
            }
        )
        env.update(extra)
        return env

    def psql(self, sql: str) -> str:
        return psql(self.pg, sql, self.db)

    def manage(self, *args: str, **extra) -> str:
        out = subprocess.run(
            [PY, "manage.py", *args], cwd=ROOT, env=self.env(**extra), capture_output=True, text=True, check=False
        )
        if out.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{out.stderr[-3000:]}")
        return out.stdout

    def probe(self, *args: str) -> dict:
        out = subprocess.run(
            [PY, "-m", self.probe_module, *args], cwd=ROOT, env=self.env(), capture_output=True, text=True
        )
        if out.returncode:
            raise RuntimeError(f"probe {args} failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    def digest(self) -> dict:
        return json.loads(self.manage("records_digest"))

    def create_database(self) -> None:
        """A fresh database with the knowledge base and the demo (tasks eager while loading)."""
        psql(self.pg, f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")
        psql(self.pg, f"CREATE DATABASE {self.db}")
        eager = {"REDIS_URL": "", "CELERY_EAGER": "1"}
        self.manage("migrate", "--no-input", "-v", "0", **eager)
        self.manage("load_knowledge", "--if-changed", **eager)
        self.manage("load_assessment_data", **eager)
        self.manage("load_demo", **eager)

    def drop_database(self) -> None:
        psql(self.pg, f"DROP DATABASE IF EXISTS {self.db} WITH (FORCE)")

    def _start(self, name: str, argv: list[str], **extra) -> None:
        logfile = open(self.work / f"{name}.log", "a")  # noqa: SIM115 - kept open while it runs
        # Named connections, so the PostgreSQL drill can tell the web's from the worker's.
        extra.setdefault("DATABASE_URL", f"{self.pg}/{self.db}?application_name={self.name}-{name}")
        self.procs[name] = subprocess.Popen(
            argv, cwd=ROOT, env=self.env(**extra), stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self, name: str, sig=signal.SIGTERM, wait: float = 30) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)  # the group of the process this run started, by its id
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def start_redis(self) -> None:
        (self.work / "redis").mkdir(exist_ok=True)
        # Append-only file on, as a broker in production has: what was queued survives a restart.
        self._start(
            "redis",
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--dir",
                str(self.work / "redis"),
            ],
        )
        wait_for(lambda: redis_ping(self.redis_port), 20, "redis")

    def start_web(self) -> None:
        self._start(
            "web",
            [
                GUNICORN,
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.web_port}",
                "--workers",
                str(self.web_workers),
                "--timeout",
                "60",
            ],
        )
        wait_for(lambda: get_status(self.base + "/accounts/login/") == 200, 60, "gunicorn")

    def start_worker(self, name: str = "worker", queues: str = "default,render,mail", concurrency: int = 0) -> None:
        logfile = self.work / f"{name}.log"
        offset = logfile.stat().st_size if logfile.exists() else 0
        self._start(
            name,
            [
                CELERY,
                "-A",
                "portal",
                "worker",
                "-Q",
                queues,
                "--concurrency",
                str(concurrency or self.worker_concurrency),
                "--hostname",
                f"{self.name}-{name}-{self.web_port}@%h",
                "--loglevel",
                "INFO",
            ],
        )
        wait_for(lambda: "ready" in logfile.read_text()[offset:], 60, f"celery {name}")

    def start_beat(self) -> None:
        self._start(
            "beat",
            [
                CELERY,
                "-A",
                "portal",
                "beat",
                "--schedule",
                str(self.work / "beat-schedule"),
                "--pidfile",
                str(self.work / "beat.pid"),
                "--loglevel",
                "INFO",
            ],
        )

    def start_all(self) -> None:
        self.start_redis()
        self.start_web()
        self.start_worker()
        self.start_beat()

    def stop_all(self) -> None:
        """Beat first, then the workers, gunicorn and Redis last (the workers ack to it)."""
        order = ["beat", *sorted(n for n in self.procs if n.startswith("worker")), "web", "redis"]
        for name in order + [n for n in list(self.procs) if n not in order]:
            self.stop(name)


def login(base: str, email: str, password: str = DEMO_PASSWORD) -> tuple[int | None, int | None]:
    """A real form login: (status of the POST, status of the dashboard with that session)."""
    try:
        form = requests.get(base + "/accounts/login/", timeout=15)
        csrf = form.cookies.get("csrftoken") or ""
        token = form.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        answer = requests.post(
            base + "/accounts/login/",
            data={"csrfmiddlewaretoken": token, "login": email, "password": password},
            headers={"Cookie": f"csrftoken={csrf}", "Referer": base + "/accounts/login/"},
            allow_redirects=False,
            timeout=15,
        )
        session = answer.cookies.get("sessionid") or ""
        dashboard = requests.get(
            base + "/dashboard/", headers={"Cookie": f"sessionid={session}"}, allow_redirects=False, timeout=15
        )
        return answer.status_code, dashboard.status_code
    except (requests.RequestException, IndexError):
        return None, None


def api(base: str, token: str, method: str, path: str, **kw) -> requests.Response:
    return requests.request(method, base + path, headers={"Authorization": f"Token {token}"}, timeout=30, **kw)
