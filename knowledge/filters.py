"""One FilterSet per list, shared by the pages and the API."""

import re

import django_filters
from django.utils.translation import gettext_lazy as _

from knowledge.choices import EntryKind, InstrumentType, LegalStatus, Medium
from knowledge.models import Country, Instrument, SearchEntry, SectorGuidance, StandardLimit
from knowledge.search import search
from portal.choices import Sector


class SearchEntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EntryKind.choices)
    country = django_filters.CharFilter(label=_("Country or body"), method="filter_country")
    type = django_filters.CharFilter(label=_("Type"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, method="filter_word")
    topic = django_filters.CharFilter(label=_("Topic"), method="filter_word")
    legal_status = django_filters.ChoiceFilter(label=_("Legal status"), choices=LegalStatus.choices)
    year = django_filters.NumberFilter(label=_("Year"))
    verified = django_filters.BooleanFilter(label=_("Verified only"))

    class Meta:
        model = SearchEntry
        fields = [
            "q",
            "kind",
            "country",
            "type",
            "sector",
            "topic",
            "legal_status",
            "year",
            "verified",
        ]

    def filter_q(self, queryset, name, value):
        return search(queryset, value) if value.strip() else queryset

    def filter_country(self, queryset, name, value):
        return queryset.filter(country=value.upper())

    def filter_word(self, queryset, name, value):
        # sectors and topics are space-separated code lists: match a whole code.
        field = "sectors" if name == "sector" else "topics"
        return queryset.filter(**{f"{field}__regex": rf"(^| ){re.escape(value)}( |$)"})


class CountryFilter(django_filters.FilterSet):
    region = django_filters.CharFilter()

    class Meta:
        model = Country
        fields = ["region", "verified"]


class InstrumentFilter(django_filters.FilterSet):
    jurisdiction = django_filters.CharFilter(method="filter_jurisdiction")
    type = django_filters.ChoiceFilter(choices=InstrumentType.choices)
    legal_status = django_filters.ChoiceFilter(choices=LegalStatus.choices)
    sector = django_filters.CharFilter(field_name="sectors__code")
    topic = django_filters.CharFilter(field_name="topics__code")
    year = django_filters.NumberFilter()
    verified = django_filters.BooleanFilter()

    class Meta:
        model = Instrument
        fields = ["jurisdiction", "type", "legal_status", "sector", "topic", "year", "verified"]

    def filter_jurisdiction(self, queryset, name, value):
        return queryset.filter(jurisdiction=value.upper())


class StandardLimitFilter(django_filters.FilterSet):
    parameter = django_filters.CharFilter(lookup_expr="iexact")
    medium = django_filters.ChoiceFilter(choices=Medium.choices)
    jurisdiction = django_filters.CharFilter(field_name="instrument__jurisdiction", method="filter_jurisdiction")
    instrument = django_filters.CharFilter(field_name="instrument__key")
    sector = django_filters.CharFilter(field_name="sector__code")
    verified = django_filters.BooleanFilter()

    class Meta:
        model = StandardLimit
        fields = ["parameter", "medium", "jurisdiction", "instrument", "sector", "verified"]

    def filter_jurisdiction(self, queryset, name, value):
        return queryset.filter(instrument__jurisdiction=value.upper())


class SectorGuidanceFilter(django_filters.FilterSet):
    country = django_filters.CharFilter(field_name="country__iso2", method="filter_country")
    sector = django_filters.CharFilter(field_name="sector__code")
    verified = django_filters.BooleanFilter()

    class Meta:
        model = SectorGuidance
        fields = ["country", "sector", "verified"]

    def filter_country(self, queryset, name, value):
        return queryset.filter(country__iso2=value.upper())
