"""Review API (``/api/v1/review/…``) for authority clients, and the enterprise's side of it
(``/api/v1/projects/<id>/review/``). Projects come through scoped selectors (out of scope is a
404); services decide and their typed errors become responses in ``portal.api.exceptions``."""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers import review as s
from assessments.api.views.base import project_for
from assessments.filters import ReviewQueueFilter
from assessments.selectors import review as sel
from assessments.services import review as services
from portal.permissions import is_authority_user


def review_project_for(request, pk):
    """A project of the caller's jurisdiction, or 404; a non-authority caller is refused (403)."""
    if not is_authority_user(request.user):
        raise PermissionDenied("This API is for authorities.")
    project = sel.review_project_get_for_user(user=request.user, pk=pk)
    if project is None:
        raise Http404
    return project


class ReviewQueueApi(GenericAPIView):
    """The queue of the caller's jurisdiction, with the queue page's filters and sort orders."""

    serializer_class = s.QueueItemSerializer
    filterset_class = ReviewQueueFilter
    filter_backends = []  # the selector applies the FilterSet (it needs the user for "mine")
    queryset = sel.review_project_none()  # for the schema; requests use the scoped selector

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("status", str),
            OpenApiParameter("category", str),
            OpenApiParameter("sector", str),
            OpenApiParameter("host_country", str),
            OpenApiParameter("reviewer", str, enum=["me", "none"]),
            OpenApiParameter(
                "ordering", str, enum=["due", "-due", "submitted", "-submitted", "reference", "-reference"]
            ),
        ],
        responses=s.QueueItemSerializer(many=True),  # paginated like every list
    )
    def get(self, request):
        if not is_authority_user(request.user):
            raise PermissionDenied("This API is for authorities.")
        filterset = sel.review_queue_for_user(user=request.user, params=request.query_params)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        return self.get_paginated_response(s.QueueItemSerializer(page, many=True).data)


class ReviewProjectApi(APIView):
    @extend_schema(responses=s.ReviewProjectSerializer)
    def get(self, request, pk):
        project = review_project_for(request, pk)
        versions = list(sel.version_list_for_project(project=project))
        data = {
            "project": project,
            "versions": versions,
            "latest": versions[0] if versions else None,
            "requests": sel.request_list_for_project(project=project),
            "notes": sel.note_list_for_reviewers(project=project),
            "decisions": sel.decision_list_for_project(project=project),
        }
        return Response(s.ReviewProjectSerializer(data).data)


class ReviewVersionApi(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("compare", int, description="an earlier version number to diff against")],
        responses=s.VersionDetailSerializer,
    )
    def get(self, request, pk, number):
        project = review_project_for(request, pk)
        version = sel.version_get_for_project(project=project, number=number)
        if version is None:
            raise Http404
        data = s.VersionDetailSerializer(version).data
        compare = request.query_params.get("compare")
        if compare:
            other = sel.version_get_for_project(project=project, number=compare)
            if other is None:
                raise ValidationError({"compare": ["No such version."]})
            data["diff"] = s.SectionDiffSerializer(sel.version_diff(old=other, new=version), many=True).data
        return Response(data)


class ReviewClaimApi(APIView):
    @extend_schema(request=None, responses=s.ClockSerializer)
    def post(self, request, pk):
        review = services.review_claim(project=review_project_for(request, pk), claimed_by=request.user)
        return Response(s.ClockSerializer(s.clock(review)).data)


class ReviewAssignApi(APIView):
    @extend_schema(request=s.AssignInputSerializer, responses=s.ClockSerializer)
    def post(self, request, pk):
        project = review_project_for(request, pk)
        data = s.AssignInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reviewer = (
            sel.reviewer_list_for_project(project=project).filter(email__iexact=data.validated_data["reviewer"]).first()
        )
        if reviewer is None:
            raise ValidationError({"reviewer": ["Not a reviewer of this project's jurisdiction."]})
        review = services.review_assign(project=project, reviewer=reviewer, assigned_by=request.user)
        return Response(s.ClockSerializer(s.clock(review)).data)


class ReviewNoteApi(APIView):
    @extend_schema(request=s.NoteInputSerializer, responses={201: s.NoteSerializer})
    def post(self, request, pk):
        project = review_project_for(request, pk)
        data = s.NoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        note = services.review_note_add(project=project, author=request.user, **data.validated_data)
        return Response(s.NoteSerializer(note).data, status=201)


class ReviewRequestApi(APIView):
    @extend_schema(request=s.RequestInputSerializer, responses={201: s.RequestSerializer})
    def post(self, request, pk):
        project = review_project_for(request, pk)
        data = s.RequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        info = services.information_request_create(project=project, asked_by=request.user, **data.validated_data)
        return Response(s.RequestSerializer(info).data, status=201)


class ReviewDecisionApi(APIView):
    @extend_schema(request=s.DecisionInputSerializer, responses={201: s.DecisionSerializer})
    def post(self, request, pk):
        project = review_project_for(request, pk)
        data = s.DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = services.decision_make(project=project, decided_by=request.user, **data.validated_data)
        return Response(s.DecisionSerializer(decision).data, status=201)


class ReviewCategoryApi(APIView):
    @extend_schema(request=s.CategoryInputSerializer, responses=s.QueueItemSerializer)
    def post(self, request, pk):
        project = review_project_for(request, pk)
        data = s.CategoryInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.review_change_category(project=project, changed_by=request.user, **data.validated_data)
        return Response(s.QueueItemSerializer(review_project_for(request, pk)).data)


# --- The enterprise's side ---------------------------------------------------------------------


class EnterpriseReviewApi(APIView):
    """The caller's own project's review: requests, decisions and conditions (no internal note)."""

    @extend_schema(responses=s.EnterpriseReviewSerializer)
    def get(self, request, pk):
        project = project_for(request, pk)
        review = sel.review_get_for_project(project)
        data = {
            "reference": project.reference,
            "status": project.status,
            "versions": sel.version_list_for_project(project=project),
            "due": review.due() if review else None,
            "paused": bool(review and review.is_paused),
            "requests": sel.request_list_for_project(project=project),
            "decisions": sel.decision_list_for_project(project=project),
        }
        return Response(s.EnterpriseReviewSerializer(data).data)


class RequestAnswerApi(APIView):
    @extend_schema(request=s.AnswerInputSerializer, responses=s.RequestSerializer)
    def post(self, request, pk, request_pk):
        project = project_for(request, pk)
        info = sel.request_get_for_project(project=project, pk=request_pk)
        if info is None:
            raise Http404
        data = s.AnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        info = services.information_request_answer(
            request=info, answered_by=request.user, answer=data.validated_data["answer"]
        )
        return Response(s.RequestSerializer(info).data)
