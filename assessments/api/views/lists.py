"""Risk and control-measure lists, and answers to measures."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import selectors, services
from assessments.api import serializers as s
from assessments.api.views.base import project_for


class ProjectRisksApi(APIView):
    @extend_schema(responses=s.RiskSerializer(many=True))
    def get(self, request, pk):
        risks = selectors.risk_list_for_project(project=project_for(request, pk))
        return Response(s.RiskSerializer(risks, many=True).data)


class ProjectMeasuresApi(APIView):
    @extend_schema(responses=s.MeasureSerializer(many=True))
    def get(self, request, pk):
        measures = selectors.measure_list_for_project(project=project_for(request, pk))
        return Response(s.MeasureSerializer(measures, many=True).data)


class MeasureAnswerApi(APIView):
    @extend_schema(request=s.MeasureAnswerInputSerializer, responses=s.MeasureSerializer)
    def post(self, request, pk, measure_pk):
        measure = selectors.measure_get_for_project(project=project_for(request, pk), pk=measure_pk)
        if measure is None:
            raise Http404
        data = s.MeasureAnswerInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        measure = services.measure_answer(measure=measure, answered_by=request.user, **data.validated_data)
        return Response(s.MeasureSerializer(measure).data)
