"""Documents: list versions, upload, download through the caller's scope."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import selectors, services
from assessments.api import serializers as s
from assessments.api.views.base import project_for
from assessments.views.files import document_version_response
from portal.uploads.checks import ALLOWED_TYPES


class ProjectDocumentsApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=s.DocumentVersionSerializer(many=True))
    def get(self, request, pk):
        versions = selectors.document_version_list_for_project(project=project_for(request, pk))
        return Response(s.DocumentVersionSerializer(versions, many=True).data)

    @extend_schema(request=s.DocumentUploadInputSerializer, responses={201: s.DocumentVersionSerializer})
    def post(self, request, pk):
        project = project_for(request, pk)
        data = s.DocumentUploadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        document = None
        if v.get("document"):
            document = selectors.document_get_for_project(project=project, pk=v["document"])
            if document is None:
                raise Http404
        version = services.document_upload(
            project=project,
            uploaded_by=request.user,
            file=v["file"],
            kind=v.get("kind", ""),
            title=v.get("title", ""),
            visibility=v.get("visibility", ""),
            document=document,
            allow_duplicate=v.get("allow_duplicate", False),
        )
        return Response(s.DocumentVersionSerializer(version).data, status=201)


# A download is sent as the type its content was verified to be at upload.
DOWNLOAD_TYPES = sorted({file_type.canonical_mime for file_type in ALLOWED_TYPES.values()})


class DocumentDownloadApi(APIView):
    @extend_schema(responses={(200, mime): OpenApiTypes.BINARY for mime in DOWNLOAD_TYPES})
    def get(self, request, pk, version_pk):
        version = selectors.document_version_get_for_user(user=request.user, project_pk=pk, version_pk=version_pk)
        if version is None:
            raise Http404
        return document_version_response(version)
