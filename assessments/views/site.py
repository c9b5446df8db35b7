"""The site page (map, GeoJSON or KML) and the sensitive areas found near the site."""

import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.forms import SiteForm
from assessments.selectors import site as site_selectors
from assessments.views.base import ProjectMixin


class ProjectSiteView(ProjectMixin, View):
    template = "assessments/project_site.html"

    def page_context(self, **extra):
        country = self.project.host_country
        area_count = site_selectors.sensitive_area_count_for_country(iso2=country.iso2) if country else None
        return self.context(
            map_data=selectors.site_map_data(project=self.project),
            results=selectors.site_result_list(project=self.project),
            layers=site_selectors.site_reference_layers(project=self.project),
            area_count=area_count,
            few_areas=area_count is not None and area_count < site_selectors.FEW_AREAS,
            **extra,
        )

    def initial(self) -> dict:
        site = self.project.site
        initial = {"geojson": json.dumps(site) if site else ""}
        if site and site.get("type") == "Point":
            initial["longitude"], initial["latitude"] = site["coordinates"][:2]
        return initial

    def get(self, request, pk):
        return self.render_page(form=SiteForm(initial=self.initial()))

    def post(self, request, pk):
        form = self.bound_form = SiteForm(request.POST, request.FILES, initial=self.initial())
        if not form.is_valid():
            return self.render_page(form=form, status=400)
        services.project_set_site(
            project=self.project,
            updated_by=request.user,
            site_text=form.cleaned_data["geojson"],
            site_file=form.cleaned_data["upload"],
        )
        messages.success(request, _("Site saved and screened against sensitive areas."))
        return redirect("assessments:project-site", pk=pk)


class SiteAreasGeoJsonView(ProjectMixin, View):
    """Sensitive areas near the project's site, for the map."""

    def get(self, request, pk):
        return JsonResponse(selectors.site_areas_geojson(project=self.project))
