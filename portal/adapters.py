"""allauth adapter: account emails leave through the Celery mail queue."""

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string

from portal.outbox import enqueue_on_commit


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """The same address the login lockout and the API throttles use (TRUSTED_PROXY_COUNT)."""
        from portal.lockout import client_ip

        return client_ip(request)

    def confirm_email(self, request, email_address):
        """Confirmed: the enterprise the sign-up claimed is registered now (portal/claims.py)."""
        from portal.claims import enterprise_claim_confirm

        confirmed = super().confirm_email(request, email_address)
        if confirmed and email_address.user_id:
            enterprise_claim_confirm(user=email_address.user)
        return confirmed

    def send_account_already_exists_mail(self, email: str) -> None:
        """Sign-up with a known address answers like a new one (enumeration prevention): the
        new-account path hashes the password, so this one hashes a throw-away one, and the
        answer takes the same time for known and unknown addresses."""
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def send_mail(self, template_prefix, email, context):
        """Render as allauth does, then hand the message to the mail queue after commit."""
        from portal.tasks import email_send_task

        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        kwargs = {
            "to": list(message.to),
            "subject": message.subject,
            "body": message.body,
            "html": html,
        }
        enqueue_on_commit(email_send_task, **kwargs)
