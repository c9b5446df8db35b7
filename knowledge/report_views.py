"""The public country profile PDF: served from the artefact of the current published inputs.

Anyone may ask; the inputs hash is the cache key, so a thousand visitors of an unchanged
profile get one rendered file. While it is being prepared the page says so and refreshes.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from knowledge import selectors
from knowledge.report import KIND
from portal.artefact_views import artefact_download_response
from portal.artefacts import artefact_request


class CountryProfilePdfView(View):
    def get(self, request, iso2):
        country = selectors.country_get_public(iso2=iso2)
        if country is None:
            raise Http404(_("No published profile for this country."))
        language = request.GET.get("lang") or get_language()
        if language not in dict(settings.LANGUAGES):
            raise Http404(_("No such language."))
        artefact = artefact_request(
            kind=KIND,
            subject=country,
            language=language,
            requested_by=request.user if request.user.is_authenticated else None,
        )
        if artefact.is_ready:
            response = artefact_download_response(artefact, inline=True)
            response["Cache-Control"] = "public, max-age=300"
            return response
        response = render(
            request,
            "knowledge/country_profile_pending.html",
            {"country": country, "artefact": artefact},
            status=202 if artefact.is_pending else 503,
        )
        response["Retry-After"] = "5"
        return response
