"""Green-credit API: financial institutions only, every lookup logged and visible to the
enterprise, signed webhooks retried on failure, query counts flat from 10 to 1,000."""

import datetime as dt
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from rest_framework.test import APIClient

from assessments.models import CreditQuery, Rating, WebhookDelivery
from assessments.services import credit as credit_services
from assessments.services import rating as rating_services
from portal.choices import OrganisationKind
from portal.models import Organisation


def _api(user=None):
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.mark.django_db
def test_a_financial_institution_gets_the_profile_and_the_lookup_is_logged(project, acme, fiona, rita, login):
    project.category = "A"
    project.status = "submitted"
    project.save(update_fields=["category", "status"])
    rating_services.incident_record(
        organisation=acme, recorded_by=rita, occurred_on=dt.date(2026, 1, 5), severity="serious", description="Spill."
    )
    response = _api(fiona).get(f"/api/v1/credit/enterprises/{acme.registration_number}/")
    assert response.status_code == 200
    body = response.json()
    assert body["rating"]["colour"] == "yellow"
    assert "1 serious incident not yet corrected." in body["rating"]["reasons"]
    assert body["blacklisted"] is False
    assert body["projects"][0]["equator_principles_category"] == "A"
    assert body["projects"][0]["decision"] is None  # submitted, not decided
    assert body["projects"][0]["exceedance_rate"] is None  # no filed report: unknown, not zero
    q = CreditQuery.objects.get()
    assert (q.institution.name, q.user, q.enterprise) == ("Green Bank", fiona, acme)
    # The enterprise sees who looked.
    page = login(acme.memberships.get(role="owner").user).get("/workspace/credit-lookups/").content.decode()
    assert "Green Bank" in page and fiona.email in page


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alice", "charlie", "rita", "nadia", "eddie"])
def test_others_are_refused_the_credit_api(request, acme, who):
    user = request.getfixturevalue(who)
    response = _api(user).get(f"/api/v1/credit/enterprises/{acme.registration_number}/")
    assert response.status_code == 403
    assert not CreditQuery.objects.exists()


@pytest.mark.django_db
def test_anonymous_is_refused_the_credit_api(acme):
    assert _api().get(f"/api/v1/credit/enterprises/{acme.registration_number}/").status_code in {401, 403}


@pytest.mark.django_db
def test_an_unknown_number_is_404_and_still_logged(fiona):
    assert _api(fiona).get("/api/v1/credit/enterprises/NOPE-1/").status_code == 404
    assert CreditQuery.objects.get().registration_number == "NOPE-1"


@pytest.mark.django_db
def test_bulk_export_answers_in_the_order_asked(acme, globex, fiona):
    response = _api(fiona).post(
        "/api/v1/credit/bulk/",
        {"registration_numbers": [globex.registration_number, "NOPE", acme.registration_number]},
        format="json",
    )
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["profile"]["name"] if r["profile"] else None for r in results] == [globex.name, None, acme.name]
    assert CreditQuery.objects.filter(kind="bulk").count() == 3


def _enterprises(n, start=0):
    orgs = Organisation.objects.bulk_create(
        Organisation(
            kind=OrganisationKind.ENTERPRISE, name=f"Ent {i}", registration_number=f"BULK-{i}", home_country="CN"
        )
        for i in range(start, start + n)
    )
    Rating.objects.bulk_create(
        Rating(
            organisation=o,
            colour="green",
            reasons=[{"colour": "green", "code": "clean", "params": {}}],
            rules_version="rating-v1",
            trigger="t",
        )
        for o in orgs
    )
    return orgs


@pytest.mark.django_db
def test_bulk_profile_queries_do_not_grow_from_10_to_1000(fiona):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def reads(numbers):
        with CaptureQueriesContext(connection) as ctx:
            response = api.post("/api/v1/credit/bulk/", {"registration_numbers": numbers}, format="json")
            assert response.status_code == 200
        # The log's bulk insert is split by the database's parameter limit (999 on SQLite, one
        # statement on PostgreSQL); every read is counted and must not grow.
        return response, [q for q in ctx.captured_queries if not q["sql"].startswith("INSERT")]

    api = _api(fiona)
    _enterprises(10)
    _, few = reads([f"BULK-{i}" for i in range(10)])
    _enterprises(990, start=10)
    response, many = reads([f"BULK-{i}" for i in range(1000)])
    assert len(many) == len(few)
    assert len(response.json()["results"]) == 1000
    assert CreditQuery.objects.count() == 1010


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/enterprises/", "/api/v1/ratings/"])
def test_public_rating_list_queries_do_not_grow_from_10_to_1000(client, url, django_assert_max_num_queries):
    _enterprises(10)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    _enterprises(990, start=10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
        assert response.status_code == 200
    assert "Ent 1" in response.content.decode()


@pytest.mark.django_db
def test_rating_list_filters_by_colour(client):
    orgs = _enterprises(2)
    Rating.objects.filter(organisation=orgs[1]).update(colour="red")
    body = _api().get("/api/v1/ratings/?colour=red").json()
    assert [r["enterprise"] for r in body["results"]] == ["Ent 1"]


class _Endpoint(BaseHTTPRequestHandler):
    fail_first = 1
    received: list = []

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((dict(self.headers), body))
        if type(self).fail_first > 0:
            type(self).fail_first -= 1
            self.send_response(503)
        else:
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    _Endpoint.fail_first = 1
    _Endpoint.received = []
    server = HTTPServer(("127.0.0.1", 0), _Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


@pytest.mark.django_db(transaction=True)
def test_a_rating_change_sends_a_signed_webhook_retried_after_a_failure(project, acme, fiona, rita, endpoint, settings):
    from celery.exceptions import Retry

    from assessments.tasks import webhook_deliver_task

    settings.WEBHOOK_ALLOW_HTTP = True
    _Endpoint.fail_first = 2
    created = _api(fiona).post(
        "/api/v1/credit/webhooks/", {"url": endpoint, "registration_numbers": [acme.registration_number]}, format="json"
    )
    assert created.status_code == 201
    secret = created.json()["secret"]
    rating_services.incident_record(
        organisation=acme, recorded_by=rita, occurred_on=dt.date(2026, 1, 5), severity="major", description="Spill."
    )
    # The first attempt (sent after commit) met a 503: kept pending with the error.
    delivery = WebhookDelivery.objects.get(event="rating.changed")
    assert (delivery.status, delivery.attempts, delivery.last_error) == ("pending", 1, "HTTP 503")
    # The worker's retry: again 503, so the task asks for another retry with a longer back-off.
    with pytest.raises(Retry) as retry:
        webhook_deliver_task.apply(args=[delivery.pk], retries=1)
    assert retry.value.when == 60
    # The next retry reaches the endpoint.
    webhook_deliver_task.apply(args=[delivery.pk], retries=2)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 3)
    assert len(_Endpoint.received) == 3
    headers, body = _Endpoint.received[-1]
    expected = hmac.new(
        secret.encode(), headers["X-Portal-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Portal-Signature"] == "sha256=" + expected
    payload = json.loads(body)
    assert payload["event"] == "rating.changed" and payload["data"]["to"] == "red"
    assert payload["enterprise"]["registration_number"] == acme.registration_number


@pytest.mark.django_db
def test_a_subscription_needs_https_in_production(fiona, settings):
    settings.WEBHOOK_ALLOW_HTTP = False
    response = _api(fiona).post(
        "/api/v1/credit/webhooks/", {"url": "http://bank.example/h", "registration_numbers": []}, format="json"
    )
    assert response.status_code == 400


def test_the_signature_is_hmac_sha256_of_timestamp_and_body():
    sig = credit_services.webhook_sign(secret="k", timestamp="1700000000", body=b"{}")
    assert sig == hmac.new(b"k", b"1700000000.{}", hashlib.sha256).hexdigest()


@pytest.mark.django_db
def test_the_profile_carries_the_decision_and_its_conditions(submitted, acme, fiona, rita):
    from assessments.services import review as review_services

    review_services.decision_make(
        project=submitted,
        decided_by=rita,
        outcome="approved_conditions",
        reasons="Fine with follow-up.",
        conditions=[
            {"text": "Report dust quarterly.", "recurrence": "quarterly"},
            {"text": "Fence the site.", "due_date": dt.date(2028, 6, 30)},
        ],
    )
    body = _api(fiona).get(f"/api/v1/credit/enterprises/{acme.registration_number}/").json()
    [p] = [p for p in body["projects"] if p["id"] == submitted.pk]
    assert p["decision"] == "approved_conditions" and p["decided_on"]
    assert (p["conditions"], p["conditions_reported_fulfilled"]) == (2, 0)
    assert p["action_plan_completion"] == 0.0  # measures committed, none reported implemented yet


@pytest.mark.django_db
def test_the_profile_pdf_is_rendered_once_read_back_and_logged(
    submitted, acme, fiona, rita, alice, django_capture_on_commit_callbacks
):
    import io

    from pypdf import PdfReader

    rating_services.incident_record(
        organisation=acme, recorded_by=rita, occurred_on=dt.date(2026, 1, 5), severity="serious", description="Spill."
    )
    url = f"/api/v1/credit/enterprises/{acme.registration_number}/profile.pdf?lang=zh-hans"
    with django_capture_on_commit_callbacks(execute=True):
        first = _api(fiona).get(url)
    assert first.status_code == 202 and first["Retry-After"] == "5"
    ready = _api(fiona).get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(b"".join(ready.streaming_content))).pages)
    assert acme.name in text and acme.registration_number in text and submitted.name in " ".join(text.split())
    assert "黄" in text  # the yellow rating, named in the reader's language
    assert "哈萨克斯坦" in text  # the host country by its name in the reader's language, not "KZ"
    assert CreditQuery.objects.filter(kind="pdf", enterprise=acme).count() == 2
    # Not for an enterprise, and an unknown number is a 404 that is still logged.
    assert _api(alice).get(url).status_code == 403
    assert _api(fiona).get("/api/v1/credit/enterprises/NO-SUCH/profile.pdf").status_code == 404
    assert CreditQuery.objects.filter(kind="pdf", enterprise=None).count() == 1
