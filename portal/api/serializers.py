from rest_framework import serializers

from portal.models import Membership, Notification, User


class MembershipSerializer(serializers.ModelSerializer):
    organisation_id = serializers.IntegerField(source="organisation.id", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    organisation_kind = serializers.CharField(source="organisation.kind", read_only=True)

    class Meta:
        model = Membership
        fields = ["organisation_id", "organisation_name", "organisation_kind", "role"]


class MeSerializer(serializers.ModelSerializer):
    memberships = MembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "preferred_language", "memberships"]


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at"]


class NotificationMarkReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, max_length=500)
