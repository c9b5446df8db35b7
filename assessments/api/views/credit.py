"""Green-credit API for financial institutions: lookup, bulk export, webhook subscription.
Anyone else gets 403 (the service refuses); anonymous callers 401."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.services import credit as credit_services
from portal.artefact_views import artefact_download_response


class BulkInputSerializer(serializers.Serializer):
    registration_numbers = serializers.ListField(child=serializers.CharField(max_length=100), max_length=1000)


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 500})
class _WebhookUrl(serializers.CharField):
    """A URL, checked by the service (https only unless WEBHOOK_ALLOW_HTTP); documented as one."""


class WebhookInputSerializer(serializers.Serializer):
    url = _WebhookUrl(max_length=500)
    registration_numbers = serializers.ListField(child=serializers.CharField(max_length=100), max_length=1000)


class CreditProfileApi(APIView):
    @extend_schema(responses=dict)
    def get(self, request, registration_number):
        profile = credit_services.credit_profile_lookup(user=request.user, registration_number=registration_number)
        if profile is None:
            raise Http404
        return Response(profile)


class CreditBulkApi(APIView):
    @extend_schema(request=BulkInputSerializer, responses=dict)
    def post(self, request):
        data = BulkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        results = credit_services.credit_profile_bulk(
            user=request.user, registration_numbers=data.validated_data["registration_numbers"]
        )
        return Response({"results": results})


class WebhookSubscriptionSerializer(serializers.Serializer):
    """What a subscription answers once: the secret is not shown again."""

    id = serializers.IntegerField()
    url = serializers.URLField()
    secret = serializers.CharField()
    watched = serializers.IntegerField(help_text="how many of the registration numbers are watched")


class WebhookSubscribeApi(APIView):
    @extend_schema(request=WebhookInputSerializer, responses={201: WebhookSubscriptionSerializer})
    def post(self, request):
        data = WebhookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        sub = credit_services.webhook_subscribe(user=request.user, **data.validated_data)
        # The secret is shown once, at creation; the institution keeps it to verify signatures.
        return Response(
            {"id": sub.pk, "url": sub.url, "secret": sub.secret, "watched": sub.watched.count()},
            status=status.HTTP_201_CREATED,
        )


class CreditProfilePdfApi(APIView):
    """The profile as a PDF (``?lang=``): 200 with the file when ready, else 202 with its state."""

    @extend_schema(responses={(200, "application/pdf"): bytes, 202: dict})
    def get(self, request, registration_number):
        language = request.query_params.get("lang") or "en"
        if language not in dict(settings.LANGUAGES):
            raise ValidationError(
                {"lang": _("Choose one of: %(langs)s.") % {"langs": ", ".join(dict(settings.LANGUAGES))}}
            )
        artefact = credit_services.credit_profile_pdf(
            user=request.user, registration_number=registration_number, language=language
        )
        if artefact is None:
            raise Http404
        if artefact.is_ready:
            return artefact_download_response(artefact)
        response = Response({"state": artefact.state, "version": artefact.version}, status=status.HTTP_202_ACCEPTED)
        response["Retry-After"] = "5"
        return response
