"""Files with requests for information: the regulator attaches one to a question, the enterprise
one to its answer; each is checked by content, readable by both sides of this project only, and
listed by the API. A refused file refuses the whole request: nothing half-sent."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessments.models import InformationRequest, RequestAttachment
from tests.factories import pdf_bytes


def _due():
    return (timezone.localdate() + dt.timedelta(days=10)).isoformat()


def _ask(client, project, *, name="noise-model.pdf", content=None):
    return client.post(
        reverse("review:project-request", args=[project.pk]),
        {
            "question": "Send the noise model.",
            "due_date": _due(),
            "attachment": SimpleUploadedFile(name, content or pdf_bytes(), content_type="application/pdf"),
        },
    )


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_a_question_and_its_answer_carry_files_both_sides_can_read(login, submitted, rita, alice, charlie, pat):
    data = pdf_bytes(pages=2)
    assert _ask(login(rita), submitted, content=data).status_code == 302
    request = InformationRequest.objects.get(project=submitted)
    question_file = request.attachments.get()
    assert question_file.side == "question" and question_file.original_name == "noise-model.pdf"

    # The enterprise sees it on its review page and downloads exactly that file.
    page = login(alice).get(reverse("assessments:project-review", args=[submitted.pk])).content.decode()
    assert "noise-model.pdf" in page
    mine = reverse("assessments:request-attachment", args=[submitted.pk, request.pk, question_file.pk])
    assert _body(login(alice).get(mine)) == data
    # Another enterprise, and another jurisdiction's reviewer, learn nothing (404).
    assert login(charlie).get(mine).status_code == 404
    theirs = reverse("review:request-attachment", args=[submitted.pk, request.pk, question_file.pk])
    assert login(pat).get(theirs).status_code == 404
    assert login(alice).get(theirs).status_code == 403

    # The answer with a spreadsheet-free PDF of its own; the reviewer reads it.
    answer = pdf_bytes()
    response = login(alice).post(
        reverse("assessments:request-answer", args=[submitted.pk, request.pk]),
        {"answer": "Attached.", "attachment": SimpleUploadedFile("model-v2.pdf", answer)},
    )
    assert response.status_code == 302
    answer_file = request.attachments.get(side="answer")
    page = login(rita).get(reverse("review:project", args=[submitted.pk])).content.decode()
    assert "noise-model.pdf" in page and "model-v2.pdf" in page
    url = reverse("review:request-attachment", args=[submitted.pk, request.pk, answer_file.pk])
    assert _body(login(rita).get(url)) == answer

    # The API lists both with their fingerprints and where to download them.
    api = login(alice).get(reverse("assessments-api:project-review", args=[submitted.pk])).json()
    files = api["requests"][0]["attachments"]
    assert [(f["side"], f["name"]) for f in files] == [("question", "noise-model.pdf"), ("answer", "model-v2.pdf")]
    assert files[1]["download_url"] == reverse(
        "assessments:request-attachment", args=[submitted.pk, request.pk, answer_file.pk]
    )


@pytest.mark.django_db
def test_a_file_that_is_not_what_it_claims_refuses_the_whole_request(login, submitted, rita):
    response = _ask(login(rita), submitted, name="report.pdf", content=b"<html><script>alert(1)</script></html>")
    assert response.status_code == 400
    assert "PDF" in response.content.decode()
    assert not InformationRequest.objects.filter(project=submitted).exists()
    assert not RequestAttachment.objects.exists()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"  # the clock did not stop for a request never sent
