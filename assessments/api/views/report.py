"""API of the project assessment report: request a render, read its state, download it.

The project is fetched through the caller's scope first: another enterprise's project (and so
its reports) is a 404.
"""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.views.base import project_for
from assessments.selectors.report import KIND
from portal.api.artefacts import ArtefactRequestInputSerializer, ArtefactSerializer
from portal.artefact_selectors import artefact_get_for_subject, artefact_list_for_subject
from portal.artefact_views import artefact_download_response
from portal.artefacts import artefact_request


def _context(request, project) -> dict:
    return {"request": request, "download_url": lambda a: report_download_api_url(project.pk, a.pk)}


def report_download_api_url(project_pk: int, artefact_pk: int) -> str:
    from django.urls import reverse

    return reverse("assessments-api:project-report-download", args=[project_pk, artefact_pk])


class ProjectReportsApi(APIView):
    @extend_schema(
        summary="List the project's assessment reports (every version, every language)",
        responses=ArtefactSerializer(many=True),
    )
    def get(self, request, pk):
        project = project_for(request, pk)
        reports = artefact_list_for_subject(subject=project, kind=KIND)
        return Response(ArtefactSerializer(reports, many=True, context=_context(request, project)).data)

    @extend_schema(
        summary="Ask for the assessment report in one language",
        description=(
            "Returns the report for the project's current records: 200 with the existing artefact "
            "when these records were already rendered, 202 with a queued one otherwise. Poll the "
            "report's URL until `state` is `ready`, then follow `download_url`."
        ),
        request=ArtefactRequestInputSerializer,
        responses={200: ArtefactSerializer, 202: ArtefactSerializer},
    )
    def post(self, request, pk):
        project = project_for(request, pk)
        data = ArtefactRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        artefact = artefact_request(
            kind=KIND, subject=project, language=data.validated_data["language"], requested_by=request.user
        )
        return Response(
            ArtefactSerializer(artefact, context=_context(request, project)).data,
            status=status.HTTP_200_OK if artefact.is_ready else status.HTTP_202_ACCEPTED,
        )


class ProjectReportApi(APIView):
    @extend_schema(summary="Read the state of one report", responses=ArtefactSerializer)
    def get(self, request, pk, artefact_pk):
        project = project_for(request, pk)
        artefact = artefact_get_for_subject(subject=project, kind=KIND, pk=artefact_pk)
        if artefact is None:
            raise Http404
        return Response(ArtefactSerializer(artefact, context=_context(request, project)).data)


class ProjectReportDownloadApi(APIView):
    @extend_schema(
        summary="Download a ready report (PDF)",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            404: OpenApiResponse(description="No such report for this project, or not ready yet."),
        },
    )
    def get(self, request, pk, artefact_pk):
        project = project_for(request, pk)
        artefact = artefact_get_for_subject(subject=project, kind=KIND, pk=artefact_pk)
        if artefact is None or not artefact.is_ready:
            raise Http404
        return artefact_download_response(artefact)
