"""Enterprise API: the caller's organisation's projects only; everything else is a 404."""

import json

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import selectors, services
from assessments.api import serializers as s
from assessments.filters import ProjectFilter
from assessments.models import DocumentVersion, Project
from portal.choices import OrganisationKind
from portal.errors import ServiceError


def _error(exc: ServiceError) -> Response:
    return Response({"detail": str(exc.message)}, status=exc.status)


def _project(request, pk) -> Project:
    project = selectors.project_get_for_user(user=request.user, pk=pk)
    if project is None:
        raise Http404
    return project


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = s.ProjectSerializer
    filterset_class = ProjectFilter
    queryset = Project.objects.none()

    def get_queryset(self):
        return selectors.project_list_for_user(user=self.request.user)

    @extend_schema(request=s.ProjectInputSerializer, responses={201: s.ProjectSerializer})
    def create(self, request):
        data = s.ProjectInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = (
            request.user.memberships.filter(organisation__kind=OrganisationKind.ENTERPRISE)
            .select_related("organisation")
            .first()
        )
        if membership is None:
            raise PermissionDenied("Only enterprise members create projects.")
        try:
            project = services.project_create(
                organisation=membership.organisation, created_by=request.user, **data.validated_data
            )
        except ServiceError as exc:
            return _error(exc)
        return Response(s.ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ProjectInputSerializer, responses=s.ProjectSerializer)
    def partial_update(self, request, pk=None):
        project = _project(request, pk)
        data = s.ProjectInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            project = services.project_update(project=project, updated_by=request.user, **data.validated_data)
        except ServiceError as exc:
            return _error(exc)
        return Response(s.ProjectSerializer(project).data)


class ProjectSiteApi(APIView):
    @extend_schema(request=s.SiteInputSerializer, responses=s.ProjectSerializer)
    def put(self, request, pk):
        project = _project(request, pk)
        data = s.SiteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text, fmt = (
            (data.validated_data["kml"], "kml")
            if data.validated_data.get("kml")
            else (json.dumps(data.validated_data["geometry"]), "geojson")
        )
        try:
            project = services.project_set_site(project=project, site_text=text, fmt=fmt, updated_by=request.user)
        except ServiceError as exc:
            return _error(exc)
        return Response(s.ProjectSerializer(project).data)


class ProjectAnswersApi(APIView):
    @extend_schema(request=s.AnswersInputSerializer, responses=s.ProjectSerializer)
    def put(self, request, pk):
        project = _project(request, pk)
        data = s.AnswersInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            project = services.project_set_answers(
                project=project, answers=data.validated_data["answers"], updated_by=request.user
            )
        except ServiceError as exc:
            return _error(exc)
        return Response(s.ProjectSerializer(project).data)


class ProjectScreeningApi(APIView):
    @extend_schema(responses=s.ScreeningSerializer)
    def get(self, request, pk):
        screening = selectors.screening_latest(_project(request, pk))
        if screening is None:
            return Response({"detail": "This project has not been screened yet."}, status=404)
        return Response(s.ScreeningSerializer(screening).data)

    @extend_schema(request=None, responses={201: s.ScreeningSerializer})
    def post(self, request, pk):
        try:
            screening = services.project_screen(project=_project(request, pk), screened_by=request.user)
        except ServiceError as exc:
            return _error(exc)
        return Response(s.ScreeningSerializer(screening).data, status=201)


class ProjectRisksApi(APIView):
    @extend_schema(responses=s.RiskSerializer(many=True))
    def get(self, request, pk):
        return Response(
            s.RiskSerializer(selectors.risk_list_for_project(project=_project(request, pk)), many=True).data
        )


class ProjectMeasuresApi(APIView):
    @extend_schema(responses=s.MeasureSerializer(many=True))
    def get(self, request, pk):
        return Response(
            s.MeasureSerializer(selectors.measure_list_for_project(project=_project(request, pk)), many=True).data
        )


class MeasureAnswerApi(APIView):
    @extend_schema(request=s.MeasureAnswerInputSerializer, responses=s.MeasureSerializer)
    def post(self, request, pk, measure_pk):
        project = _project(request, pk)
        measure = project.measures.filter(pk=measure_pk, active=True).first()
        if measure is None:
            raise Http404
        data = s.MeasureAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            measure = services.measure_answer(measure=measure, answered_by=request.user, **data.validated_data)
        except ServiceError as exc:
            return _error(exc)
        return Response(s.MeasureSerializer(measure).data)


class ProjectDocumentsApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=s.DocumentVersionSerializer(many=True))
    def get(self, request, pk):
        project = _project(request, pk)
        versions = DocumentVersion.objects.filter(document__project=project).select_related("document")
        return Response(s.DocumentVersionSerializer(versions, many=True).data)

    @extend_schema(request=s.DocumentUploadInputSerializer, responses={201: s.DocumentVersionSerializer})
    def post(self, request, pk):
        project = _project(request, pk)
        data = s.DocumentUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        document = None
        if v.get("document"):
            document = project.documents.filter(pk=v["document"]).first()
            if document is None:
                raise Http404
        try:
            version = services.document_upload(
                project=project,
                uploaded_by=request.user,
                file=v["file"],
                kind=v.get("kind", ""),
                title=v.get("title", ""),
                visibility=v.get("visibility", ""),
                document=document,
            )
        except ServiceError as exc:
            return _error(exc)
        return Response(s.DocumentVersionSerializer(version).data, status=201)


class DocumentDownloadApi(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk, version_pk):
        version = selectors.document_version_get_for_user(user=request.user, project_pk=pk, version_pk=version_pk)
        if version is None:
            raise Http404
        return FileResponse(
            version.file.open("rb"), as_attachment=True, filename=version.original_name, content_type=version.mime
        )


class ProjectSubmitApi(APIView):
    @extend_schema(request=None, responses=s.ProjectSerializer)
    def post(self, request, pk):
        project = _project(request, pk)
        try:
            project = services.project_submit(project=project, submitted_by=request.user)
        except ServiceError as exc:
            data = {"detail": str(exc.message)}
            if exc.status == 400:
                data["missing"] = services.completeness(project)
            return Response(data, status=exc.status)
        return Response(s.ProjectSerializer(project).data)
