"""The project site (GeoJSON geometry or KML text)."""

import json

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import services
from assessments.api import serializers as s
from assessments.api.views.base import project_for


class ProjectSiteApi(APIView):
    @extend_schema(request=s.SiteInputSerializer, responses=s.ProjectSerializer)
    def put(self, request, pk):
        project = project_for(request, pk)
        data = s.SiteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text, fmt = (
            (data.validated_data["kml"], "kml")
            if data.validated_data.get("kml")
            else (json.dumps(data.validated_data["geometry"]), "geojson")
        )
        project = services.project_set_site(project=project, site_text=text, fmt=fmt, updated_by=request.user)
        return Response(s.ProjectSerializer(project).data)
