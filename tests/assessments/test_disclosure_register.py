"""The public register, its exports and feeds, and the public API: the shared FilterSet,
search, window filter, ETags, and query counts flat from 10 to 1,000 disclosed projects."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from assessments.models import Comment, CommentWindow, Disclosure, Project, RegisterEntry
from assessments.services import comments as cs
from assessments.services import disclosure as ds
from assessments.services import review as rs


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def consulting(submitted, rita):
    rs.review_change_category(project=submitted, changed_by=rita, category="B", reason="Grazing land nearby.")
    ds.consultation_open(project=submitted, opened_by=rita)
    submitted.refresh_from_db()
    return submitted


def clone_disclosed(template: Project, n: int, *, start: int = 0) -> None:
    """``n`` more disclosed projects copied from ``template`` in bulk (a few queries)."""
    snapshot = template.disclosures.get().snapshot
    window = template.comment_window
    now = timezone.now()
    projects = Project.objects.bulk_create(
        [
            Project(
                organisation=template.organisation,
                created_by=template.created_by,
                name=f"Copy {i} of the steppe plant",
                host_country=template.host_country,
                sector="wind" if i % 2 else "solar",
                category="A" if i % 3 == 0 else "B",
                status=template.status,
                reference=f"GBR-2030-{i:06d}",
                site=template.site,
            )
            for i in range(start, start + n)
        ]
    )
    disclosures = Disclosure.objects.bulk_create(
        [Disclosure(project=p, number=1, kind="consultation", snapshot=snapshot, published_at=now) for p in projects]
    )
    RegisterEntry.objects.bulk_create(
        [
            RegisterEntry(
                project=p,
                latest=d,
                first_disclosed_at=now,
                last_disclosed_at=now,
                search_text=p.name,
                lon=71.0,
                lat=50.5,
            )
            for p, d in zip(projects, disclosures, strict=True)
        ]
    )
    CommentWindow.objects.bulk_create(
        [
            CommentWindow(
                project=p,
                opens_at=window.opens_at,
                closes_at=window.closes_at,
                time_zone=window.time_zone,
                set_by=window.set_by,
            )
            for p in projects
        ]
    )
    Comment.objects.bulk_create(
        [
            Comment(project=p, number=1, name="N", email="n@public.test", body="x", public_body="x", status="published")
            for p in projects
        ]
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_register_and_api_queries_stay_flat_from_10_to_1000_disclosed_projects(consulting, client):
    clone_disclosed(consulting, 9)
    urls = [
        reverse("disclosure:register"),
        reverse("disclosure:register") + "?window=open&ordering=-unanswered",
        reverse("disclosure:register") + "?q=steppe&sector=wind",
        reverse("assessments-api:disclosure-list"),
        reverse("assessments-api:disclosure-list") + "?category=A",
        reverse("disclosure:export-csv"),
        reverse("disclosure:map"),
    ]
    small = [count_queries(client, url) for url in urls]
    clone_disclosed(consulting, 990, start=9)
    assert RegisterEntry.objects.count() == 1000
    large = [count_queries(client, url) for url in urls]
    assert small == large, list(zip(urls, small, large, strict=True))


@pytest.mark.django_db
def test_the_register_filters_searches_and_counts_unanswered(consulting, rita, client):
    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Q?")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    page = client.get(reverse("disclosure:register")).content.decode()
    assert "Steppe Solar 20 MW" in page and "1 unanswered" in page
    assert "Steppe Solar" in client.get(reverse("disclosure:register") + "?q=steppe").content.decode()
    assert "Steppe Solar" not in client.get(reverse("disclosure:register") + "?q=hydropower").content.decode()
    assert "Steppe Solar" in client.get(reverse("disclosure:register") + "?window=open").content.decode()
    assert "Steppe Solar" not in client.get(reverse("disclosure:register") + "?window=closed").content.decode()
    assert "Steppe Solar" not in client.get(reverse("disclosure:register") + "?country=PK").content.decode()
    assert "Steppe Solar" in client.get(reverse("disclosure:register") + "?enterprise=acme").content.decode()
    bad = client.get(reverse("disclosure:register") + "?disclosed_after=not-a-date")
    assert bad.status_code == 200 and "Steppe Solar" not in bad.content.decode()


@pytest.mark.django_db
def test_exports_feeds_and_map_carry_the_register(consulting, rita, client):
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("disclosure:export-csv")).content.decode())))
    assert rows[0]["reference"] == consulting.reference and rows[0]["category"] == "B"
    assert "email" not in rows[0]
    data = client.get(reverse("disclosure:export-json")).json()
    assert data["count"] == 1 and data["results"][0]["reference"] == consulting.reference
    feed = client.get(reverse("disclosure:feed")).content.decode()
    assert consulting.reference in feed and "<feed" in feed
    assert consulting.reference in client.get(reverse("disclosure:feed-windows")).content.decode()
    assert consulting.reference not in client.get(reverse("disclosure:feed-decisions")).content.decode()
    rs.decision_make(project=consulting, decided_by=rita, outcome="approved", reasons="Acceptable.")
    assert consulting.reference in client.get(reverse("disclosure:feed-decisions")).content.decode()
    geo = client.get(reverse("disclosure:map")).json()
    assert geo["features"][0]["properties"]["reference"] == consulting.reference
    assert geo["outlines"]["features"][0]["properties"]["country"] == "KZ"


@pytest.mark.django_db
def test_the_api_lists_snapshots_and_published_comments_without_emails_and_answers_304(consulting, rita):
    comment, token = cs.comment_submit(project=consulting, name="N", email="hidden@public.test", body="Q?")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    api = APIClient()
    listing = api.get(reverse("assessments-api:disclosure-list"))
    assert listing.status_code == 200 and listing.json()["results"][0]["unanswered_comments"] == 1
    etag = listing["ETag"]
    assert api.get(reverse("assessments-api:disclosure-list"), HTTP_IF_NONE_MATCH=etag).status_code == 304
    ref = consulting.reference
    detail = api.get(reverse("assessments-api:disclosure-detail", args=[ref])).json()
    assert detail["snapshot"]["snapshot"]["project"]["name"] == "Steppe Solar 20 MW"
    snaps = api.get(reverse("assessments-api:disclosure-snapshots", args=[ref])).json()
    assert [s["kind"] for s in snaps] == ["consultation"]
    one = api.get(reverse("assessments-api:disclosure-snapshot", args=[ref, 1]) + "?lang=ru").json()
    assert one["snapshot"]["language"] == "ru"
    comments = api.get(reverse("assessments-api:disclosure-comments", args=[ref]))
    assert comments.json()[0]["text"] == "Q?" and "hidden@public.test" not in comments.content.decode()
    assert api.get(reverse("assessments-api:disclosure-detail", args=["GBR-1999-000000"])).status_code == 404


@pytest.mark.django_db
def test_a_comment_posted_through_the_api_waits_for_the_same_emailed_confirmation(
    consulting, settings, django_capture_on_commit_callbacks
):
    settings.COMMENT_RATE_PER_ADDRESS = "2/hour"
    api = APIClient()
    url = reverse("assessments-api:disclosure-comments", args=[consulting.reference])
    body = {"name": "Api", "email": "api@public.test", "text": "Through the API."}
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url, body, format="json")
    assert response.status_code == 202 and response.json()["status"] == "unconfirmed"
    assert mail.outbox[0].to == ["api@public.test"]
    assert api.get(url).json() == []
    api.post(url, {**body, "email": "b@public.test"}, format="json")
    third = api.post(url, {**body, "email": "c@public.test"}, format="json")
    assert third.status_code == 429 and "Too many comments" in third.json()["detail"]
    assert "Retry-After" in third
    assert api.post(url, {"name": "x"}, format="json").status_code == 400


@pytest.mark.django_db
def test_a_closed_window_refuses_api_comments_with_409(consulting):
    window = consulting.comment_window
    CommentWindow.objects.filter(pk=window.pk).update(
        opens_at=timezone.now() - dt.timedelta(days=20), closes_at=timezone.now() - dt.timedelta(days=1)
    )
    url = reverse("assessments-api:disclosure-comments", args=[consulting.reference])
    response = APIClient().post(url, {"name": "x", "email": "x@public.test", "text": "late"}, format="json")
    assert response.status_code == 409 and "closed" in response.json()["detail"]


@pytest.mark.django_db
def test_the_sitemap_lists_the_register_and_each_disclosed_project_on_site_url(consulting, client, settings):
    settings.SITE_URL = "https://portal.example"
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://portal.example/disclosure/</loc>" in xml
    assert f"<loc>https://portal.example/disclosure/{consulting.reference}/</loc>" in xml


@pytest.mark.django_db
def test_public_disclosure_pages_show_labels_never_raw_values_or_emails(consulting, rita, alice, client):
    import re

    from tests.portal.test_no_internal_notes import _raw_enum_values, visible_text

    comment, token = cs.comment_submit(project=consulting, name="N", email="n@public.test", body="Q?")
    cs.comment_confirm(token=token)
    cs.comment_publish(comment=comment, moderator=rita)
    cs.comment_answer(comment=comment, answered_by=alice, verdict="partly_adopted", reason="In part.")
    raw = _raw_enum_values()
    ref = consulting.reference
    for url in (
        reverse("disclosure:register"),
        reverse("disclosure:register") + "?window=open",
        reverse("disclosure:project", args=[ref]),
        reverse("disclosure:snapshot", args=[ref, 1]),
    ):
        for language in ("en", "ar"):
            text = visible_text(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
            leaked = {w for w in re.findall(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b", text) if w in raw}
            assert leaked == set(), (url, language, leaked)
            assert "n@public.test" not in text


@pytest.mark.django_db
def test_a_public_documents_text_is_searchable_once_the_decision_discloses_it(project, alice, rita, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments import services
    from portal.pdf import render_pdf
    from tests.assessments.conftest import complete_project

    complete_project(project, alice)
    pdf = render_pdf("<html lang='en'><title>EIA</title><p>Groundwater drawdown near the Irtysh aquifer.</p></html>")
    version = services.document_upload(
        project=project,
        uploaded_by=alice,
        kind="eia_report",
        title="Environmental impact assessment",
        visibility="public",
        file=SimpleUploadedFile("eia.pdf", pdf.data, content_type="application/pdf"),
    )
    project = services.project_submit(project=project, submitted_by=alice)
    rs.review_change_category(project=project, changed_by=rita, category="B", reason="Grazing land nearby.")
    ds.consultation_open(project=project, opened_by=rita)
    search = reverse("disclosure:register") + "?q=aquifer"
    assert "Steppe Solar" not in client.get(search).content.decode()  # "public after the decision"
    rs.decision_make(project=project, decided_by=rita, outcome="approved", reasons="Acceptable.")
    assert "Steppe Solar" in client.get(search).content.decode()
    page = client.get(reverse("disclosure:project", args=[project.reference])).content.decode()
    link = reverse("disclosure:document", args=[project.reference, version.pk])
    assert link in page
    download = client.get(link)
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
