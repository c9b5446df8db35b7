"""Public statistics (/statistics/): counts against a built fixture, the CSV equal to the table,
drafts never counted, labels in the reader's language, and a query count that does not grow."""

import csv
import io
import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.models import Decision, Project, Review, ReviewPeriod, SubmissionVersion
from assessments.selectors import statistics as sel
from knowledge.choices import PublicationStatus
from knowledge.models import Country

NOW = timezone.now()


@pytest.fixture
def periods(db):
    for category, days in (("A", 60), ("B", 30), ("C", 15)):
        ReviewPeriod.objects.update_or_create(
            category=category, defaults={"days": days, "basis": "test", "source_url": "https://example.org/"}
        )


@pytest.fixture
def countries(db):
    kz = Country.objects.create(iso2="KZ", name="Kazakhstan", name_ru="Казахстан", status=PublicationStatus.PUBLISHED)
    pk = Country.objects.create(iso2="PK", name="Pakistan", name_ar="باكستان", status=PublicationStatus.PUBLISHED)
    return kz, pk


def _project(org, user, country, sector, category, status, *, submitted=True, name="P"):
    return Project.objects.create(
        organisation=org,
        created_by=user,
        name=name,
        host_country=country,
        sector=sector,
        category=category,
        status=status,
        submitted_at=NOW - timedelta(days=90) if submitted else None,
    )


def _review(project, *, days_ago, period, paused=0, closed_after=None, paused_now=False):
    started = NOW - timedelta(days=days_ago)
    return Review.objects.create(
        project=project,
        started_at=started,
        period_days=period,
        paused=timedelta(days=paused),
        due_at=started + timedelta(days=period + paused),
        closed_at=started + timedelta(days=closed_after) if closed_after is not None else None,
        paused_since=NOW if paused_now else None,
    )


def _decide(project, user, outcome, number=1):
    version = SubmissionVersion.objects.create(project=project, number=number, snapshot={}, submitted_by=user)
    return Decision.objects.create(project=project, version=version, outcome=outcome, reasons="r", decided_by=user)


@pytest.fixture
def portfolio(acme, alice, rita, countries, periods):
    """Eight projects: two never submitted (a draft, and a draft withdrawn), six counted."""
    kz, pk = countries
    _project(acme, alice, kz, "solar", "C", "draft", submitted=False, name="Secret draft")
    _project(acme, alice, pk, "mining", "A", "withdrawn", submitted=False, name="Withdrawn draft")
    _project(acme, alice, kz, "solar", "A", "submitted")
    under_review = _project(acme, alice, kz, "wind", "B", "under_review")
    _review(under_review, days_ago=40, period=30)  # running clock, 10 days past due
    approved = _project(acme, alice, pk, "mining", "A", "approved")
    _review(approved, days_ago=50, period=60, closed_after=10)
    _decide(approved, rita, "approved")
    rejected = _project(acme, alice, kz, "solar", "B", "rejected")
    _review(rejected, days_ago=50, period=30, closed_after=40)  # 40 days against 30: late
    _decide(rejected, rita, "rejected")
    conditions = _project(acme, alice, pk, "wind", "B", "approved_conditions")
    # 25 days elapsed of which the enterprise held 5: 20 days of the regulator's, within 30 + 5.
    _review(conditions, days_ago=30, period=30, paused=5, closed_after=25)
    _decide(conditions, rita, "approved_conditions")
    _project(acme, alice, kz, "solar", "C", "withdrawn")


def _chart(slug):
    return sel.statistics_chart_public(slug)


def _as_dict(chart):
    return {row.label: row.values if len(row.values) > 1 else row.values[0] for row in chart.rows}


@pytest.mark.django_db
def test_it_counts_submitted_projects_by_status_and_never_drafts(portfolio):
    chart = _chart("status")
    assert _as_dict(chart) == {
        "Submitted": 1,
        "Under review": 1,
        "Information requested": 0,
        "Approved": 1,
        "Approved with conditions": 1,
        "Revision requested": 0,
        "Rejected": 1,
        "Withdrawn": 1,
    }
    assert "Draft" not in _as_dict(chart)
    assert chart.total == 6


@pytest.mark.django_db
def test_it_counts_by_category_country_sector_and_outcome(portfolio):
    assert list(_as_dict(_chart("category")).values()) == [2, 3, 1]
    assert _as_dict(_chart("country")) == {"Kazakhstan": 4, "Pakistan": 2}
    assert _as_dict(_chart("sector")) == {"Solar power": 3, "Wind power": 2, "Mining": 1}
    assert _as_dict(_chart("outcome")) == {
        "Approved": 1,
        "Approved with conditions": 1,
        "Revision requested": 0,
        "Rejected": 1,
    }


@pytest.mark.django_db
def test_it_measures_review_durations_against_the_service_standard(portfolio):
    rows = {row.label[:10]: row.values for row in _chart("review-durations").rows}
    # standard, decided, average days, within, late, in review now, overdue now
    assert rows["Category A"] == [60, 1, 10.0, 1, 0, 0, 0]
    assert rows["Category B"] == [30, 2, 30.0, 1, 1, 1, 1]
    assert rows["Category C"] == [15, 0, None, 0, 0, 0, 0]


@pytest.mark.django_db
def test_a_paused_review_is_not_overdue(acme, alice, countries, periods):
    project = _project(acme, alice, countries[0], "wind", "B", "info_requested")
    _review(project, days_ago=40, period=30, paused_now=True)
    rows = {row.label[:10]: row.values for row in _chart("review-durations").rows}
    assert rows["Category B"][5:] == [1, 0]


@pytest.mark.django_db
def test_the_page_shows_every_chart_with_its_table_and_says_drafts_are_not_counted(client, portfolio):
    response = client.get("/statistics/")
    assert response.status_code == 200
    html = response.content.decode()
    for chart in sel.statistics_public():
        assert f'id="chart-{chart.slug}-title"' in html
        assert reverse("statistics:csv", args=[chart.slug]) in html
    assert "Drafts are the enterprise" in html
    assert "6 projects have been submitted so far" in html
    assert "Secret draft" not in html
    # No raw enumeration value is printed as a label.
    for raw in ("approved_conditions", "under_review", "revision_requested", ">solar<", ">draft<"):
        assert raw not in html


@pytest.mark.django_db
def test_the_csv_is_the_table_cell_for_cell(client, portfolio):
    for chart in sel.statistics_public():
        response = client.get(reverse("statistics:csv", args=[chart.slug]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        expected = [chart.header] + [["" if c is None else str(c) for c in cells] for cells in chart.table()]
        assert rows == expected
        # ... and the page's table prints the same cells.
    html = client.get("/statistics/").content.decode()
    assert '<th scope="row">Kazakhstan</th><td class="num">4</td>' in html


@pytest.mark.django_db
def test_an_unknown_chart_is_a_404(client, portfolio):
    assert client.get("/statistics/nothing.csv").status_code == 404


@pytest.mark.django_db
def test_a_country_name_that_looks_like_a_formula_is_defused_in_the_csv(client, acme, alice, periods):
    evil = Country.objects.create(iso2="XX", name='=HYPERLINK("http://x")', status=PublicationStatus.PUBLISHED)
    _project(acme, alice, evil, "solar", "C", "submitted")
    body = client.get(reverse("statistics:csv", args=["country"])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    page = client.get("/statistics/").content.decode()
    assert "<script" not in page.split("<main", 1)[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "country"),
    [("zh-hans", None), ("ru", "Казахстан"), ("ar", "باكستان")],
)
def test_labels_come_in_the_readers_language(client, portfolio, language, country):
    from django.utils import translation

    with translation.override(language):
        expected_status = str(translation.gettext("Under review"))
    response = client.get("/statistics/", HTTP_ACCEPT_LANGUAGE=language)
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert expected_status in html
    if country:
        assert country in html
        csv_body = client.get("/statistics/country.csv", HTTP_ACCEPT_LANGUAGE=language).content.decode("utf-8-sig")
        assert country in csv_body
    if language == "ar":
        assert 'dir="rtl"' in html
        assert 'direction="rtl"' in html


def _bulk(acme, alice, rita, countries, n, offset):
    """``n`` counted projects spread over statuses, sectors, countries and categories, each with
    a review and, when decided, a decision."""
    statuses = itertools.cycle(["submitted", "under_review", "approved", "rejected", "approved_conditions"])
    sectors = itertools.cycle(["solar", "wind", "mining", "cement", "port"])
    projects = Project.objects.bulk_create(
        Project(
            organisation=acme,
            created_by=alice,
            name=f"Bulk {offset + i}",
            host_country=countries[i % 2],
            sector=next(sectors),
            category="ABC"[i % 3],
            status=next(statuses),
            submitted_at=NOW,
            reference=f"GBR-2026-8{offset + i:05d}",
        )
        for i in range(n)
    )
    Review.objects.bulk_create(
        Review(
            project=p,
            started_at=NOW - timedelta(days=20),
            period_days=30,
            due_at=NOW + timedelta(days=10),
            closed_at=NOW if p.status in ("approved", "rejected", "approved_conditions") else None,
        )
        for p in projects
    )
    decided = [p for p in projects if p.status in ("approved", "rejected", "approved_conditions")]
    versions = SubmissionVersion.objects.bulk_create(
        SubmissionVersion(project=p, number=1, snapshot={}, submitted_by=alice) for p in decided
    )
    Decision.objects.bulk_create(
        Decision(project=p, version=v, outcome=p.status, reasons="r", decided_by=rita)
        for p, v in zip(decided, versions, strict=True)
    )


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_for_10_and_500_projects(client, acme, alice, rita, countries, periods):
    _bulk(acme, alice, rita, countries, 10, 0)
    client.get("/statistics/")  # warm the process: templates, translations
    with CaptureQueriesContext(connection) as few:
        assert client.get("/statistics/").status_code == 200
    _bulk(acme, alice, rita, countries, 490, 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/statistics/")
    assert response.status_code == 200
    assert "500 projects have been submitted so far" in response.content.decode()
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as csv_few:
        client.get("/statistics/review-durations.csv")
    assert len(csv_few) <= 3


@pytest.mark.django_db
def test_with_the_public_cache_on_figures_are_reused_and_the_page_says_when_they_were_computed(
    client, settings, portfolio
):
    settings.PUBLIC_CACHE = True
    first = client.get("/statistics/").content.decode()
    assert "6 projects have been submitted so far" in first
    assert "computed again at most every 5 minutes" in first
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/statistics/")
        csv_body = client.get("/statistics/status.csv").content.decode("utf-8-sig")
    assert again.status_code == 200 and len(queries) == 0
    # The CSV is cut from the same figures as the page.
    assert "Withdrawn,1" in csv_body
