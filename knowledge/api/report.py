"""Public API of the country profile PDF: ask for it in a language, learn its state, get the
download URL. Cached by its inputs: an unchanged profile answers 200 with the existing file."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from knowledge import selectors
from knowledge.report import KIND
from portal.api.artefacts import ArtefactRequestInputSerializer, ArtefactSerializer
from portal.artefacts import artefact_request


class CountryProfilePdfApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="The country profile PDF in one language: its state and download URL",
        description=(
            "Renders the profile's current published content if it has not been rendered yet: "
            "202 while it is queued or rendering (ask again), 200 once ready with `download_url`."
        ),
        parameters=[OpenApiParameter("language", str, enum=[code for code, _name in settings.LANGUAGES])],
        responses={200: ArtefactSerializer, 202: ArtefactSerializer},
    )
    def get(self, request, iso2):
        country = selectors.country_get_public(iso2=iso2)
        if country is None:
            raise Http404
        data = ArtefactRequestInputSerializer(data={"language": request.query_params.get("language", "en")})
        data.is_valid(raise_exception=True)
        artefact = artefact_request(
            kind=KIND,
            subject=country,
            language=data.validated_data["language"],
            requested_by=request.user if request.user.is_authenticated else None,
        )
        url = reverse("knowledge:country-pdf", args=[country.iso2]) + f"?lang={artefact.language}"
        context = {"request": request, "download_url": lambda a: url}
        return Response(
            ArtefactSerializer(artefact, context=context).data,
            status=status.HTTP_200_OK if artefact.is_ready else status.HTTP_202_ACCEPTED,
        )
