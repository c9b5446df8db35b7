"""Public serializers: fields listed explicitly, public records only (see selectors)."""

from rest_framework import serializers

from knowledge.models import (
    Article,
    Country,
    CountryRisk,
    Indicator,
    Instrument,
    InstrumentRelation,
    Region,
    RegionRisk,
    SearchEntry,
    SectorGuidance,
    StandardLimit,
    TreatyParticipation,
)


class CountryRiskSerializer(serializers.ModelSerializer):
    method = serializers.CharField(read_only=True, help_text="How this rating is derived, for readers.")

    class Meta:
        model = CountryRisk
        fields = ["dimension", "level", "justification", "method", "source_url", "verified"]


class TreatySerializer(serializers.ModelSerializer):
    class Meta:
        model = TreatyParticipation
        fields = ["treaty", "status", "year", "source_url", "verified"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["name", "value", "unit", "year", "source_url", "verified"]


class CountrySerializer(serializers.ModelSerializer):
    risks = CountryRiskSerializer(many=True, read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Country
        fields = ["iso2", "iso3", "name", "region", "verified", "url", "risks"]


class CountryDetailSerializer(CountrySerializer):
    treaties = TreatySerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta(CountrySerializer.Meta):
        fields = [
            *CountrySerializer.Meta.fields,
            "sustainable_development",
            "ecological_status",
            "governance_capacity",
            "infrastructure",
            "culture_religion",
            "profile_sources",
            "treaties",
            "indicators",
        ]


class InstrumentSerializer(serializers.ModelSerializer):
    sectors = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    topics = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "key",
            "jurisdiction",
            "type",
            "title",
            "title_original",
            "number",
            "issuing_body",
            "adopted",
            "in_force",
            "amended",
            "repealed",
            "year",
            "legal_status",
            "sectors",
            "topics",
            "summary",
            "source_url",
            "source_secondary",
            "verified",
            "url",
        ]


class LimitSerializer(serializers.ModelSerializer):
    instrument = serializers.SlugRelatedField(read_only=True, slug_field="key")
    jurisdiction = serializers.CharField(source="instrument.jurisdiction", read_only=True)
    # Null for a limit that applies to every sector.
    sector = serializers.SlugRelatedField(read_only=True, slug_field="code", allow_null=True)

    class Meta:
        model = StandardLimit
        fields = [
            "id",
            "instrument",
            "jurisdiction",
            "parameter",
            "medium",
            "category",
            "sector",
            "value",
            "value_min",
            "value_max",
            "unit",
            "averaging",
            "conditions",
            # Applicability (empty = unknown); see StandardLimit.
            "source_type",
            "fuel",
            "capacity_min",
            "capacity_max",
            "capacity_unit",
            "plant_age",
            "built_from",
            "built_before",
            "airshed",
            "grade",
            "grade_scope",
            "receiving_water",
            "receiving_water_class",
            "o2_ref_percent",
            "ref_temperature_k",
            "ref_pressure_kpa",
            "gas_basis",
            "source_url",
            "verified",
        ]


class RelationSerializer(serializers.ModelSerializer):
    target = serializers.SlugRelatedField(read_only=True, slug_field="key")

    class Meta:
        model = InstrumentRelation
        fields = ["type", "target"]


class InstrumentDetailSerializer(InstrumentSerializer):
    limits = LimitSerializer(many=True, read_only=True)
    relations = RelationSerializer(many=True, read_only=True, source="relations_out")

    class Meta(InstrumentSerializer.Meta):
        fields = [*InstrumentSerializer.Meta.fields, "limits", "relations"]


class GuidanceSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso2", read_only=True)
    sector = serializers.CharField(source="sector_id", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    # A JSON list in the model; the schema says what is in it (absolute links, checked on import).
    source_urls = serializers.ListField(child=serializers.URLField(), read_only=True)

    class Meta:
        model = SectorGuidance
        fields = [
            "id",
            "country",
            "sector",
            "instruments_text",
            "eia_tier",
            "permits",
            "key_risks",
            "notes",
            "source_urls",
            "verified",
            "url",
        ]


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    instruments = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "instruments",
            "source_url",
            "verified",
            "machine_translated",
            "publish_at",
            "url",
        ]


class RegionRiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionRisk
        fields = ["dimension", "level", "justification", "source_url", "verified"]


class RegionSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso2", read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)
    risks = RegionRiskSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = [
            "code",
            "country",
            "name",
            "route_role",
            "ecological_status",
            "pressures",
            "sources",
            "verified",
            "machine_translated",
            "url",
            "risks",
        ]


class SearchResultSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()
    snippet = serializers.SerializerMethodField(help_text="HTML excerpt; only <mark> is markup, the rest is escaped")

    class Meta:
        model = SearchEntry
        fields = ["kind", "object_id", "url", "title", "snippet", "country", "type", "legal_status", "year", "verified"]

    def get_snippet(self, obj) -> str:
        return self.context.get("snippets", {}).get(obj.pk, "")

    def get_title(self, obj) -> str:
        from knowledge.search import join_cjk, lang_suffix

        return join_cjk(getattr(obj, f"title_{lang_suffix()}") or obj.title_en)
