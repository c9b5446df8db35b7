"""API endpoints of the portal app: the caller's identity, their inbox, tokens."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from portal import selectors, services
from portal.api.serializers import (
    MeSerializer,
    NotificationMarkReadInputSerializer,
    NotificationSerializer,
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


class TokenObtainApi(ObtainAuthToken):
    """Exchange email (as ``username``) and password for an API token. Throttled."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"
