"""API endpoints of the portal app: the caller's identity, their inbox, tokens."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from knox.models import AuthToken
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from portal import selectors, services, tokens
from portal.api.serializers import (
    MeSerializer,
    NotificationMarkReadInputSerializer,
    NotificationSerializer,
    TokenObtainInputSerializer,
    TokenSerializer,
)


class MeApi(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request):
        user = request.user
        user.memberships_prefetched = selectors.membership_list_for_user(user=user)
        return Response(MeSerializer(user).data)


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    queryset = selectors.notification_none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        return selectors.notification_list_for_user(user=self.request.user)


class NotificationMarkReadApi(APIView):
    @extend_schema(request=NotificationMarkReadInputSerializer, responses={200: dict})
    def post(self, request):
        data = NotificationMarkReadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = services.notification_mark_read(user=request.user, notification_ids=data.validated_data.get("ids"))
        return Response({"marked_read": count})


def _token_response(instance: AuthToken, token: str, code: int = status.HTTP_200_OK) -> Response:
    return Response(TokenSerializer({"token": token, "expiry": instance.expiry}).data, status=code)


class TokenObtainApi(APIView):
    """Exchange email (as ``username``) and password for an expiring API token.

    The password check runs through ``authenticate()``, so django-axes counts a failure here
    against the same account and address as a failed web or admin login, and a locked-out
    account gets 429 even with the right password.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenObtainInputSerializer, responses={200: TokenSerializer, 400: dict, 403: dict, 429: dict}
    )
    def post(self, request):
        data = TokenObtainInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request  # axes flags the lockout on the Django request
        user = authenticate(
            django_request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if user is None:
            if getattr(django_request, "axes_locked_out", False):
                return Response(
                    {"detail": _("Too many failed logins for this account or address. Try again later.")},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            return Response(
                {"non_field_errors": [_("Unable to log in with the email address and password given.")]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        instance, token = tokens.api_token_issue(user=user)
        return _token_response(instance, token)


class TokenRotateApi(APIView):
    """Swap the token this request authenticated with for a fresh one (rotation)."""

    @extend_schema(request=None, responses={200: TokenSerializer, 400: dict, 401: dict})
    def post(self, request):
        if not isinstance(request.auth, AuthToken):
            return Response({"detail": _("Authenticate with the token you want to rotate.")}, status=400)
        instance, token = tokens.api_token_rotate(user=request.user, current=request.auth)
        return _token_response(instance, token)


class TokenRevokeApi(APIView):
    """End the token this request authenticated with."""

    @extend_schema(request=None, responses={204: None, 400: dict, 401: dict})
    def post(self, request):
        if not isinstance(request.auth, AuthToken):
            return Response({"detail": _("Authenticate with the token you want to revoke.")}, status=400)
        tokens.api_token_revoke(user=request.user, current=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)
