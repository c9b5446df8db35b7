"""The site page (map, GeoJSON or KML) and the sensitive areas found near the site."""

import json

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from assessments import selectors, services
from assessments.forms import SiteForm
from assessments.views.base import ProjectMixin


class ProjectSiteView(ProjectMixin, View):
    template = "assessments/project_site.html"

    def page_context(self, **extra):
        return self.context(
            map_data=selectors.site_map_data(project=self.project),
            results=selectors.site_result_list(project=self.project),
            **extra,
        )

    def get(self, request, pk):
        initial = {"geojson": json.dumps(self.project.site) if self.project.site else ""}
        return self.render_page(form=SiteForm(initial=initial))

    def post(self, request, pk):
        form = self.bound_form = SiteForm(request.POST, request.FILES)
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
