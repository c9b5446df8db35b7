"""Public ratings list (read-only, the shared FilterSet)."""

from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny

from assessments.selectors import rating as rating_selectors


class PublicRatingSerializer(serializers.Serializer):
    enterprise_id = serializers.IntegerField(source="organisation_id")
    enterprise = serializers.CharField(source="organisation.name")
    home_country = serializers.CharField(source="organisation.home_country")
    colour = serializers.CharField()
    since = serializers.DateTimeField(source="created_at")
    reasons = serializers.SerializerMethodField()

    def get_reasons(self, obj) -> list[str]:
        return [rating_selectors.reason_text(r) for r in obj.reasons]


class RatingListApi(generics.ListAPIView):
    permission_classes = [AllowAny]
    serializer_class = PublicRatingSerializer

    def get_queryset(self):
        return rating_selectors.rating_list_public(filters=self.request.query_params)
