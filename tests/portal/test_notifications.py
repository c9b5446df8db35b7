import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Notification
from portal.services import notification_email, notification_send


@pytest.mark.django_db(transaction=True)
def test_it_records_in_the_inbox_and_emails_once(alice):
    (notification,) = notification_send(users=[alice], kind="decision", title="Decision on project X", body="Approved.")
    assert Notification.objects.get(pk=notification.pk).emailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [alice.email]
    assert "Decision on project X" in mail.outbox[0].subject
    # A retried task does not email twice.
    assert notification_email(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_it_emails_in_the_users_language(alice):
    alice.preferred_language = "zh-hans"
    alice.save()
    notification_send(users=[alice], kind="system", title="T")
    assert "收件箱" in mail.outbox[0].body


@pytest.mark.django_db
def test_the_inbox_lists_and_marks_read(login, alice, bob):
    notification_send(users=[alice], kind="system", title="Only for Alice", email=False)
    client = login(alice)
    assert "Only for Alice" in client.get(reverse("portal:inbox")).content.decode()
    assert "Only for Alice" not in login(bob).get(reverse("portal:inbox")).content.decode()
    client.post(reverse("portal:inbox"))
    assert not Notification.objects.filter(user=alice, read_at__isnull=True).exists()
