"""The editors' workspace: Django admin with revisions (django-reversion) and per-language
fields (django-modeltranslation). Publication moves go through ``knowledge.services`` as admin
actions, so they are checked against the workflow table and audited like every other write."""

from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin

from knowledge import services
from knowledge.models import (
    Article,
    Country,
    CountryRisk,
    Indicator,
    Instrument,
    InstrumentRelation,
    Region,
    RegionRisk,
    Sector,
    SectorGuidance,
    StandardLimit,
    Topic,
    TreatyParticipation,
)
from portal.errors import ServiceError
from portal.text import clean_name


def _run(modeladmin, request, queryset, service, done_message, **kwargs):
    done = 0
    for obj in queryset:
        try:
            service(obj=obj, **{k: (request.user if v is None else v(obj)) for k, v in kwargs.items()})
            done += 1
        except ServiceError as exc:
            modeladmin.message_user(request, exc.message, messages.ERROR)
    if done:
        modeladmin.message_user(request, done_message % {"n": done}, messages.SUCCESS)


@admin.action(description=_("Submit for review"))
def submit_for_review(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        services.content_submit_for_review,
        _("%(n)s submitted for review."),
        submitted_by=None,
    )


@admin.action(description=_("Publish (at “publish at”, or now)"))
def publish(modeladmin, request, queryset):
    _run(
        modeladmin,
        request,
        queryset,
        services.content_publish,
        _("%(n)s published or scheduled."),
        published_by=None,
        publish_at=lambda obj: obj.publish_at,
    )


@admin.action(description=_("Unpublish"))
def unpublish(modeladmin, request, queryset):
    _run(modeladmin, request, queryset, services.content_unpublish, _("%(n)s unpublished."), unpublished_by=None)


@admin.action(description=_("Return to draft"))
def return_to_draft(modeladmin, request, queryset):
    _run(
        modeladmin, request, queryset, services.content_return_to_draft, _("%(n)s returned to draft."), returned_by=None
    )


TRANSLATED_LANGUAGES = [("zh_hans", "zh-hans", _("Chinese")), ("ru", "ru", _("Russian")), ("ar", "ar", _("Arabic"))]


class TranslationStateFilter(admin.SimpleListFilter):
    """Which records lack a language, or carry a machine-assisted one nobody has reviewed."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        rows = [
            (f"missing-{code}", _("%(language)s missing") % {"language": name})
            for _suffix, code, name in TRANSLATED_LANGUAGES
        ]
        if hasattr(model_admin.model, "machine_translated"):
            rows.append(("machine", _("machine-assisted, not reviewed")))
        return rows

    def queryset(self, request, queryset):
        value = self.value() or ""
        field = self.model_admin_field
        if value == "machine":
            return queryset.exclude(machine_translated=[])
        for suffix, code, _name in TRANSLATED_LANGUAGES:
            if value == f"missing-{code}":
                column = f"{field}_{suffix}"
                return queryset.filter(Q(**{column: ""}) | Q(**{f"{column}__isnull": True}))
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.model_admin_field = model_admin.translation_field
        super().__init__(request, params, model, model_admin)


class PublishableAdmin(VersionAdmin, TranslationAdmin):
    """Status changes only through the actions; every save is a revision and re-indexes. Each
    record shows its publication state, its schedule and a link to its public page (or, before
    publication, a preview of it), and which translations are missing or unreviewed."""

    actions = [submit_for_review, publish, unpublish, return_to_draft]
    readonly_fields = ["status", "published_at", "updated_by", "updated_at", "public_page", "translations"]
    list_filter = ["status", TranslationStateFilter]
    translation_field = "title"  # the field whose languages the translation filter checks

    @admin.display(description=_("public page"))
    def public_page(self, obj):
        if not obj.pk:
            return "—"
        url = obj.get_absolute_url()
        state = obj.get_status_display()
        if obj.is_public:
            return format_html(
                '{} · <a href="{}" target="_blank" rel="noopener">{}</a>', state, url, _("open the public page")
            )
        schedule = format_html(" · {} {}", _("scheduled for"), obj.publish_at) if obj.publish_at else ""
        return format_html(
            '{}{} · <a href="{}?preview=1" target="_blank" rel="noopener">{}</a>', state, schedule, url, _("preview")
        )

    @admin.display(description=_("translations"))
    def translations(self, obj):
        machine = set(getattr(obj, "machine_translated", None) or [])
        cells = []
        for suffix, code, name in TRANSLATED_LANGUAGES:
            value = getattr(obj, f"{self.translation_field}_{suffix}", "")
            state = _("missing") if not value else (_("machine-assisted") if code in machine else _("done"))
            cells.append((name, state))
        return format_html_join(", ", "{}: {}", cells)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        # Names and titles (every language column) lose bidi controls and zero-width characters.
        for field in obj._meta.concrete_fields:
            value = getattr(obj, field.attname)
            if field.name.split("_")[0] in ("title", "name") and isinstance(value, str):
                setattr(obj, field.attname, clean_name(value))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the many-to-many fields are saved, so the index sees sectors and topics.
        services.content_saved(
            obj=form.instance, saved_by=request.user, created=not change, changed_fields=list(form.changed_data)
        )


class StandardLimitInline(admin.TabularInline):
    """The instrument's limits at a glance; each opens in its own form (applicability, source,
    note), and the limits list filters them all."""

    model = StandardLimit
    show_change_link = True

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0  # a new instrument starts with one empty limit row

    fields = ["parameter", "medium", "category", "value", "value_min", "value_max", "unit", "averaging", "verified"]


class RelationInline(admin.TabularInline):
    model = InstrumentRelation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]


@admin.register(Instrument)
class InstrumentAdmin(PublishableAdmin):
    list_display = [
        "title",
        "jurisdiction",
        "type",
        "number",
        "year",
        "legal_status",
        "verified",
        "status",
        "publish_at",
        "translations",
    ]
    list_filter = ["status", TranslationStateFilter, "type", "legal_status", "verified", "jurisdiction"]
    search_fields = ["title", "title_original", "number", "key"]
    filter_horizontal = ["sectors", "topics"]
    inlines = [StandardLimitInline, RelationInline]
    prepopulated_fields = {"key": ["title"]}
    fieldsets = [
        (
            None,
            {"fields": ["key", "jurisdiction", "country", "type", "title", "title_original", "number", "issuing_body"]},
        ),
        (_("Dates and status"), {"fields": ["adopted", "in_force", "amended", "repealed", "legal_status"]}),
        (
            _("Content"),
            {"fields": ["summary", "sectors", "topics", "source_url", "source_secondary", "verified", "note"]},
        ),
        (_("Translation review"), {"fields": ["machine_translated"]}),
        (
            _("Publication"),
            {"fields": ["public_page", "status", "publish_at", "published_at", "updated_by", "updated_at"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        before = None
        if change:
            before = Instrument.objects.filter(pk=obj.pk).values(*services.INSTRUMENT_WATCHED).first()
        super().save_model(request, obj, form, change)
        if before is not None:
            # Projects, conditions and reports that relied on it are flagged (issue 15.2).
            services.instrument_change_announce(instrument=obj, before=before, actor=request.user)

    def save_formset(self, request, form, formset, change):
        if formset.model is not StandardLimit:
            return super().save_formset(request, form, formset, change)
        before = {}
        for f in formset.forms:
            if f.instance.pk and f.has_changed():
                before[f.instance.pk] = services.limit_snapshot(StandardLimit.objects.get(pk=f.instance.pk))
        for f in formset.deleted_forms:
            if f.instance.pk:
                services.limit_change_announce(limit=f.instance, before=None, actor=request.user, removed=True)
        saved = formset.save()
        for limit in saved:
            services.limit_change_announce(limit=limit, before=before.get(limit.pk), actor=request.user)
        return saved

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            url = reverse("admin:knowledge_standardlimit_changelist") + f"?instrument__id__exact={obj.pk}"
            link = format_html('<a href="{}">{}</a>', url, _("all limits of this instrument, with filters"))
            fieldsets = [*fieldsets, (_("Limits"), {"fields": [], "description": link})]
        return fieldsets


class TreatyInline(admin.TabularInline):
    model = TreatyParticipation
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class RiskInline(TranslationTabularInline):
    model = CountryRisk
    extra = 0


@admin.register(Country)
class CountryAdmin(PublishableAdmin):
    list_display = ["name", "iso2", "region", "verified", "status", "publish_at", "translations"]
    list_filter = ["status", TranslationStateFilter, "region", "verified"]
    translation_field = "name"
    search_fields = ["name", "iso2"]
    inlines = [RiskInline, TreatyInline, IndicatorInline]


class RegionRiskInline(TranslationTabularInline):
    model = RegionRisk
    extra = 0
    fields = ["dimension", "level", "justification", "source_url", "verified", "editor_note"]


@admin.register(Region)
class RegionAdmin(PublishableAdmin):
    """Sub-national profiles (issue 16.7): every translated field per language, the regional
    risks inline, and the machine-assisted languages to review."""

    list_display = ["name", "code", "country", "verified", "status", "publish_at", "translations"]
    list_filter = ["status", TranslationStateFilter, "verified", "country"]
    translation_field = "name"
    search_fields = ["name", "code"]
    list_select_related = ["country"]
    inlines = [RegionRiskInline]
    fieldsets = [
        (None, {"fields": ["country", "code", "name"]}),
        (
            _("Profile"),
            {"fields": ["route_role", "ecological_status", "pressures", "sources", "verified", "editor_note"]},
        ),
        (_("Translation review"), {"fields": ["machine_translated"]}),
        (
            _("Publication"),
            {"fields": ["public_page", "status", "publish_at", "published_at", "updated_by", "updated_at"]},
        ),
    ]


@admin.register(SectorGuidance)
class SectorGuidanceAdmin(PublishableAdmin):
    list_display = ["__str__", "country", "sector", "verified", "status", "publish_at", "translations"]
    list_filter = ["status", TranslationStateFilter, "sector", "country", "verified"]
    translation_field = "notes"
    autocomplete_fields = ["instruments"]


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    list_display = ["title", "verified", "status", "publish_at", "translations"]
    list_filter = ["status", TranslationStateFilter, "verified"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["countries", "sectors", "topics"]
    autocomplete_fields = ["instruments"]


@admin.register(Sector)
class SectorAdmin(TranslationAdmin):
    list_display = ["code", "name"]


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    list_display = ["code", "name"]


@admin.register(StandardLimit)
class StandardLimitAdmin(admin.ModelAdmin):
    """Every limit in one filterable list, with its applicability and the internal note."""

    list_display = [
        "parameter",
        "medium",
        "instrument",
        "category",
        "display_value",
        "unit",
        "source_type",
        "fuel",
        "plant_age",
        "grade_scope",
        "receiving_water",
        "verified",
    ]
    list_filter = [
        "medium",
        "source_type",
        "fuel",
        "plant_age",
        "airshed",
        "grade_scope",
        "receiving_water",
        "verified",
        "instrument__jurisdiction",
    ]
    search_fields = ["parameter", "category", "instrument__key", "instrument__title"]

    def save_model(self, request, obj, form, change):
        before = services.limit_snapshot(StandardLimit.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        # Projects and reports checked against this limit are flagged (issue 15.2).
        services.limit_change_announce(limit=obj, before=before, actor=request.user)

    def delete_model(self, request, obj):
        services.limit_change_announce(limit=obj, before=None, actor=request.user, removed=True)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for limit in queryset.select_related("instrument"):
            services.limit_change_announce(limit=limit, before=None, actor=request.user, removed=True)
        super().delete_queryset(request, queryset)

    autocomplete_fields = ["instrument"]
    list_select_related = ["instrument"]
    fieldsets = [
        (
            _("Value"),
            {
                "fields": [
                    "instrument",
                    "parameter",
                    "medium",
                    "category",
                    "sector",
                    ("value", "value_min", "value_max", "unit"),
                    "averaging",
                    "conditions",
                ]
            },
        ),
        (
            _("Applies to (empty = unknown: the compliance matrix will not judge against it)"),
            {
                "fields": [
                    ("source_type", "fuel"),
                    ("capacity_min", "capacity_max", "capacity_unit"),
                    ("plant_age", "built_from", "built_before"),
                    "airshed",
                    ("grade", "grade_scope"),
                    ("receiving_water", "receiving_water_class"),
                ]
            },
        ),
        (
            _("Reference conditions"),
            {"fields": [("o2_ref_percent", "ref_temperature_k", "ref_pressure_kpa", "gas_basis")]},
        ),
        (_("Source"), {"fields": ["source_url", "verified", "note", "editor_note"]}),
    ]
