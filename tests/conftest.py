"""Personas and fixtures shared by the whole suite.

alice owns enterprise Acme and bob is a plain member there; charlie owns Globex and must never
see Acme's data; rita is a lead reviewer at an authority; eddie edits the knowledge base;
nadia is at an NGO; fiona at a bank; sam is portal staff.
"""

import pytest
from django.test import Client

from portal.choices import OrganisationKind, Role
from portal.models import Jurisdiction
from tests.factories import PASSWORD, OrganisationFactory, UserFactory, member_of


@pytest.fixture(autouse=True)
def _english_by_default():
    """A request in another language leaves that language active in the thread (LocaleMiddleware
    activates it); reset, so fixtures that write translated fields write the English column."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _seeded_review_periods(request):
    """A transactional test empties every table on teardown, the review periods that migration
    0006 seeds among them. A serial run puts those tests last; under pytest-xdist a worker may
    run one before another file's tests, so a test that uses the database finds them seeded."""
    uses_db = {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if not uses_db and request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("_django_db_helper")
    from importlib import import_module

    from django.apps import apps

    from assessments.models import ReviewPeriod

    if not ReviewPeriod.objects.exists():
        import_module("assessments.migrations.0006_review_periods").seed(apps, None)


@pytest.fixture
def acme(db):
    return OrganisationFactory(name="Acme Overseas Power", main_sectors=["thermal_power"])


@pytest.fixture
def globex(db):
    return OrganisationFactory(name="Globex Mining")


@pytest.fixture
def alice(acme):
    return member_of(acme, email="alice@acme.test", role=Role.OWNER, full_name="Alice Chen")


@pytest.fixture
def bob(acme):
    return member_of(acme, email="bob@acme.test", role=Role.MEMBER, full_name="Bob Li")


@pytest.fixture
def charlie(globex):
    return member_of(globex, email="charlie@globex.test", role=Role.OWNER, full_name="Charlie Wang")


@pytest.fixture
def authority(db):
    org = OrganisationFactory(kind=OrganisationKind.AUTHORITY, name="Review Authority", registration_number="")
    Jurisdiction.objects.create(organisation=org, country="KZ", sector="")
    return org


@pytest.fixture
def rita(authority):
    return member_of(authority, email="rita@authority.test", role=Role.LEAD_REVIEWER)


@pytest.fixture
def eddie(db):
    from portal.demo import editor_group

    org = OrganisationFactory(kind=OrganisationKind.EDITORIAL, name="Editors", registration_number="")
    user = member_of(org, email="eddie@editors.test", role=Role.OWNER, is_staff=True)
    user.groups.add(editor_group())
    return user


@pytest.fixture
def nadia(db):
    org = OrganisationFactory(kind=OrganisationKind.NGO, name="River Watch", registration_number="")
    return member_of(org, email="nadia@ngo.test", role=Role.OWNER)


@pytest.fixture
def fiona(db):
    org = OrganisationFactory(kind=OrganisationKind.FINANCIAL, name="Green Bank", registration_number="")
    return member_of(org, email="fiona@bank.test", role=Role.OWNER)


@pytest.fixture
def sam(db):
    return UserFactory(email="sam@portal.test", is_staff=True, is_superuser=True)


@pytest.fixture
def login():
    """``login(user)`` returns a test client with that user's session."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(scope="session")
def celery_worker_process(tmp_path_factory):
    """A real Celery worker process on the real Redis broker (not eager), for task tests.

    The worker reads its own settings from the environment; mail goes to a folder the test
    can read. Yields that folder.
    """
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.services import redis_available, redis_url

    if not redis_available():
        pytest.skip("needs Redis: set REDIS_URL to a reachable Redis (e.g. redis://127.0.0.1:6379/0)")
    mail_dir = tmp_path_factory.mktemp("worker-mail")
    log = tmp_path_factory.mktemp("worker-log") / "worker.log"
    env = {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "REDIS_URL": redis_url(),
        "CELERY_EAGER": "0",
        "EMAIL_URL": f"file://{mail_dir}",
        "VAR_DIR": str(tmp_path_factory.mktemp("worker-var")),
    }
    root = Path(__file__).resolve().parents[1]
    with open(log, "w") as log_file:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "-Q",
                "default,render,mail",
                "--pool",
                "solo",
                "--loglevel",
                "INFO",
                "--hostname",
                f"pytest-{os.getpid()}@%h",
            ],
            cwd=root,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    from portal.celery import app

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail("the Celery worker exited:\n" + log.read_text())
            if app.control.ping(timeout=0.5):
                break
        else:
            pytest.fail("the Celery worker did not answer within 60 s:\n" + log.read_text())
        yield mail_dir
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def not_eager(settings):
    """Send tasks through the broker for this test instead of running them in-process."""
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = previous
