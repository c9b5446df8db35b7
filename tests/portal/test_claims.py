"""An unconfirmed sign-up reserves no registration number; staff resolve disputed claims."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from portal.choices import ClaimStatus
from portal.errors import PermissionDeniedError
from portal.models import AuditEvent, EnterpriseClaim, Membership, Notification, Organisation
from tests.portal.test_accounts import SIGNUP


def _signup(client, **overrides):
    mail.outbox.clear()
    response = client.post(reverse("account_signup"), {**SIGNUP, **overrides})
    assert response.status_code == 302, response.content.decode()[:2000]
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[-1].body).group(1)


@pytest.mark.django_db(transaction=True)
def test_an_unconfirmed_signup_does_not_block_the_real_company(client):
    # A squatter signs up with Sino Solar's registration number and never confirms.
    _signup(client, email="squatter@spam.test", organisation_name="Sino Solar (fake)")
    assert not Organisation.objects.exists()
    assert EnterpriseClaim.objects.get().status == ClaimStatus.PENDING

    # The real company signs up with the same number, confirms, and is registered.
    link = _signup(client, email="wei@sinosolar.test")
    client.post(link)
    org = Organisation.objects.get(registration_number=SIGNUP["registration_number"])
    assert org.name == "Sino Solar Overseas Ltd"
    assert Membership.objects.get(organisation=org).user.email == "wei@sinosolar.test"
    assert EnterpriseClaim.objects.get(user__email="wei@sinosolar.test").status == ClaimStatus.REGISTERED


@pytest.mark.django_db(transaction=True)
def test_confirming_a_number_taken_meanwhile_makes_the_claim_disputed(client, sam):
    first = _signup(client, email="first@sinosolar.test")
    second = _signup(client, email="second@sinosolar.test")
    client.post(first)
    client.post(second)
    assert Organisation.objects.count() == 1
    claim = EnterpriseClaim.objects.get(user__email="second@sinosolar.test")
    assert claim.status == ClaimStatus.DISPUTED
    assert Notification.objects.filter(user=claim.user, title__contains="already registered").exists()
    assert Notification.objects.filter(user=sam, title__contains="Disputed enterprise claim").exists()
    assert AuditEvent.objects.filter(action="enterprise_claim.disputed").exists()


@pytest.mark.django_db(transaction=True)
def test_staff_resolve_a_disputed_claim_in_the_admin(client, sam, login):
    # Both sign up; the squatter confirms first (a confirmed email proves only an inbox).
    squatter = _signup(client, email="squatter@spam.test", organisation_name="Sino Solar (fake)")
    real = _signup(client, email="wei@sinosolar.test")
    client.post(squatter)
    client.post(real)
    claim = EnterpriseClaim.objects.get(user__email="wei@sinosolar.test")
    assert claim.status == ClaimStatus.DISPUTED
    staff = login(sam)
    changelist = "/admin/portal/enterpriseclaim/"

    # While the squatter holds the number, registering fails with a message.
    response = staff.post(changelist, {"action": "claim_register", "_selected_action": [claim.pk]}, follow=True)
    assert "already registered" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DISPUTED

    # Staff clear the squatter's number; now the claim registers the real company.
    squatter_org = Organisation.objects.get(name="Sino Solar (fake)")
    Organisation.objects.filter(pk=squatter_org.pk).update(registration_number="")
    response = staff.post(changelist, {"action": "claim_register", "_selected_action": [claim.pk]}, follow=True)
    assert "registered." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REGISTERED and claim.resolved_by == sam
    assert claim.organisation.memberships.get().user.email == "wei@sinosolar.test"


@pytest.mark.django_db(transaction=True)
def test_staff_reject_a_claim_and_the_claimant_is_told(client, sam, login):
    _signup(client, email="squatter@spam.test")
    claim = EnterpriseClaim.objects.get()
    login(sam).post("/admin/portal/enterpriseclaim/", {"action": "claim_reject", "_selected_action": [claim.pk]})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert Notification.objects.filter(user=claim.user, title__contains="not accepted").exists()


@pytest.mark.django_db
def test_only_staff_resolve_claims(alice):
    from portal.claims import enterprise_claim_create, enterprise_claim_reject
    from portal.errors import ServiceError

    claim = enterprise_claim_create(
        user=alice, name="X", registration_number="1", home_country="CN", main_sectors=["solar"]
    )
    with pytest.raises(ServiceError) as err:
        enterprise_claim_reject(claim=claim, resolved_by=alice)
    assert isinstance(err.value, PermissionDeniedError)


@pytest.mark.django_db
def test_claims_cannot_be_added_or_deleted_in_the_admin(sam, login):
    staff = login(sam)
    assert staff.get("/admin/portal/enterpriseclaim/add/").status_code == 403
