"""The documents page says what the tier needs; an identical file warns instead of adding a copy;
submission leaves a receipt."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import DocumentVersion
from tests.factories import pdf_bytes


def _pdf(name="EIA.pdf"):
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


@pytest.mark.django_db
def test_it_lists_what_each_category_needs_before_screening(login, alice, project):
    page = login(alice).get(reverse("assessments:project-documents", args=[project.pk])).content.decode()
    assert "Documents this project needs" in page
    assert "EIA report" in page and "Simplified assessment" in page


@pytest.mark.django_db
def test_an_identical_file_warns_and_stores_nothing_until_confirmed(login, alice, project):
    url = reverse("assessments:project-documents", args=[project.pk])
    client = login(alice)
    assert client.post(url, {"kind": "eia_report", "visibility": "regulators", "file": _pdf()}).status_code == 302
    again = client.post(url, {"kind": "other", "visibility": "regulators", "file": _pdf("copy.pdf")})
    assert again.status_code == 409
    assert "identical to version 1" in again.content.decode()
    assert DocumentVersion.objects.count() == 1
    confirmed = client.post(
        url, {"kind": "other", "visibility": "regulators", "file": _pdf("copy.pdf"), "allow_duplicate": "on"}
    )
    assert confirmed.status_code == 302
    assert DocumentVersion.objects.count() == 2
