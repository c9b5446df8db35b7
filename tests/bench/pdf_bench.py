"""Pages per second through the artefact pipeline against WeasyPrint called directly on the
same HTML, in the same run, and the peak memory of a process rendering through the pipeline.

Not collected by pytest (the name does not start with ``test_``). Run from the repository root:

    .venv/bin/python tests/bench/pdf_bench.py [--measures 120] [--runs 3]

It builds a throw-away SQLite database in a temporary folder (migrations, the shipped
screening rules and catalogue, one project with ``--measures`` control measures, about 22
pages), then alternates: one render through ``artefact_request`` (context builder, canonical
hash, template, WeasyPrint, atomic file write, database rows, audit, notification), one direct
``HTML(string=…).write_pdf()`` on that very HTML with the same options (PDF/UA-1, tags), and
one with WeasyPrint's defaults. A fresh child process then renders one more version through
the pipeline, and its peak resident memory (VmHWM) is the worker's figure.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# CPU seconds of this process per measurement: on a machine shared with other work, wall time
# includes waiting for a core; CPU time does not (the render is single-threaded).
CPU: dict[str, list[float]] = {}


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def setup_django(var_dir: str) -> None:
    os.environ.update({"DEBUG": "1", "VAR_DIR": var_dir, "CELERY_EAGER": "1", "EMAIL_URL": "console://"})
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("celery").setLevel(logging.ERROR)


def build_project(measures: int):
    from django.core.management import call_command

    from assessments import services
    from knowledge.choices import PublicationStatus
    from knowledge.models import Country, CountryRisk
    from portal.choices import OrganisationKind, Role
    from portal.models import Membership, Organisation, User

    call_command("migrate", verbosity=0)
    call_command("load_assessment_data", verbosity=0)
    kz = Country.objects.create(iso2="KZ", name="Kazakhstan", status=PublicationStatus.PUBLISHED)
    CountryRisk.objects.create(country=kz, dimension="water", level="high")
    org = Organisation.objects.create(kind=OrganisationKind.ENTERPRISE, name="Bench Enterprise")
    user = User.objects.create_user("bench@example.org", "x" * 12)
    Membership.objects.create(user=user, organisation=org, role=Role.OWNER)
    project = services.project_create(
        organisation=org,
        created_by=user,
        name="Bench Solar",
        host_country=kz,
        sector="solar",
        capacity=20,
        capacity_unit="MW",
    )
    services.project_set_site(
        project=project, site_text='{"type": "Point", "coordinates": [71.0, 50.5]}', fmt="geojson", updated_by=user
    )
    from assessments.rules.questionnaire import QUESTIONS

    services.project_set_answers(
        project=project, answers={q.code: (False if q.kind == "bool" else 0) for q in QUESTIONS}, updated_by=user
    )
    services.project_screen(project=project, screened_by=user)
    text = "Water the haul roads twice a day and cover stockpiles before wind warnings. " * 6
    for n in range(measures):
        services.measure_add(
            project=project,
            added_by=user,
            title=f"Measure {n + 1}",
            description=text,
            phase="construction",
            risk_ids=[],
        )
    return project, user


def pipeline_once(project, user, tag: str):
    """One new version through the whole pipeline (eager, as on the embedded default)."""
    from django.db import transaction

    from assessments import services
    from portal.artefacts import artefact_request

    measure = project.measures.filter(active=True).order_by("pk").first()
    services.measure_answer(measure=measure, answered_by=user, response="accepted", owner=tag)
    start, cpu = time.perf_counter(), time.process_time()
    with transaction.atomic():
        artefact = artefact_request(kind="project_report", subject=project, language="en", requested_by=user)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    artefact.refresh_from_db()
    assert artefact.state == "ready", artefact.failure_reason
    CPU.setdefault("pipeline", []).append(cpu)
    return artefact, elapsed


def vm_hwm_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return -1


def peak_child(var_dir: str) -> None:
    setup_django(var_dir)
    from assessments.models import Project

    project = Project.objects.get(name="Bench Solar")
    before = vm_hwm_kib()
    artefact, elapsed = pipeline_once(project, project.created_by, "peak run")
    say(f"PEAK {before} {vm_hwm_kib()} {artefact.page_count} {elapsed:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=120)
    parser.add_argument("--runs", type=int, default=6)
    parser.add_argument("--peak-child", metavar="VAR_DIR")
    args = parser.parse_args()
    if args.peak_child:
        peak_child(args.peak_child)
        return
    var_dir = tempfile.mkdtemp(prefix="pdf-bench-")
    setup_django(var_dir)
    from weasyprint import HTML

    from portal.artefacts import artefact_html, artefact_inputs
    from portal.pdf import PDF_VARIANT, PortalURLFetcher, base_url

    project, user = build_project(args.measures)
    artefact, _ = pipeline_once(project, user, "warm-up")  # fonts, templates, imports
    CPU.clear()
    pipe, same, plain, build, template, pages = [], [], [], [], [], 0

    def direct(html, **options):
        start, cpu = time.perf_counter(), time.process_time()
        document = HTML(string=html, base_url=base_url(), url_fetcher=PortalURLFetcher()).render(**options)
        document.write_pdf(**options)
        CPU.setdefault("same" if options else "plain", []).append(time.process_time() - cpu)
        return time.perf_counter() - start, len(document.pages)

    for run in range(args.runs):
        # Alternate the order so neither side profits from caches the other warmed.
        html = artefact_html(artefact) if run else None
        if run % 2 and html:
            same.append(direct(html, pdf_variant=PDF_VARIANT, pdf_tags=True)[0])
            plain.append(direct(html)[0])
        artefact, elapsed = pipeline_once(project, user, f"run {run}")
        pages = artefact.page_count
        pipe.append(elapsed)
        start = time.perf_counter()
        artefact_inputs(kind="project_report", subject=project, language="en")
        build.append(time.perf_counter() - start)
        start = time.perf_counter()
        html = artefact_html(artefact)
        template.append(time.perf_counter() - start)
        if not run % 2:
            seconds, count = direct(html, pdf_variant=PDF_VARIANT, pdf_tags=True)
            assert count == pages
            same.append(seconds)
            plain.append(direct(html)[0])
    # Two cores shared with other work: the median shows the typical run, the minimum the
    # cost without interference. The goal is judged on both.
    for name, pick in (("median", statistics.median), ("minimum", min)):
        p, s, d = pick(pipe), pick(same), pick(plain)
        say(f"[{name} of {args.runs} runs] pages per report: {pages}")
        say(f"  pipeline (artefact_request, eager):     {p:6.2f} s  {pages / p:6.2f} pages/s")
        say(f"  WeasyPrint direct, same options:        {s:6.2f} s  {pages / s:6.2f} pages/s")
        say(f"  WeasyPrint direct, default options:     {d:6.2f} s  {pages / d:6.2f} pages/s")
        say(f"    pipeline's inputs (queries, map, hash): {pick(build):6.2f} s")
        say(f"    pipeline's template (Django):           {pick(template):6.2f} s")
        say(f"  ratio pipeline / direct (same options): {s / p:6.3f}  (goal >= 0.9)")
        say(f"  ratio pipeline / direct (defaults):     {d / p:6.3f}")
    p, s, d = (statistics.median(CPU[k]) for k in ("pipeline", "same", "plain"))
    say(f"[CPU seconds, median of {args.runs} runs] pages per report: {pages}")
    say(f"  pipeline {p:6.2f} s ({pages / p:5.2f} pages/s), direct same options {s:6.2f} s ({pages / s:5.2f} pages/s)")
    say(f"  ratio pipeline / direct (same options): {s / p:6.3f}  (goal >= 0.9); defaults: {d / p:6.3f}")
    out = subprocess.run(
        [sys.executable, __file__, "--peak-child", var_dir], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("PEAK "))
    _, before, after, child_pages, child_time = line.split()
    say(
        f"worker-like process: peak RSS {int(after) / 1024:.0f} MiB while rendering {child_pages} pages "
        f"({int(before) / 1024:.0f} MiB after start-up, {float(child_time):.2f} s)"
    )


if __name__ == "__main__":
    main()
