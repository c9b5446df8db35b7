"""Projects: list, read, create, update, submit and withdraw. Typed service errors become
responses in ``portal.api.exceptions``; nothing here picks a status."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import selectors, services
from assessments.api import serializers as s
from assessments.api.views.base import project_for
from assessments.filters import ProjectFilter
from portal.errors import PermissionDeniedError
from portal.selectors import enterprise_membership_for


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ProjectSerializer
    filterset_class = ProjectFilter
    queryset = selectors.project_none()  # for the schema; requests use get_queryset
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.project_list_for_user(user=self.request.user)

    def get_object(self):
        return project_for(self.request, self.kwargs["pk"])

    @extend_schema(request=s.ProjectInputSerializer, responses={201: s.ProjectSerializer})
    def create(self, request):
        data = s.ProjectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = enterprise_membership_for(user=request.user)
        if membership is None:
            raise PermissionDeniedError("Only enterprise members create projects.")
        project = services.project_create(
            organisation=membership.organisation, created_by=request.user, **data.validated_data
        )
        return Response(s.ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ProjectInputSerializer, responses=s.ProjectSerializer)
    def partial_update(self, request, pk=None):
        project = project_for(request, pk)
        data = s.ProjectInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        project = services.project_update(project=project, updated_by=request.user, **data.validated_data)
        return Response(s.ProjectSerializer(project).data)


class ProjectAnswersApi(APIView):
    @extend_schema(request=s.AnswersInputSerializer, responses=s.ProjectSerializer)
    def put(self, request, pk):
        project = project_for(request, pk)
        data = s.AnswersInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = services.project_set_answers(
            project=project, answers=data.validated_data["answers"], updated_by=request.user
        )
        return Response(s.ProjectSerializer(project).data)


class ProjectSubmitApi(APIView):
    @extend_schema(request=None, responses=s.ProjectSerializer)
    def post(self, request, pk):
        project = services.project_submit(project=project_for(request, pk), submitted_by=request.user)
        return Response(s.ProjectSerializer(project).data)


class ProjectWithdrawApi(APIView):
    @extend_schema(request=s.WithdrawInputSerializer, responses=s.ProjectSerializer)
    def post(self, request, pk):
        # Fetch first, as every project endpoint does: someone else's project is a 404 whatever the body.
        project = project_for(request, pk)
        data = s.WithdrawInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = services.project_withdraw(
            project=project, withdrawn_by=request.user, reason=data.validated_data["reason"]
        )
        return Response(s.ProjectSerializer(project).data)
