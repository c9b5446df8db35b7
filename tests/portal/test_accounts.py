import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from portal.choices import OrganisationKind, Role
from portal.models import AuditEvent, Membership, Organisation, User

SIGNUP = {
    "full_name": "Wei Zhang",
    "organisation_name": "Sino Solar Overseas Ltd",
    "registration_number": "91110000MA01ABCD2X",
    "home_country": "CN",
    "main_sectors": ["solar", "wind"],
    "email": "wei@sinosolar.test",
    "password1": "a-Long-pass-phrase-42",
    "password2": "a-Long-pass-phrase-42",
}


def _confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db(transaction=True)
def test_it_registers_an_enterprise_with_its_owner(client):
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(email="wei@sinosolar.test")
    # Registered when the email is confirmed (tests/portal/test_claims.py), not before.
    assert not Organisation.objects.exists()
    client.post(_confirmation_link(mail.outbox[-1]))
    org = Organisation.objects.get(name="Sino Solar Overseas Ltd")
    assert org.kind == OrganisationKind.ENTERPRISE
    assert org.main_sectors == ["solar", "wind"]
    assert Membership.objects.get(user=user, organisation=org).role == Role.OWNER
    assert AuditEvent.objects.filter(action="organisation.registered", target_id=str(org.pk)).exists()


@pytest.mark.django_db(transaction=True)
def test_it_requires_email_confirmation_before_login(client):
    client.post(reverse("account_signup"), SIGNUP)
    assert len(mail.outbox) == 1
    # Not confirmed yet: logging in leads to the "verify your email" page, not the dashboard.
    response = client.post(reverse("account_login"), {"login": SIGNUP["email"], "password": SIGNUP["password1"]})
    assert response.status_code == 302
    assert "confirm-email" in response["Location"]
    link = _confirmation_link(mail.outbox[-1])
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified
    response = client.post(
        reverse("account_login"),
        {"login": SIGNUP["email"], "password": SIGNUP["password1"]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("portal:dashboard")
    assert "Sino Solar Overseas Ltd" in response.content.decode()


@pytest.mark.django_db
def test_it_refuses_a_registration_number_already_registered(client, acme):
    data = {
        **SIGNUP,
        "registration_number": acme.registration_number,
        "home_country": acme.home_country,
    }
    response = client.post(reverse("account_signup"), data)
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert not User.objects.filter(email=SIGNUP["email"]).exists()


@pytest.mark.django_db
def test_it_refuses_a_signup_without_sectors_with_a_message(client):
    response = client.post(reverse("account_signup"), {**SIGNUP, "main_sectors": []})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_it_does_not_reveal_whether_an_email_is_registered(client, alice):
    wrong_password = client.post(reverse("account_login"), {"login": alice.email, "password": "nope-nope-1"})
    unknown_user = client.post(reverse("account_login"), {"login": "ghost@nowhere.test", "password": "nope-nope-1"})
    assert wrong_password.status_code == unknown_user.status_code == 200
    text_known = wrong_password.context["form"].non_field_errors()
    text_unknown = unknown_user.context["form"].non_field_errors()
    assert text_known == text_unknown
    # Password reset answers the same way for a known and an unknown address.
    known = client.post(reverse("account_reset_password"), {"email": alice.email})
    unknown = client.post(reverse("account_reset_password"), {"email": "ghost@nowhere.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@pytest.mark.django_db
def test_it_throttles_repeated_failed_logins(client, alice, password):
    for _ in range(4):
        response = client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-pass-1"})
        assert "Too many failed logins" not in response.content.decode()
    response = client.post(reverse("account_login"), {"login": alice.email, "password": "wrong-pass-1"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    # Even the right password is refused while the account is locked (tests/portal/test_lockout.py).
    response = client.post(reverse("account_login"), {"login": alice.email, "password": password})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_password_reset_link_that_works(client, alice):
    client.post(reverse("account_reset_password"), {"email": alice.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(form_url, {"password1": "brand-New-pass-77", "password2": "brand-New-pass-77"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("brand-New-pass-77")


@pytest.mark.django_db
def test_it_saves_the_profile_and_audits_it(login, alice):
    client = login(alice)
    response = client.post(reverse("portal:profile"), {"full_name": "Alice C.", "preferred_language": "zh-hans"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.full_name, alice.preferred_language) == ("Alice C.", "zh-hans")
    event = AuditEvent.objects.get(action="user.updated")
    assert event.before["full_name"] == "Alice Chen" and event.after["full_name"] == "Alice C."


@pytest.mark.django_db
def test_it_rejects_an_unknown_language_in_the_profile(login, alice):
    response = login(alice).post(reverse("portal:profile"), {"full_name": "A", "preferred_language": "xx"})
    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.preferred_language == "en"
