"""Sign-up answers alike, and costs alike, for known and unknown addresses.

The time a sign-up takes is dominated by the password hash (slow by design). The new-account
path hashes once; the known-address path hashed nothing, so it answered measurably faster and
told an attacker the address had an account. Counting hashes checks this without a timing.
"""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from tests.portal.test_accounts import SIGNUP


class CountingHasher(MD5PasswordHasher):
    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


def _hashes_for(client, email: str) -> tuple[int, object]:
    CountingHasher.calls = 0
    response = client.post(reverse("account_signup"), {**SIGNUP, "email": email})
    return CountingHasher.calls, response


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=["tests.portal.test_signup_enumeration.CountingHasher"])
def test_signup_with_a_known_address_answers_and_costs_like_a_new_one(client, alice):
    new_hashes, new = _hashes_for(client, "someone-new@sinosolar.test")
    client.logout()
    known_hashes, known = _hashes_for(client, alice.email)
    assert new.status_code == known.status_code == 302
    assert new["Location"] == known["Location"]
    assert new_hashes >= 1
    assert known_hashes == new_hashes


@pytest.mark.django_db(transaction=True)
def test_the_known_address_gets_an_account_exists_mail_not_a_second_account(client, alice):
    client.post(reverse("account_signup"), {**SIGNUP, "email": alice.email})
    assert len(mail.outbox) == 1
    assert alice.email in mail.outbox[0].to
    assert "already" in mail.outbox[0].body.lower()
