"""One FilterSet per list, shared by the workspace pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

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


class ReviewQueueFilter(django_filters.FilterSet):
    """The regulator's queue, page and API alike: what to show and in which order."""

    q = django_filters.CharFilter(method="filter_q", label=_("Reference, project or enterprise"))
    status = django_filters.ChoiceFilter(choices=ProjectStatus.choices, label=_("Status"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    sector = django_filters.ChoiceFilter(choices=Sector.choices, label=_("Sector"))
    host_country = django_filters.CharFilter(method="filter_country", label=_("Country code"))
    reviewer = django_filters.ChoiceFilter(
        choices=[("me", _("Mine")), ("none", _("Unassigned"))], method="filter_reviewer", label=_("Reviewer")
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("review__due_at", "due"),
            ("review__started_at", "submitted"),
            ("reference", "reference"),
            ("category", "category"),
            ("organisation__name", "enterprise"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Project
        fields = ["status", "category", "sector"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(reference__icontains=value) | Q(name__icontains=value) | Q(organisation__name__icontains=value)
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(host_country__iso2=value.strip().upper())

    def filter_reviewer(self, queryset, name, value):
        if value == "me" and self.user is not None:
            return queryset.filter(review__reviewer=self.user)
        if value == "none":
            return queryset.filter(review__reviewer__isnull=True)
        return queryset


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
