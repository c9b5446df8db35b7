import pytest
from django.core import mail
from django.urls import reverse

from portal.choices import Role
from portal.models import AuditEvent, Invitation, Membership, Notification
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_it_invites_a_member_by_email(login, alice):
    response = login(alice).post(
        reverse("portal:organisation-detail"),
        {"email": "New.Person@Acme.test", "role": Role.MEMBER},
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "new.person@acme.test"
    assert len(mail.outbox) == 1
    assert invitation.token in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="invitation.created").count() == 1


@pytest.mark.django_db
def test_it_lets_the_invited_person_join(login, alice):
    login(alice).post(reverse("portal:organisation-detail"), {"email": "dan@acme.test", "role": Role.ADMIN})
    invitation = Invitation.objects.get()
    dan = UserFactory(email="dan@acme.test")
    response = login(dan).post(reverse("portal:invitation-accept", args=[invitation.token]))
    assert response.status_code == 302
    assert Membership.objects.get(user=dan).role == Role.ADMIN
    # The owner is told in the inbox.
    assert Notification.objects.filter(user=alice, title__contains="dan@acme.test").exists()
    # A second use of the same link is refused.
    again = login(dan).post(reverse("portal:invitation-accept", args=[invitation.token]))
    assert again.status_code == 409


@pytest.mark.django_db
def test_it_refuses_an_invitation_used_by_someone_else(login, alice, charlie):
    login(alice).post(reverse("portal:organisation-detail"), {"email": "dan@acme.test", "role": Role.MEMBER})
    invitation = Invitation.objects.get()
    response = login(charlie).post(reverse("portal:invitation-accept", args=[invitation.token]))
    assert response.status_code == 403
    assert "another email address" in response.content.decode()
    assert not Membership.objects.filter(user=charlie, organisation=alice.memberships.get().organisation).exists()


@pytest.mark.django_db
def test_a_member_cannot_invite(login, bob):
    response = login(bob).post(reverse("portal:organisation-detail"), {"email": "x@acme.test", "role": Role.MEMBER})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_reviewer_role_in_an_enterprise(login, alice):
    response = login(alice).post(
        reverse("portal:organisation-detail"), {"email": "x@acme.test", "role": Role.LEAD_REVIEWER}
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_second_open_invitation_to_the_same_address(login, alice):
    client = login(alice)
    client.post(reverse("portal:organisation-detail"), {"email": "x@acme.test", "role": Role.MEMBER})
    response = client.post(reverse("portal:organisation-detail"), {"email": "x@acme.test", "role": Role.MEMBER})
    assert response.status_code == 409
    assert "already open" in response.content.decode()
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_an_owner_revokes_and_another_organisation_cannot(login, alice, charlie):
    login(alice).post(reverse("portal:organisation-detail"), {"email": "x@acme.test", "role": Role.MEMBER})
    invitation = Invitation.objects.get()
    # charlie's organisation does not hold this invitation: 404, nothing changes.
    assert login(charlie).post(reverse("portal:invitation-revoke", args=[invitation.pk])).status_code == 404
    assert login(alice).post(reverse("portal:invitation-revoke", args=[invitation.pk])).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    dan = UserFactory(email="x@acme.test")
    assert login(dan).post(reverse("portal:invitation-accept", args=[invitation.token])).status_code == 409
