"""Performance-report API of the enterprise (``/api/v1/projects/<id>/performance-reports/``).

``/api/v1/projects/<id>/reports/`` already serves the rendered assessment-report PDFs, so the
periodic performance reports live beside it under their own name. Reports come through the
caller's scope (another enterprise's report is a 404); services decide, and their typed errors
become responses once, in ``portal.api.exceptions`` (a refused CSV lists every bad row and
column under ``missing``)."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.api.serializers import reports as s
from assessments.api.views.base import project_for
from assessments.selectors import reports as sel
from assessments.services import reports as services


def _report(request, pk, report_pk):
    report = sel.report_get_for_user(user=request.user, project_pk=pk, pk=report_pk)
    if report is None:
        raise Http404
    return report


class PerformanceReportListApi(APIView):
    @extend_schema(responses=s.ReportListSerializer(many=True))
    def get(self, request, pk):
        project = project_for(request, pk)
        return Response(s.ReportListSerializer(sel.report_list_for_project(project=project), many=True).data)


class PerformanceReportApi(APIView):
    @extend_schema(responses=s.ReportDetailSerializer)
    def get(self, request, pk, report_pk):
        return Response(s.ReportDetailSerializer(_report(request, pk, report_pk)).data)


class PerformanceReportImportApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(request={"multipart/form-data": s.ImportInputSerializer}, responses={201: s.ImportResultSerializer})
    def post(self, request, pk, report_pk):
        report = _report(request, pk, report_pk)
        data = s.ImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        n = services.readings_import_csv(report=report, imported_by=request.user, file=data.validated_data["file"])
        return Response({"imported": n}, status=201)


class PerformanceReportSubmitApi(APIView):
    @extend_schema(request=None, responses=s.ReportDetailSerializer)
    def post(self, request, pk, report_pk):
        report = services.report_submit(report=_report(request, pk, report_pk), submitted_by=request.user)
        return Response(
            s.ReportDetailSerializer(sel.report_get_for_user(user=request.user, project_pk=pk, pk=report.pk)).data
        )
