"""Screening: read the latest, run a new one."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import selectors, services
from assessments.api import serializers as s
from assessments.api.views.base import project_for
from portal.errors import NotFoundError


class ProjectScreeningApi(APIView):
    @extend_schema(responses=s.ScreeningSerializer)
    def get(self, request, pk):
        screening = selectors.screening_latest(project_for(request, pk))
        if screening is None:
            raise NotFoundError("This project has not been screened yet.")
        return Response(s.ScreeningSerializer(screening).data)

    @extend_schema(request=None, responses={201: s.ScreeningSerializer})
    def post(self, request, pk):
        screening = services.project_screen(project=project_for(request, pk), screened_by=request.user)
        return Response(s.ScreeningSerializer(screening).data, status=201)
