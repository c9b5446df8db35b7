"""One FilterSet per list, shared by the workspace pages and the API."""

import django_filters

from assessments.choices import Category, ProjectStatus, RatingColour
from assessments.models import Project, Rating
from portal.choices import Sector


class ProjectFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices)
    category = django_filters.ChoiceFilter(choices=Category.choices)
    sector = django_filters.ChoiceFilter(choices=Sector.choices)
    host_country = django_filters.CharFilter(field_name="host_country__iso2", method="filter_country")

    class Meta:
        model = Project
        fields = ["status", "category", "sector", "host_country"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(host_country__iso2=value.upper())


class RatingFilter(django_filters.FilterSet):
    """The public ratings list, page and API alike: by colour, home country and name."""

    colour = django_filters.ChoiceFilter(choices=RatingColour.choices)
    home_country = django_filters.CharFilter(field_name="organisation__home_country", method="filter_country")
    q = django_filters.CharFilter(field_name="organisation__name", lookup_expr="icontains")

    class Meta:
        model = Rating
        fields = ["colour", "home_country", "q"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(organisation__home_country=value.upper())
