"""API tokens: issue, rotate and revoke (services), on django-rest-knox.

Threats: a token stolen from the database (only a SHA-512 digest is stored, never the
token); a token that lives for ever (each one expires after ``REST_KNOX["TOKEN_TTL"]``); an
account that skipped email confirmation or is locked out getting API access anyway (the
checks below run on every issue, the lockout in the authentication backend before it).
"""

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from knox.models import AuthToken
from knox.settings import knox_settings

from portal.audit import audit_log
from portal.errors import PermissionDeniedError
from portal.models import User


def user_may_hold_token(user: User) -> bool:
    """Active, and the login email confirmed through allauth (as the web login requires)."""
    if not user.is_active:
        return False
    return EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()


@transaction.atomic
def api_token_issue(*, user: User) -> tuple[AuthToken, str]:
    """A new expiring token for ``user``; the plain token is returned once and never stored."""
    if not user_may_hold_token(user):
        raise PermissionDeniedError(
            _("Confirm your email address (see the message we sent you) before requesting an API token.")
        )
    now = timezone.now()
    AuthToken.objects.filter(user=user, expiry__lt=now).delete()
    # A client that logs in on every run would pile up tokens: beyond the limit the oldest end.
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit:
        surplus = list(
            AuthToken.objects.filter(user=user).order_by("-created").values_list("pk", flat=True)[limit - 1 :]
        )
        AuthToken.objects.filter(pk__in=surplus).delete()
    instance, token = AuthToken.objects.create(user=user)
    audit_log(actor=user, action="api_token.issued", target=user, after={"key": instance.token_key[:8]})
    return instance, token


@transaction.atomic
def api_token_rotate(*, user: User, current: AuthToken) -> tuple[AuthToken, str]:
    """Replace the token the caller authenticated with by a fresh one (the old one stops now)."""
    instance, token = api_token_issue(user=user)
    AuthToken.objects.filter(pk=current.pk).delete()
    audit_log(actor=user, action="api_token.rotated", target=user, after={"key": instance.token_key[:8]})
    return instance, token


@transaction.atomic
def api_token_revoke(*, user: User, current: AuthToken) -> None:
    """End the token the caller authenticated with."""
    AuthToken.objects.filter(pk=current.pk, user=user).delete()
    audit_log(actor=user, action="api_token.revoked", target=user)
