"""The demo data that `make run` loads: idempotent, and every printed login works."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal.models import Organisation, User


@pytest.mark.django_db
def test_every_printed_demo_login_logs_in_and_loading_twice_changes_nothing():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    counts = (User.objects.count(), Organisation.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (User.objects.count(), Organisation.objects.count()) == counts
    text = out.getvalue()
    password = re.search(r"password for all: (\S+)\)", text).group(1)
    emails = re.findall(r"\S+@\S+\.example", text)
    assert len(emails) == 7
    for email in emails:
        client = Client()
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert response["Location"] == reverse("portal:dashboard"), email
        assert client.get(reverse("portal:dashboard")).status_code == 200
