"""Writes to the knowledge base: the editorial life cycle and the search index."""

import re

from django.db import transaction
from django.utils import timezone, translation

from knowledge import search
from knowledge.choices import EntryKind
from knowledge.choices import PublicationStatus as S
from knowledge.models import (
    Article,
    Country,
    Instrument,
    Region,
    SearchEntry,
    SectorGuidance,
    StandardLimit,
)
from knowledge.workflow import ensure_transition
from portal.audit import audit_log
from portal.public_cache import bump_public_version

LANGS = ("en", "zh_hans", "ru", "ar")


def _locked(obj):
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _move(obj, *, to: str, actor, reason: str = "", publish_at=None):
    obj = _locked(obj)
    ensure_transition(obj, to=to)
    before = {"status": obj.status, "publish_at": obj.publish_at}
    obj.status = to
    fields = ["status", "updated_by", "updated_at"]
    if to == S.PUBLISHED:
        obj.publish_at = publish_at
        fields.append("publish_at")
        if obj.published_at is None:
            obj.published_at = publish_at or timezone.now()
            fields.append("published_at")
    obj.updated_by = actor
    obj.save(update_fields=fields)
    action = {
        S.REVIEW: "submitted",
        S.PUBLISHED: "published",
        S.UNPUBLISHED: "unpublished",
        S.DRAFT: "returned",
    }[to]
    audit_log(
        actor=actor,
        action=f"{obj._meta.model_name}.{action}",
        target=obj,
        before=before,
        after={"status": obj.status, "publish_at": obj.publish_at},
        reason=reason,
    )
    index_object(obj)
    bump_public_version()
    return obj


@transaction.atomic
def content_submit_for_review(*, obj, submitted_by):
    """A draft goes to review; another editor publishes it."""
    return _move(obj, to=S.REVIEW, actor=submitted_by)


@transaction.atomic
def content_publish(*, obj, published_by, publish_at=None):
    """Publish now, or at ``publish_at`` (scheduled: invisible by every route until then)."""
    if publish_at is not None and publish_at <= timezone.now():
        publish_at = None
    return _move(obj, to=S.PUBLISHED, actor=published_by, publish_at=publish_at)


@transaction.atomic
def content_unpublish(*, obj, unpublished_by, reason: str = ""):
    return _move(obj, to=S.UNPUBLISHED, actor=unpublished_by, reason=reason)


@transaction.atomic
def content_return_to_draft(*, obj, returned_by, reason: str = ""):
    return _move(obj, to=S.DRAFT, actor=returned_by, reason=reason)


@transaction.atomic
def content_saved(*, obj, saved_by, created: bool, changed_fields: list[str]):
    """Record an editor's edit (the revision itself is kept by django-reversion) and reindex."""
    audit_log(
        actor=saved_by,
        action=f"{obj._meta.model_name}.{'created' if created else 'edited'}",
        target=obj,
        after={"fields": changed_fields},
    )
    index_object(obj)
    bump_public_version()


# --- search index ------------------------------------------------------------------------------


def _translated(obj, field: str) -> dict[str, str]:
    return {lang: getattr(obj, f"{field}_{lang}", "") or "" for lang in LANGS}


_SCRIPTS = {"ru": re.compile(r"[\u0400-\u04ff]"), "ar": re.compile(r"[\u0600-\u06ff]")}


def _with_original_title(obj) -> dict[str, str]:
    """Titles per language; where the Russian or Arabic title is not translated but the official
    title is in that script, the official one stands in, so that a Russian or Arabic reader finds
    the record by the words of its title (stemmed as Russian) and sees it in their script."""
    titles = _translated(obj, "title")
    for lang, script in _SCRIPTS.items():
        if not titles[lang] and obj.title_original and script.search(obj.title_original):
            titles[lang] = obj.title_original
    return titles


def _entry_fields(obj) -> dict | None:
    """What the index holds for one record, or None when the record is not public."""
    if isinstance(obj, StandardLimit):
        parent = obj.instrument
        if parent.status != S.PUBLISHED:
            return None
        titles = _translated(parent, "title")
        label = f"{obj.parameter} · {obj.get_medium_display()} · {obj.display_value} {obj.unit}"
        return {
            "kind": EntryKind.LIMIT,
            "url": parent.get_absolute_url() + f"#limit-{obj.pk}",
            "titles": {lang: f"{label} — {titles[lang] or titles['en']}" for lang in LANGS},
            "texts": dict.fromkeys(LANGS, f"{obj.category} {obj.averaging} {obj.conditions} {parent.number}"),
            "country": parent.jurisdiction,
            "type": "limit",
            "sectors": [obj.sector_id] if obj.sector_id else [],
            "topics": [],
            "legal_status": parent.legal_status,
            "year": parent.year,
            "verified": obj.verified,
            "visible_from": parent.publish_at,
            "identifier": parent.number,
        }
    if obj.status != S.PUBLISHED:
        return None
    common = {
        "visible_from": obj.publish_at,
        "topics": [],
        "sectors": [],
        "legal_status": "",
        "year": None,
        "identifier": "",
    }
    if isinstance(obj, Instrument):
        summaries = _translated(obj, "summary")
        return {
            **common,
            "kind": EntryKind.INSTRUMENT,
            "url": obj.get_absolute_url(),
            "titles": _with_original_title(obj),
            "texts": {
                lang: " ".join(
                    filter(
                        None,
                        [
                            obj.number,
                            obj.title_original,
                            obj.issuing_body,
                            summaries[lang] or summaries["en"],
                        ],
                    )
                )
                for lang in LANGS
            },
            "country": obj.jurisdiction,
            "type": obj.type,
            "sectors": [s.pk for s in obj.sectors.all()],
            "topics": [t.pk for t in obj.topics.all()],
            "legal_status": obj.legal_status,
            "year": obj.year,
            "verified": obj.verified,
            "identifier": obj.number,
        }
    if isinstance(obj, Country):
        sections = Country.PROFILE_SECTIONS
        per_lang = [_translated(obj, f) for f in sections]
        return {
            **common,
            "kind": EntryKind.COUNTRY,
            "url": obj.get_absolute_url(),
            "titles": _translated(obj, "name"),
            "texts": {lang: " ".join(p[lang] or p["en"] for p in per_lang) for lang in LANGS},
            "country": obj.iso2,
            "type": "country",
            "verified": obj.verified,
        }
    if isinstance(obj, SectorGuidance):
        names = _translated(obj.country, "name")
        sector_names = _translated(obj.sector, "name")
        tiers, notes = _translated(obj, "eia_tier"), _translated(obj, "notes")
        extra = " ".join(obj.permits + obj.key_risks + obj.instruments_text)
        return {
            **common,
            "kind": EntryKind.GUIDANCE,
            "url": obj.get_absolute_url(),
            "titles": {
                lang: f"{sector_names[lang] or sector_names['en']} — {names[lang] or names['en']}" for lang in LANGS
            },
            "texts": {lang: f"{tiers[lang] or tiers['en']} {notes[lang] or notes['en']} {extra}" for lang in LANGS},
            "country": obj.country.iso2,
            "type": "guidance",
            "sectors": [obj.sector_id],
            "verified": obj.verified,
        }
    if isinstance(obj, Region):
        sections = [_translated(obj, f) for f in Region.PROFILE_SECTIONS]
        return {
            **common,
            "kind": EntryKind.REGION,
            "url": obj.get_absolute_url(),
            "titles": _translated(obj, "name"),
            "texts": {lang: " ".join(p[lang] or p["en"] for p in sections) + f" {obj.code}" for lang in LANGS},
            "country": obj.code[:2],
            "type": "region",
            "verified": obj.verified,
            "identifier": obj.code,
        }
    if isinstance(obj, Article):
        summaries, bodies = _translated(obj, "summary"), _translated(obj, "body")
        return {
            **common,
            "kind": EntryKind.ARTICLE,
            "url": obj.get_absolute_url(),
            "titles": _translated(obj, "title"),
            "texts": {lang: f"{summaries[lang] or summaries['en']} {bodies[lang] or bodies['en']}" for lang in LANGS},
            "country": "",
            "type": "article",
            "sectors": [s.pk for s in obj.sectors.all()],
            "topics": [t.pk for t in obj.topics.all()],
            "year": obj.publish_at.year if obj.publish_at else None,
            "verified": obj.verified,
        }
    raise TypeError(f"not indexable: {type(obj).__name__}")


def _object_key(obj) -> tuple[str, str]:
    kind = {
        StandardLimit: EntryKind.LIMIT,
        Instrument: EntryKind.INSTRUMENT,
        Country: EntryKind.COUNTRY,
        SectorGuidance: EntryKind.GUIDANCE,
        Article: EntryKind.ARTICLE,
        Region: EntryKind.REGION,
    }[type(obj)]
    return kind, str(obj.pk)


def index_object(obj) -> None:
    """Bring the index in line with one record (and, for an instrument, its limits)."""
    kind, object_id = _object_key(obj)
    fields = _entry_fields(obj)
    if fields is None:
        SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()
    else:
        titles, texts = fields.pop("titles"), fields.pop("texts")
        defaults = {
            "url": fields["url"],
            "country": fields["country"],
            "type": fields["type"],
            "sectors": " ".join(fields["sectors"]),
            "topics": " ".join(fields["topics"]),
            "legal_status": fields["legal_status"],
            "year": fields["year"],
            "verified": fields["verified"],
            "visible_from": fields["visible_from"],
            "identifier": search.identifier_key(fields["identifier"])[:200],
        }
        for lang in LANGS:
            title = titles[lang] or titles["en"] if lang == "en" else titles[lang]
            text = texts[lang]
            if lang == "zh_hans":
                title, text = search.segment(title), search.segment(text)
            defaults[f"title_{lang}"] = search.index_text(title)[:500]
            defaults[f"text_{lang}"] = search.index_text(text)
        entry, _created = SearchEntry.objects.update_or_create(kind=kind, object_id=object_id, defaults=defaults)
        search.update_vector([entry.pk])
    if isinstance(obj, Instrument):
        for limit in obj.limits.all():
            index_object(limit)


def next_scheduled_publication():
    """When the next scheduled record becomes public (the public cache's version ends then)."""
    now = timezone.now()
    times = [
        model.objects.filter(status=S.PUBLISHED, publish_at__gt=now)
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
        for model in (Country, Instrument, SectorGuidance, Article, Region)
    ]
    return min((t for t in times if t is not None), default=None)


def search_rebuild() -> int:
    """Rebuild the whole index from the records (after an import)."""
    with transaction.atomic(), translation.override("en"):
        SearchEntry.objects.all().delete()
        for model in (Country, Instrument, SectorGuidance, Article, Region):
            for obj in model.objects.filter(status=S.PUBLISHED):
                index_object(obj)
        bump_public_version()
    return SearchEntry.objects.count()


# --- change announcements (issue 15.2) -----------------------------------------------------------

# The instrument fields whose change can alter what a project must comply with.
INSTRUMENT_WATCHED = ("amended", "repealed", "legal_status", "in_force")
# The limit fields whose change alters a check against the limit.
LIMIT_WATCHED = (
    "parameter",
    "medium",
    "value",
    "value_min",
    "value_max",
    "unit",
    "averaging",
    "conditions",
    "sector",
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
)


def _plain(value):
    if value is None:
        return None
    if hasattr(value, "pk"):
        return str(value.pk)
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


def field_changes(*, before: dict, after: dict, fields) -> list[dict]:
    """``[{"field", "before", "after"}]`` for the watched fields whose value differs."""
    out = []
    for name in fields:
        if name in after and _plain(before.get(name)) != _plain(after.get(name)):
            out.append({"field": name, "before": _plain(before.get(name)), "after": _plain(after.get(name))})
    return out


def instrument_change_announce(*, instrument, before: dict, actor) -> list[dict]:
    """Tell the apps above that an instrument's dates or legal status changed (``before``: the
    watched fields' values before the edit). Returns the changes announced."""
    from knowledge.signals import instrument_changed

    after = {f: getattr(instrument, f) for f in INSTRUMENT_WATCHED}
    changes = field_changes(before=before, after=after, fields=INSTRUMENT_WATCHED)
    if changes:
        instrument_changed.send(sender=Instrument, instrument=instrument, changes=changes, actor=actor)
    return changes


def limit_change_announce(*, limit, before: dict | None, actor, removed: bool = False) -> list[dict]:
    """Tell the apps above that a limit was added (``before`` None), edited or is about to be
    removed (``removed``). Returns the changes announced."""
    from knowledge.signals import limit_changed

    current = {f: getattr(limit, f if f != "sector" else "sector_id") for f in LIMIT_WATCHED}
    if removed:
        changes = [{"field": "limit", "before": str(limit), "after": None}]
    elif before is None:
        changes = [{"field": "limit", "before": None, "after": str(limit)}]
    else:
        changes = field_changes(before=before, after=current, fields=LIMIT_WATCHED)
    if changes:
        limit_changed.send(
            sender=StandardLimit,
            limit=limit,
            instrument=limit.instrument,
            changes=changes,
            actor=actor,
            removed=removed,
        )
    return changes


def limit_snapshot(limit) -> dict:
    """The watched fields of a limit as stored now (taken before an edit)."""
    return {f: getattr(limit, f if f != "sector" else "sector_id") for f in LIMIT_WATCHED}
