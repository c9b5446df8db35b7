"""The public disclosure API: /api/v1/disclosures/ (the register through the shared
FilterSet), one project's latest snapshot, its kept snapshots, its published comments, and
posting a comment (the same service, the same emailed confirmation, the same limits).
Every GET answers with an ETag (``conditional`` in the URLconf) and 304 on a match."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers.disclosure import (
    CommentInputSerializer,
    PublicCommentSerializer,
    RegisterEntrySerializer,
    SnapshotSerializer,
    SnapshotSummarySerializer,
)
from assessments.filters import DisclosureFilter
from assessments.selectors import disclosure as sel
from assessments.services import comments as services
from portal.throttle import client_address


def _language(request) -> str:
    language = request.query_params.get("lang") or get_language() or "en"
    return language if language in dict(settings.LANGUAGES) else "en"


def _entry(reference):
    entry = sel.register_entry_get_public(reference=reference)
    if entry is None:
        raise Http404
    return entry


class DisclosureListApi(generics.ListAPIView):
    """The register: filter with the page's parameters (q, country, sector, category, status,
    window, disclosed_after, disclosed_before, enterprise, ordering)."""

    permission_classes = [AllowAny]
    serializer_class = RegisterEntrySerializer
    filterset_class = DisclosureFilter

    def get_queryset(self):
        return sel.register_entry_list_public().order_by("-last_disclosed_at", "-id")


class DisclosureDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: dict})
    def get(self, request, reference):
        entry = _entry(reference)
        data = RegisterEntrySerializer(entry_with_counts(entry)).data
        data["snapshot"] = SnapshotSerializer(entry.latest, context={"language": _language(request)}).data
        return Response(data)


def entry_with_counts(entry):
    """The register row with its comment counts (the detail reads one row, not a list)."""
    return sel.register_entry_list_public().get(pk=entry.pk)


class DisclosureSnapshotsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: SnapshotSummarySerializer(many=True)})
    def get(self, request, reference):
        entry = _entry(reference)
        rows = sel.disclosure_list_for_project(project=entry.project)
        return Response(SnapshotSummarySerializer(rows, many=True).data)


class DisclosureSnapshotApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses={200: SnapshotSerializer})
    def get(self, request, reference, number):
        entry = _entry(reference)
        disclosure = sel.disclosure_get_public(project=entry.project, number=number)
        if disclosure is None:
            raise Http404
        return Response(SnapshotSerializer(disclosure, context={"language": _language(request)}).data)


class DisclosureCommentsApi(APIView):
    """GET: the published comments with their answers. POST: a comment, confirmed by the link
    emailed to its author before it counts (202: waiting for that confirmation)."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: PublicCommentSerializer(many=True)})
    def get(self, request, reference):
        entry = _entry(reference)
        comments = sel.comment_list_public(project=entry.project)
        return Response(PublicCommentSerializer(comments, many=True, context={"reference": reference}).data)

    @extend_schema(request=CommentInputSerializer, responses={202: dict, 400: dict, 409: dict, 429: dict})
    def post(self, request, reference):
        entry = _entry(reference)
        data = CommentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        comment, token = services.comment_submit(
            project=entry.project,
            name=v["name"],
            email=v.get("email", ""),
            organisation_name=v["organisation"],
            country=v["country"],
            body=v["text"],
            author=request.user,
            ip=client_address(request),
            language=_language(request),
        )
        return Response(
            {
                "number": comment.number,
                "status": comment.status,
                "detail": str(services.CONFIRMATION_SENT if token else services.AWAITING_MODERATION),
            },
            status=status.HTTP_202_ACCEPTED,
        )
