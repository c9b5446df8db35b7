"""The project site as GeoJSON or KML."""

from rest_framework import serializers


class SiteInputSerializer(serializers.Serializer):
    geometry = serializers.JSONField(required=False)
    kml = serializers.CharField(required=False, max_length=2_000_000)

    def validate(self, attrs):
        if bool(attrs.get("geometry")) == bool(attrs.get("kml")):
            raise serializers.ValidationError("Give either a GeoJSON geometry or KML text.")
        return attrs
