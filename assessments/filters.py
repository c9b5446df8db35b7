"""One FilterSet per list, shared by the workspace pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.choices import Category, ProjectStatus, RatingColour
from assessments.models import Project, Rating, RegisterEntry
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


class DisclosureFilter(django_filters.FilterSet):
    """The public register, page, exports and API alike: one row per disclosed project."""

    q = django_filters.CharFilter(method="filter_q", label=_("Search"))
    country = django_filters.CharFilter(method="filter_country", label=_("Country code"))
    sector = django_filters.ChoiceFilter(field_name="project__sector", choices=Sector.choices, label=_("Sector"))
    category = django_filters.ChoiceFilter(
        field_name="project__category",
        choices=[(c.value, c.value) for c in Category if c.value in ("A", "B", "C")],
        label=_("Category"),
    )
    status = django_filters.ChoiceFilter(field_name="project__status", choices=ProjectStatus.choices, label=_("Status"))
    window = django_filters.ChoiceFilter(
        method="filter_window",
        choices=[("open", _("Open for comments")), ("upcoming", _("Opening soon")), ("closed", _("Closed"))],
        label=_("Comment window"),
    )
    disclosed_after = django_filters.DateFilter(
        field_name="last_disclosed_at", lookup_expr="date__gte", label=_("Disclosed on or after")
    )
    disclosed_before = django_filters.DateFilter(
        field_name="last_disclosed_at", lookup_expr="date__lte", label=_("Disclosed on or before")
    )
    enterprise = django_filters.CharFilter(
        field_name="project__organisation__name", lookup_expr="icontains", label=_("Enterprise")
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("last_disclosed_at", "disclosed"),
            ("project__comment_window__closes_at", "closes"),
            ("project__name", "name"),
            ("project__reference", "reference"),
            ("unanswered_count", "unanswered"),
        ),
        field_labels={
            "last_disclosed_at": _("Date disclosed"),
            "project__comment_window__closes_at": _("Window closing"),
            "project__name": _("Project name"),
            "project__reference": _("Reference"),
            "unanswered_count": _("Unanswered comments"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = RegisterEntry
        fields: list[str] = []  # every filter is declared above, in the order the page shows them

    def filter_q(self, queryset, name, value):
        from django.conf import settings

        from knowledge.search import query_terms, segment

        value = value.strip()[:200]
        if not value:
            return queryset
        if settings.IS_POSTGRES:
            from django.contrib.postgres.search import SearchQuery

            text = segment(value)
            query = SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
                text, config="simple", search_type="websearch"
            )
            return queryset.filter(Q(search_vector=query) | Q(project__reference__iexact=value))
        # SQLite: every word somewhere in the text (no stemming, no ranking).
        words = query_terms(value)[:20]
        if not words:
            return queryset
        condition = Q()
        for word in words:
            condition &= Q(search_text__icontains=word)
        return queryset.filter(condition | Q(project__reference__iexact=value))

    def filter_country(self, queryset, name, value):
        return queryset.filter(project__host_country__iso2=value.strip().upper())

    def filter_window(self, queryset, name, value):
        from django.utils import timezone

        now = timezone.now()
        w = "project__comment_window__"
        if value == "open":
            return queryset.filter(**{f"{w}opens_at__lte": now, f"{w}closes_at__gte": now})
        if value == "upcoming":
            return queryset.filter(**{f"{w}opens_at__gt": now})
        if value == "closed":
            return queryset.filter(**{f"{w}closes_at__lt": now})
        return queryset
