"""Import and export of the whole knowledge-base data set (JSON files in ``knowledge/data``).

Every record of every file is validated first; a bad record is reported with its file, line
and reason, and then nothing at all is imported. A valid data set is imported in one
transaction (records matched by their natural keys, so re-importing is idempotent).
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation

from knowledge.choices import (
    INTERNATIONAL_JURISDICTIONS,
    Airshed,
    CapacityBasis,
    Fuel,
    GasBasis,
    GradeScope,
    InstrumentType,
    LegalStatus,
    Medium,
    PlantAge,
    PublicationStatus,
    ReceivingWater,
    RelationType,
    RiskDimension,
    RiskLevel,
    SourceType,
    Treaty,
    TreatyStatus,
    WorldRegion,
)
from knowledge.choices import (
    Topic as TopicChoice,
)
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
from knowledge.risk_methods import public_justification
from portal.audit import audit_log
from portal.choices import Sector as SectorChoice
from portal.countries import country_name
from portal.text import LONG_TEXT_MAX_LENGTH

DATA_DIR = Path(settings.BASE_DIR) / "knowledge" / "data"
FILES = ("countries", "instruments", "limits", "guidance", "articles", "regions")
# An article may be shipped as a draft (written, not yet public) or published.
ARTICLE_STATUSES = (PublicationStatus.DRAFT, PublicationStatus.PUBLISHED)
# Languages whose titles and summaries live in their own file, ``translations_<lang>.json``
# beside instruments.json, so a translator's work never rewrites the records themselves.
TRANSLATION_FILES = {"ru": "translations_ru", "ar": "translations_ar"}
TRANSLATION_FIELDS = ("title", "summary")
_url = URLValidator(schemes=["http", "https"])
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# How a researcher's caveat about their own reading sounds ("Values not read here.", "as commonly
# cited", "此处未读到", "未核实", "لم يُطّلع … هنا", "здесь не изучались", "не проверялось"). Public
# text (titles, summaries, and their translations) must not carry it: such a caveat belongs in the
# editors-only ``note``. Kept small and precise so that real legal wording passes ("as amended",
# "not listed in Article 4", "第4条未列出", "с изменениями", "не проверенное в установленном порядке").
RESEARCH_NOTE_PATTERNS = (
    # English
    r"\bnot (?:been )?(?:read|checked)\b",
    r"\b(?:is|are|was|were|been) not (?:verified|confirmed)\b",
    r"\bnot (?:verified|confirmed|listed|detailed|stated) here\b",
    r"\bread here\b",
    r"\bcommonly cited\b",
    r"\bthe (?:\w+ )?(?:text|list|source|copy|page) read\b",
    r"\b(?:was|were|tier|tiering) read (?:via|from)\b",
    r"\bknown here only\b",
    # Chinese
    r"此处(?:未|所读)",
    r"未读",
    r"未予?阅读",
    r"未予?核[实查]",
    r"通常引用",
    r"所读(?:英文|文本|清单|来源|修订|页面|附表|副本)",
    # Arabic (matched with the short vowels and shadda taken out)
    r"لم [يت]طلع",
    r"المطلع علي",
    r"لم يتحقق (?:من|مما|هنا)",
    r"يستشهد به عادة",
    r"غير مدرجة هنا",
    # Russian (past-tense "was not read/checked/studied", not the participles of legal text)
    r"\bне (?:был[аио]? )?(?:прочитан|изучал|проверял|читал|сверял)\w*",
    r"\bздесь (?:это )?не (?:прочит|изуч|провер|чита|сверя|перечисл)\w*",
    r"\bпо общепринятым ссылкам\b",
    r"\bкак (?:это )?(?:принято|обычно) цитир\w*",
    r"\bобычно (?:цитируем|датируем)\w*",
    r"\bизученн\w*(?: здесь)?(?: \w+)? (?:текст|перечень|список|источник|экземпляр)\w*",
)
_RESEARCH_NOTE = re.compile("|".join(RESEARCH_NOTE_PATTERNS), re.IGNORECASE)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
# The public text of an instrument record that must read as published text, not as a note.
PUBLIC_INSTRUMENT_TEXT = ("title", "title_zh", "summary", "summary_zh")
# The same for a guidance record (strings, or lists of strings); its researcher's caveats go to
# ``editor_note``, imported into the editors-only field of the same name (admin only, exported).
PUBLIC_GUIDANCE_TEXT = (
    "instruments",
    "eia_tier",
    "eia_tier_zh",
    "permits",
    "permits_zh",
    "key_risks",
    "key_risks_zh",
    "notes",
    "notes_zh",
)
# The content languages of a record's text keys: the key's suffix and the column's language
# (``title``/``title_en``, ``title_zh``/``title_zh_hans`` …), for articles, regions and countries.
LANGUAGE_SUFFIXES = {"": "en", "_zh": "zh_hans", "_ru": "ru", "_ar": "ar"}
# A country profile's translations (its English text is imported on its own).
COUNTRY_LANGUAGES = {suffix: column for suffix, column in LANGUAGE_SUFFIXES.items() if suffix}
# A guidance record's lists of public strings, and their Chinese counterparts (item for item).
GUIDANCE_LISTS = ("permits", "key_risks")


def research_note_phrase(text) -> str | None:
    """The research-note phrasing found in ``text`` (Arabic without its short vowels), or None."""
    if not isinstance(text, str):
        return None
    match = _RESEARCH_NOTE.search(_ARABIC_MARKS.sub("", text))
    return match.group(0) if match else None


@dataclass
class RowError:
    file: str
    line: int
    index: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}.json line {self.line} (record {self.index + 1}): {self.message}"


class DatasetInvalid(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} bad record(s)")
        self.errors = errors


def _records_with_lines(path: Path) -> list[tuple[int, dict]]:
    """Parse a JSON array and give each record the line it starts on."""
    text = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    out = []
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            break
        record, end = decoder.raw_decode(text, pos)
        out.append((text.count("\n", 0, pos) + 1, record))
        pos = end
    return out


class _Row(tuple):
    """A (line, record) pair that also remembers its file and its number in that file, so a
    record of ``limits_more.json`` is reported against that file, not against ``limits.json``."""

    file: str
    index: int


def dataset_paths(directory: Path, name: str) -> list[Path]:
    """The files of one part of the data set: ``limits.json`` first, then any ``limits_*.json``
    (sorted), so new rows can live in their own file without rewriting the shipped one."""
    extra = sorted(directory.glob(f"{name}_*.json")) if name == "limits" else []
    return [p for p in [directory / f"{name}.json", *extra] if p.exists()]


@dataclass
class TranslationEntry:
    """One instrument's entry in ``translations_<lang>.json``, with the line it starts on."""

    key: str
    line: int
    index: int
    value: object


@dataclass
class TranslationFile:
    file: str
    language: str
    entries: list[TranslationEntry]
    # Top-level keys other than "instruments", with their lines: refused by the validation.
    unexpected: list[tuple[int, str]]
    missing_instruments: bool = False


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n,":
        pos += 1
    return pos


def _object_members(text: str, pos: int) -> list[tuple[int, str, int, object]]:
    """The members of the JSON object starting at ``pos``: (line, key, value position, value)."""
    decoder = json.JSONDecoder()
    if text[pos] != "{":
        raise ValueError(f"expected an object at line {text.count(chr(10), 0, pos) + 1}")
    pos += 1
    out = []
    while True:
        pos = _skip_space(text, pos)
        if pos >= len(text) or text[pos] == "}":
            return out
        line = text.count("\n", 0, pos) + 1
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip_space(text, pos)
        if text[pos] != ":":
            raise ValueError(f"expected ':' at line {text.count(chr(10), 0, pos) + 1}")
        pos = _skip_space(text, pos + 1)
        start = pos
        value, pos = decoder.raw_decode(text, pos)
        out.append((line, key, start, value))


def _read_translations(path: Path, language: str) -> TranslationFile:
    text = path.read_text(encoding="utf-8")
    json.loads(text)  # a syntax error is reported with its line before anything else
    start = _skip_space(text, 0)
    found = TranslationFile(path.stem, language, [], [], missing_instruments=True)
    for line, key, value_pos, value in _object_members(text, start):
        if key != "instruments":
            found.unexpected.append((line, key))
            continue
        found.missing_instruments = False
        if not isinstance(value, dict):
            found.entries.append(TranslationEntry("", line, 0, value))
            continue
        for index, (entry_line, instrument, _pos, entry) in enumerate(_object_members(text, value_pos)):
            found.entries.append(TranslationEntry(instrument, entry_line, index, entry))
    return found


def translation_paths(directory: Path) -> dict[str, Path]:
    return {
        lang: directory / f"{stem}.json"
        for lang, stem in TRANSLATION_FILES.items()
        if (directory / f"{stem}.json").exists()
    }


def read_dataset(directory: Path = DATA_DIR) -> dict[str, list[tuple[int, dict]]]:
    data = {}
    for name in FILES:
        data[name] = []
        for path in dataset_paths(directory, name):
            try:
                records = _records_with_lines(path)
            except (ValueError, json.JSONDecodeError) as exc:
                error = RowError(path.stem, getattr(exc, "lineno", 0), 0, f"not valid JSON: {exc}")
                raise DatasetInvalid([error]) from exc
            for index, pair in enumerate(records):
                row = _Row(pair)
                row.file, row.index = path.stem, index
                data[name].append(row)
    data["translations"] = {}
    for language, path in translation_paths(directory).items():
        try:
            data["translations"][language] = _read_translations(path, language)
        except (ValueError, json.JSONDecodeError) as exc:
            error = RowError(path.stem, getattr(exc, "lineno", 0), 0, f"not valid JSON: {exc}")
            raise DatasetInvalid([error]) from exc
    return data


def dataset_checksum(directory: Path = DATA_DIR) -> str:
    digest = hashlib.sha256()
    for name in FILES:
        for path in dataset_paths(directory, name):
            digest.update(path.read_bytes())
    # A new or corrected translation is a changed data set: ``--if-changed`` must import it.
    for language, path in translation_paths(directory).items():
        digest.update(language.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- validation --------------------------------------------------------------------------------


def _check_url(value, problems, label="source_url", required=True):
    if not value:
        if required:
            problems.append(f"{label} is missing")
        return
    try:
        _url(value)
    except ValidationError:
        problems.append(f"{label} is not a valid http(s) URL: {value!r}")


def _check_choice(value, choices, label, problems, required=True):
    if value in (None, "") and not required:
        return
    if value not in choices:
        problems.append(f"{label} {value!r} is not one of {', '.join(sorted(choices))}")


def _check_date(value, label, problems):
    if value in (None, ""):
        return
    if not _PARTIAL_DATE.match(str(value)):
        problems.append(f"{label} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")


def _check_number(value, label, problems, required=False):
    if value is None:
        if required:
            problems.append(f"{label} is missing")
        return
    if isinstance(value, bool):
        problems.append(f"{label} must be a number")
        return
    try:
        Decimal(str(value))
    except InvalidOperation:
        problems.append(f"{label} {value!r} is not a number")


def _check_fits(value, field, label, problems):
    """A number the column cannot hold exactly is refused, never rounded on the way in."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return
    if value is None or isinstance(value, bool) or not number.is_finite():
        return
    exponent = number.normalize().as_tuple().exponent
    places = max(0, -exponent)
    whole = len(str(abs(int(number)))) if abs(number) >= 1 else 0
    if places > field.decimal_places or whole > field.max_digits - field.decimal_places:
        problems.append(
            f"{label} {value!r} needs more precision than the column holds "
            f"({field.max_digits - field.decimal_places} digits before and {field.decimal_places} after the point)"
        )


def _check_lengths(rec, model, fields: dict[str, str], problems, label=""):
    """Text longer than its column: PostgreSQL would refuse it mid-import, SQLite keep it whole."""
    for key, field_name in fields.items():
        value = rec.get(key)
        limit = model._meta.get_field(field_name).max_length
        if isinstance(value, str) and len(value) > limit:
            problems.append(f"{label}{key} is longer than {limit} characters ({len(value)})")


def _validate_country(rec, problems):
    if not pycountry.countries.get(alpha_2=str(rec.get("iso2", ""))):
        problems.append(f"iso2 {rec.get('iso2')!r} is not an ISO 3166-1 alpha-2 code")
    _check_lengths(
        rec, Country, {"region": "region", "local_name": "local_name", "names_source_url": "names_source_url"}, problems
    )
    if rec.get("region") and rec["region"] not in WorldRegion.values:
        problems.append(f"region {rec['region']!r} is not one of {', '.join(WorldRegion.values)}")
    _check_url(rec.get("names_source_url"), problems, "names_source_url", required=bool(rec.get("official_names")))
    names = rec.get("official_names", [])
    if not isinstance(names, list) or not all(
        isinstance(n, dict) and isinstance(n.get("name", ""), str) and len(n.get("name", "")) <= 200 for n in names
    ):
        problems.append("official_names must be a list of {language, language_name, name} of at most 200 characters")
    else:
        for n in names:
            code = n.get("language") or ""
            if code and not pycountry.languages.get(**{"alpha_2" if len(code) == 2 else "alpha_3": code}):
                problems.append(f"official_names language {code!r} is not an ISO 639 code")
    for t in rec.get("treaties", []):
        _check_choice(t.get("treaty"), set(Treaty.values), "treaty", problems)
        _check_choice(t.get("status"), set(TreatyStatus.values), "treaty status", problems)
        _check_url(t.get("source_url"), problems, "treaty source_url", required=False)
        _check_lengths(t, TreatyParticipation, {"source_url": "source_url"}, problems, "treaty ")
    for i in rec.get("indicators", []):
        if not i.get("name"):
            problems.append("an indicator has no name")
        _check_number(i.get("value"), f"indicator {i.get('name')!r} value", problems, required=True)
        _check_url(i.get("source_url"), problems, "indicator source_url", required=False)
        _check_lengths(
            i,
            Indicator,
            {"name": "name", "unit": "unit", "source_url": "source_url"},
            problems,
            f"indicator {i.get('name')!r} ",
        )
    _check_machine_translated(rec, problems)
    # The profile's public text, English and Chinese (a risk's English reason keeps its editors'
    # derivation notes: the importer strips them, ``public_justification``).
    public = {f: rec.get(f) for f in Country.PROFILE_SECTIONS if rec.get(f)}
    for suffix in COUNTRY_LANGUAGES:
        public |= {f"{f}{suffix}": rec.get(f"{f}{suffix}") for f in Country.PROFILE_SECTIONS}
        public |= {
            f"risk {dim} justification{suffix}": r.get(f"justification{suffix}")
            for dim, r in (rec.get("risk") or {}).items()
        }
    for label, text in public.items():
        if text is None:
            continue
        if not isinstance(text, str) or len(text) > LONG_TEXT_MAX_LENGTH:
            problems.append(f"{label} must be a text of at most {LONG_TEXT_MAX_LENGTH} characters")
        elif phrase := research_note_phrase(text):
            problems.append(f"{label} reads like a research note ({phrase!r}): leave the editors' notes out")
    for dim, risk in (rec.get("risk") or {}).items():
        _check_choice(dim, set(RiskDimension.values), "risk dimension", problems)
        _check_choice(risk.get("level"), set(RiskLevel.values), f"risk level of {dim}", problems)
        _check_url(risk.get("source_url"), problems, f"risk {dim} source_url", required=False)
        _check_lengths(risk, CountryRisk, {"source_url": "source_url"}, problems, f"risk {dim} ")


def _validate_instrument(rec, problems, jurisdictions):
    if not re.fullmatch(r"[a-z0-9-]{2,120}", str(rec.get("key", ""))):
        problems.append(f"key {rec.get('key')!r} must be a lowercase slug")
    if rec.get("jurisdiction") not in jurisdictions:
        problems.append(f"jurisdiction {rec.get('jurisdiction')!r} is neither an ISO code nor WHO/IFC/EU/INT")
    _check_choice(rec.get("type"), set(InstrumentType.values), "type", problems)
    _check_choice(rec.get("status") or "unknown", set(LegalStatus.values), "status", problems)
    if not (rec.get("title") or "").strip():
        problems.append("title is missing")
    for label in ("adopted", "in_force", "amended", "repealed"):
        _check_date(rec.get(label), label, problems)
    for code in rec.get("sectors", []):
        _check_choice(code, set(SectorChoice.values), "sector", problems)
    for code in rec.get("topics", []):
        _check_choice(code, set(TopicChoice.values), "topic", problems)
    _check_url(rec.get("source_url"), problems)
    _check_lengths(
        rec,
        Instrument,
        {
            "title": "title",
            "title_zh": "title_zh_hans",
            "title_ru": "title_ru",
            "title_original": "title_original",
            "number": "number",
            "issuing_body": "issuing_body",
            "source_url": "source_url",
        },
        problems,
    )
    for field in PUBLIC_INSTRUMENT_TEXT:
        phrase = research_note_phrase(rec.get(field))
        if phrase:
            problems.append(f"{field} reads like a research note ({phrase!r}): move it to note")
    if not isinstance(rec.get("verified"), bool):
        problems.append("verified must be true or false")
    if not isinstance(rec.get("source_secondary", False), bool):
        problems.append("source_secondary must be true or false")
    _check_machine_translated(rec, problems)


# Applicability keys of a limit row (see StandardLimit's docstring); absent = unknown.
LIMIT_APPLICABILITY_CHOICES = {
    "source_type": SourceType,
    "fuel": Fuel,
    "capacity_unit": CapacityBasis,
    "plant_age": PlantAge,
    "airshed": Airshed,
    "grade_scope": GradeScope,
    "receiving_water": ReceivingWater,
    "gas_basis": GasBasis,
}
LIMIT_APPLICABILITY_NUMBERS = (
    "capacity_min",
    "capacity_max",
    "o2_ref_percent",
    "ref_temperature_k",
    "ref_pressure_kpa",
)
LIMIT_APPLICABILITY_DATES = ("built_from", "built_before")
LIMIT_APPLICABILITY_TEXT = ("grade", "receiving_water_class", "editor_note")
LIMIT_APPLICABILITY_KEYS = (
    *LIMIT_APPLICABILITY_CHOICES,
    *LIMIT_APPLICABILITY_NUMBERS,
    *LIMIT_APPLICABILITY_DATES,
    *LIMIT_APPLICABILITY_TEXT,
)


def _limit_applicability(rec) -> dict:
    out = {}
    for k in (*LIMIT_APPLICABILITY_CHOICES, *LIMIT_APPLICABILITY_TEXT):
        out[k] = rec.get(k) or ""
    # A limit row's "note" is an editor's note (the shipped rows say how a value was read).
    out["editor_note"] = out["editor_note"] or rec.get("note") or ""
    for k in LIMIT_APPLICABILITY_NUMBERS:
        out[k] = _dec(rec.get(k))
    for k in LIMIT_APPLICABILITY_DATES:
        out[k] = datetime.date.fromisoformat(rec[k]) if rec.get(k) else None
    return out


def _validate_limit(rec, problems, instrument_keys):
    for key, choices in LIMIT_APPLICABILITY_CHOICES.items():
        if rec.get(key):
            _check_choice(rec.get(key), set(choices.values), key, problems)
    for key in LIMIT_APPLICABILITY_NUMBERS:
        _check_number(rec.get(key), key, problems)
    for key in LIMIT_APPLICABILITY_DATES:
        if rec.get(key):
            try:
                datetime.date.fromisoformat(rec[key])
            except (TypeError, ValueError):
                problems.append(f"{key} must be a date (YYYY-MM-DD)")
    if rec.get("instrument") not in instrument_keys:
        problems.append(f"instrument {rec.get('instrument')!r} is not in instruments.json")
    if not rec.get("parameter"):
        problems.append("parameter is missing")
    _check_choice(rec.get("medium"), set(Medium.values), "medium", problems)
    if rec.get("sector"):
        _check_choice(rec.get("sector"), set(SectorChoice.values), "sector", problems)
    for label in ("value", "value_min", "value_max"):
        _check_number(rec.get(label), label, problems)
        _check_fits(rec.get(label), StandardLimit._meta.get_field(label), label, problems)
    if all(rec.get(k) is None for k in ("value", "value_min", "value_max")):
        problems.append("a limit needs a value (or value_min/value_max)")
    if not rec.get("unit"):
        problems.append("unit is missing")
    _check_url(rec.get("source_url"), problems, required=False)
    _check_lengths(
        rec,
        StandardLimit,
        {k: k for k in ("parameter", "category", "unit", "averaging", "conditions", "source_url")},
        problems,
    )


TRANSLATED_LANGUAGES = ("zh-hans", "ru", "ar")


def _check_machine_translated(rec, problems):
    """``machine_translated`` lists the languages whose translation is machine-assisted and
    unreviewed: readers of those languages are told so, so a typo must not hide the label."""
    codes = rec.get("machine_translated", [])
    if not isinstance(codes, list) or any(code not in TRANSLATED_LANGUAGES for code in codes):
        problems.append(f"machine_translated {codes!r} must be a list of {', '.join(TRANSLATED_LANGUAGES)}")


def _validate_guidance(rec, problems, country_codes):
    if rec.get("country") not in country_codes:
        problems.append(f"country {rec.get('country')!r} has no profile in countries.json")
    _check_choice(rec.get("sector"), set(SectorChoice.values), "sector", problems)
    for url in rec.get("source_urls", []):
        _check_url(url, problems)
    _check_machine_translated(rec, problems)
    for field in GUIDANCE_LISTS:
        english, chinese = rec.get(field, []), rec.get(f"{field}_zh")
        if chinese is None:
            continue
        if not isinstance(chinese, list) or not all(isinstance(t, str) and t.strip() for t in chinese):
            problems.append(f"{field}_zh must be a list of texts")
        elif len(chinese) != len(english):
            problems.append(
                f"{field}_zh has {len(chinese)} items where {field} has {len(english)}: translate item for item"
            )
    for field in PUBLIC_GUIDANCE_TEXT:
        value = rec.get(field)
        for text in value if isinstance(value, list) else [value]:
            if phrase := research_note_phrase(text):
                problems.append(f"{field} reads like a research note ({phrase!r}): move it to editor_note")
                break
    if not isinstance(rec.get("editor_note", ""), str):
        problems.append("editor_note must be a string")
    else:
        _check_lengths(rec, SectorGuidance, {"editor_note": "editor_note"}, problems)


# An article's public text in every content language: the record's key (``title``, ``title_zh``,
# ``title_ru``, ``title_ar``, …) and the column it fills. Articles keep their translations in their
# own record, not in a ``translations_<lang>.json`` file: a guide is edited as a whole, and its
# body is too long to sit comfortably beside a catalogue of titles.
ARTICLE_TEXT_FIELDS = ("title", "summary", "body")
ARTICLE_LANGUAGES = LANGUAGE_SUFFIXES
ARTICLE_COLUMNS = {
    f"{field}{suffix}": f"{field}_{column}"
    for field in ARTICLE_TEXT_FIELDS
    for suffix, column in ARTICLE_LANGUAGES.items()
}
# The code ``machine_translated`` uses for each translated language of an article.
ARTICLE_LANGUAGE_CODES = {"_zh": "zh-hans", "_ru": "ru", "_ar": "ar"}


def _validate_article(rec, problems, instrument_keys):
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(rec.get("slug", ""))):
        problems.append(f"slug {rec.get('slug')!r} must be a lowercase slug")
    for key in ("title", "body"):
        if not isinstance(rec.get(key), str) or not rec[key].strip():
            problems.append(f"{key} is missing")
    for key in ARTICLE_COLUMNS:
        if key not in ("title", "body") and not isinstance(rec.get(key, ""), str):
            problems.append(f"{key} must be text")
    # A translation with a title but no body would show the English body under a translated
    # heading; one listed as machine-assisted but absent would label the English text.
    machine = rec.get("machine_translated", [])
    for suffix, code in ARTICLE_LANGUAGE_CODES.items():
        if any(not isinstance(rec.get(f"{f}{suffix}", ""), str) for f in ARTICLE_TEXT_FIELDS):
            continue  # refused above as not text
        given = [
            f for f in ARTICLE_TEXT_FIELDS if isinstance(rec.get(f"{f}{suffix}"), str) and rec[f"{f}{suffix}"].strip()
        ]
        if given and not {"title", "body"} <= set(given):
            problems.append(f"a translation needs both title{suffix} and body{suffix} (only {', '.join(given)} given)")
        if not given and isinstance(machine, list) and code in machine:
            problems.append(f"machine_translated lists {code!r} but the article has no title{suffix} or body{suffix}")
    for key in ARTICLE_COLUMNS:
        if phrase := research_note_phrase(rec.get(key)):
            problems.append(f"{key} reads like a research note ({phrase!r}): an article's text is public, take it out")
    cited = rec.get("instruments", [])
    if not isinstance(cited, list):
        problems.append("instruments must be a list of instrument keys")
    else:
        for key in cited:
            if key not in instrument_keys:
                problems.append(f"cited instrument {key!r} is not in instruments.json")
    # No source_url: the article explains the portal's own method, and its page says so.
    _check_url(rec.get("source_url"), problems, required=False)
    if not isinstance(rec.get("verified"), bool):
        problems.append("verified must be true or false")
    _check_choice(rec.get("status"), set(ARTICLE_STATUSES), "status", problems)
    _check_machine_translated(rec, problems)
    _check_lengths(rec, Article, {"slug": "slug", **ARTICLE_COLUMNS, "source_url": "source_url"}, problems)


# The public text of a region record (``regions.json``): each must read as published text; the
# researcher's caveats go to ``editor_note`` (kept, never shown).
REGION_TEXT = ("name", "route_role", "ecological_status", "pressures")
REGION_LANGUAGES = LANGUAGE_SUFFIXES


def _validate_region(rec, problems, country_codes):
    """A sub-national profile: a real ISO 3166-2 code of a country in countries.json, its name
    in English and Chinese, sources with URLs, and risks that each name their own source."""
    code, country = str(rec.get("code", "")), rec.get("country")
    if country not in country_codes:
        problems.append(f"country {country!r} has no profile in countries.json")
    if not pycountry.subdivisions.get(code=code):
        problems.append(f"code {code!r} is not an ISO 3166-2 subdivision code")
    elif code[:2] != country:
        problems.append(f"code {code!r} is not a subdivision of {country!r}")
    for key in ("name", "name_zh"):
        if not isinstance(rec.get(key), str) or not rec[key].strip():
            problems.append(f"{key} is missing")
    for field in REGION_TEXT:
        for suffix, column in REGION_LANGUAGES.items():
            value = rec.get(f"{field}{suffix}", "")
            if not isinstance(value, str):
                problems.append(f"{field}{suffix} must be text")
            elif phrase := research_note_phrase(value):
                problems.append(f"{field}{suffix} reads like a research note ({phrase!r}): move it to editor_note")
            elif len(value) > Region._meta.get_field(f"{field}_{column}").max_length:
                limit = Region._meta.get_field(f"{field}_{column}").max_length
                problems.append(f"{field}{suffix} is longer than {limit} characters ({len(value)})")
    sources = rec.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append("sources must list at least one {url, title}")
    else:
        for source in sources:
            if not isinstance(source, dict):
                problems.append("a source must be an object {url, title}")
                continue
            _check_url(source.get("url"), problems, "source url")
            if phrase := research_note_phrase(source.get("title", "")):
                problems.append(f"source title reads like a research note ({phrase!r}): move it to editor_note")
    risks = rec.get("risks", [])
    if not isinstance(risks, list):
        problems.append("risks must be a list")
        risks = []
    for risk in risks:
        if not isinstance(risk, dict):
            problems.append("a risk must be an object")
            continue
        dim = risk.get("dimension")
        _check_choice(dim, set(RiskDimension.values), "risk dimension", problems)
        _check_choice(risk.get("level") or "", set(RiskLevel.values), f"risk level of {dim}", problems, required=False)
        if not isinstance(risk.get("justification"), str) or not risk["justification"].strip():
            problems.append(f"risk {dim} justification is missing")
        _check_url(risk.get("source_url"), problems, f"risk {dim} source_url")
        _check_lengths(risk, RegionRisk, {"source_url": "source_url"}, problems, f"risk {dim} ")
        _check_lengths(
            risk,
            RegionRisk,
            {f"justification{suffix}": f"justification_{column}" for suffix, column in REGION_LANGUAGES.items()},
            problems,
            f"risk {dim} ",
        )
        for key in (f"justification{suffix}" for suffix in REGION_LANGUAGES):
            if key != "justification" and not isinstance(risk.get(key, ""), str):
                problems.append(f"risk {dim} {key} must be text")
            elif phrase := research_note_phrase(risk.get(key, "")):
                problems.append(f"risk {dim} {key} reads like a research note ({phrase!r}): move it to editor_note")
        if not isinstance(risk.get("verified"), bool):
            problems.append(f"risk {dim} verified must be true or false")
    if not isinstance(rec.get("verified"), bool):
        problems.append("verified must be true or false")
    if not isinstance(rec.get("editor_note", ""), str):
        problems.append("editor_note must be a string")
    _check_machine_translated(rec, problems)


def _validate_translations(found: TranslationFile, instrument_keys: set) -> list[RowError]:
    """Each entry must name a known instrument and hold only strings that fit their column."""
    errors = [
        RowError(found.file, line, 0, f"unknown top-level key {key!r} (only 'instruments' is allowed)")
        for line, key in found.unexpected
    ]
    if found.missing_instruments:
        errors.append(RowError(found.file, 1, 0, "the file must be an object with an 'instruments' object"))
    limits = {f: Instrument._meta.get_field(f"{f}_{found.language}").max_length for f in TRANSLATION_FIELDS}
    seen = set()
    for entry in found.entries:
        problems = []
        if not entry.key and not isinstance(entry.value, dict):
            errors.append(RowError(found.file, entry.line, 0, "'instruments' must be an object keyed by instrument"))
            continue
        label = f"instrument {entry.key!r}"
        if entry.key not in instrument_keys:
            problems.append(f"{label} is not in instruments.json")
        if entry.key in seen:
            problems.append(f"{label} appears twice")
        seen.add(entry.key)
        if not isinstance(entry.value, dict):
            problems.append(f"{label} must be an object with title, summary and optionally reviewed")
        else:
            for field, value in entry.value.items():
                if field == "reviewed":
                    if not isinstance(value, bool):
                        problems.append(f"{label}: reviewed must be true or false")
                elif field not in TRANSLATION_FIELDS:
                    problems.append(f"{label}: unknown field {field!r} (title, summary, reviewed)")
                elif not isinstance(value, str):
                    problems.append(f"{label}: {field} must be a string")
                elif len(value) > limits[field]:
                    problems.append(f"{label}: {field} is longer than {limits[field]} characters ({len(value)})")
                elif phrase := research_note_phrase(value):
                    problems.append(
                        f"{label}: {field} reads like a research note ({phrase!r}): "
                        "move it to the instrument's note in instruments.json"
                    )
            texts = [entry.value.get(f) for f in TRANSLATION_FIELDS]
            if not problems and not any(isinstance(t, str) and t.strip() for t in texts):
                problems.append(f"{label} has neither a title nor a summary")
        errors.extend(RowError(found.file, entry.line, entry.index, p) for p in problems)
    return errors


def validate_dataset(data) -> list[RowError]:
    errors: list[RowError] = []
    jurisdictions = {c.alpha_2 for c in pycountry.countries} | set(INTERNATIONAL_JURISDICTIONS)
    seen: dict[str, set] = {name: set() for name in FILES}
    instrument_keys = {r.get("key") for _l, r in data["instruments"]}
    country_codes = {r.get("iso2") for _l, r in data["countries"]}
    for name in FILES:
        for position, entry in enumerate(data[name]):
            line, rec = entry
            file, index = getattr(entry, "file", name), getattr(entry, "index", position)
            problems: list[str] = []
            if not isinstance(rec, dict):
                errors.append(RowError(file, line, index, "record is not an object"))
                continue
            if name == "countries":
                _validate_country(rec, problems)
                natural = rec.get("iso2")
            elif name == "instruments":
                _validate_instrument(rec, problems, jurisdictions)
                natural = rec.get("key")
                for rel in rec.get("relations", []):
                    _check_choice(rel.get("type"), set(RelationType.values), "relation type", problems)
                    if rel.get("target") not in instrument_keys:
                        problems.append(f"relation target {rel.get('target')!r} is not in instruments.json")
                    if rel.get("target") == natural:
                        problems.append("an instrument cannot relate to itself")
            elif name == "limits":
                _validate_limit(rec, problems, instrument_keys)
                natural = None
            elif name == "articles":
                _validate_article(rec, problems, instrument_keys)
                natural = rec.get("slug")
            elif name == "regions":
                _validate_region(rec, problems, country_codes)
                natural = rec.get("code")
            else:
                _validate_guidance(rec, problems, country_codes)
                natural = (rec.get("country"), rec.get("sector"))
            if natural is not None:
                if natural in seen[name]:
                    problems.append(f"duplicate {natural!r}")
                seen[name].add(natural)
            errors.extend(RowError(file, line, index, p) for p in problems)
    for found in data.get("translations", {}).values():
        errors.extend(_validate_translations(found, instrument_keys))
    return errors


def _translated_fields(rec: dict, translations: dict[str, dict[str, dict]]) -> dict:
    """The Russian and Arabic columns of one instrument and its ``machine_translated`` list. A
    translation file's entry is machine-assisted (and labelled so) unless it says ``reviewed``."""
    machine = list(rec.get("machine_translated", []))
    fields = {
        "title_ru": rec.get("title_ru", "") or "",
        "summary_ru": "",
        "title_ar": "",
        "summary_ar": "",
    }
    for language in TRANSLATION_FILES:
        entry = translations.get(language, {}).get(rec["key"])
        if entry is None:
            continue
        for field in TRANSLATION_FIELDS:
            fields[f"{field}_{language}"] = entry.get(field, "") or ""
        if entry.get("reviewed"):
            machine = [code for code in machine if code != language]
        elif language not in machine:
            machine.append(language)
    return {**fields, "machine_translated": machine}


# --- import ------------------------------------------------------------------------------------


def _country_names(iso2: str) -> dict[str, str]:
    names = {"en": country_name(iso2, "en")}
    for suffix, language in (("zh_hans", "zh-hans"), ("ru", "ru"), ("ar", "ar")):
        names[suffix] = country_name(iso2, language)
    return names


def _ensure_taxonomies() -> None:
    for choices, model in ((SectorChoice, Sector), (TopicChoice, Topic)):
        for code, label in choices.choices:
            values = {"name_en": str(label)}
            for lang, suffix in (("zh-hans", "zh_hans"), ("ru", "ru"), ("ar", "ar")):
                with translation.override(lang):
                    translated = str(label)
                values[f"name_{suffix}"] = translated if translated != str(label) else ""
            model.objects.update_or_create(code=code, defaults={"name": str(label), **values})


def _dec(value):
    return None if value is None else Decimal(str(value))


def _publish_on_create(model, *, defaults, **lookup):
    """Upsert a record; new records arrive published, but an existing record keeps the
    publication status editors gave it (a re-import never republishes what they withdrew)."""
    kept = {k: v for k, v in defaults.items() if k not in ("status", "published_at")}
    return model.objects.update_or_create(**lookup, defaults=kept, create_defaults=defaults)


def limit_from_record(rec: dict, instrument) -> StandardLimit:
    """An (unsaved) limit from one row of limits.json, applicability included."""
    return StandardLimit(
        instrument=instrument,
        parameter=rec["parameter"],
        medium=rec["medium"],
        category=rec.get("category", "") or "",
        sector_id=rec.get("sector")
        or (
            "thermal_power"
            if rec["medium"] == "air_emissions" and "power" in (rec.get("category") or "").lower()
            else None
        ),
        value=_dec(rec.get("value")),
        value_min=_dec(rec.get("value_min")),
        value_max=_dec(rec.get("value_max")),
        unit=rec["unit"],
        averaging=rec.get("averaging", "") or "",
        conditions=rec.get("conditions", "") or "",
        source_url=rec.get("source_url", "") or "",
        verified=bool(rec.get("verified")),
        **_limit_applicability(rec),
    )


def import_dataset(data, *, actor=None) -> dict[str, int]:
    """Validate everything, then import everything in one transaction."""
    errors = validate_dataset(data)
    if errors:
        raise DatasetInvalid(errors)
    now = timezone.now()
    published = {"status": PublicationStatus.PUBLISHED, "published_at": now}
    with transaction.atomic(), translation.override("en"):
        _ensure_taxonomies()
        countries = {}
        for _line, rec in data["countries"]:
            names = _country_names(rec["iso2"])
            c, _ = _publish_on_create(
                Country,
                iso2=rec["iso2"],
                defaults={
                    **published,
                    "iso3": pycountry.countries.get(alpha_2=rec["iso2"]).alpha_3,
                    "name": names["en"],
                    **{f"name_{k}": v for k, v in names.items()},
                    "region": rec.get("region", ""),
                    "is_reference": rec["iso2"] == "CN",
                    **{f"{f}_en": rec.get(f, "") or "" for f in Country.PROFILE_SECTIONS},
                    **{
                        f"{f}_{column}": rec.get(f"{f}{suffix}", "") or ""
                        for f in Country.PROFILE_SECTIONS
                        for suffix, column in COUNTRY_LANGUAGES.items()
                    },
                    "machine_translated": rec.get("machine_translated", []),
                    "profile_sources": rec.get("profile_source_urls", []),
                    "local_name": rec.get("local_name", "") or "",
                    "official_names": rec.get("official_names", []),
                    "names_source_url": rec.get("names_source_url", "") or "",
                    "verified": bool(rec.get("verified")),
                },
            )
            countries[c.iso2] = c
            c.treaties.all().delete()
            TreatyParticipation.objects.bulk_create(
                TreatyParticipation(
                    country=c,
                    treaty=t["treaty"],
                    status=t["status"],
                    year=t.get("year"),
                    source_url=t.get("source_url", ""),
                    verified=bool(t.get("verified")),
                )
                for t in {t["treaty"]: t for t in rec.get("treaties", [])}.values()
            )
            c.indicators.all().delete()
            Indicator.objects.bulk_create(
                Indicator(
                    country=c,
                    name=i["name"],
                    value=_dec(i["value"]),
                    unit=i.get("unit", ""),
                    year=i.get("year"),
                    source_url=i.get("source_url", ""),
                    verified=bool(i.get("verified")),
                )
                for i in rec.get("indicators", [])
            )
            c.risks.all().delete()
            CountryRisk.objects.bulk_create(
                CountryRisk(
                    country=c,
                    dimension=dim,
                    level=r["level"],
                    justification=public_justification(r.get("justification", "")),
                    justification_en=public_justification(r.get("justification", "")),
                    **{
                        f"justification_{column}": r.get(f"justification{suffix}", "") or ""
                        for suffix, column in COUNTRY_LANGUAGES.items()
                    },
                    editor_note=r.get("justification", ""),
                    source_url=r.get("source_url", ""),
                    verified=bool(r.get("verified")),
                )
                for dim, r in (rec.get("risk") or {}).items()
            )
        translations = {
            language: {e.key: e.value for e in found.entries}
            for language, found in data.get("translations", {}).items()
        }
        instruments = {}
        for _line, rec in data["instruments"]:
            country = countries.get(rec["jurisdiction"]) or Country.objects.filter(iso2=rec["jurisdiction"]).first()
            inst, _ = _publish_on_create(
                Instrument,
                key=rec["key"],
                defaults={
                    **published,
                    "jurisdiction": rec["jurisdiction"],
                    "country": country,
                    "type": rec["type"],
                    "title": rec["title"],
                    "title_en": rec["title"],
                    "title_zh_hans": rec.get("title_zh", "") or "",
                    "title_original": rec.get("title_original", "") or "",
                    "number": rec.get("number", "") or "",
                    "issuing_body": rec.get("issuing_body", "") or "",
                    "adopted": str(rec.get("adopted") or ""),
                    "in_force": str(rec.get("in_force") or ""),
                    "amended": str(rec.get("amended") or ""),
                    "repealed": str(rec.get("repealed") or ""),
                    "legal_status": rec.get("status") or LegalStatus.UNKNOWN,
                    "summary": rec.get("summary", "") or "",
                    "summary_en": rec.get("summary", "") or "",
                    "summary_zh_hans": rec.get("summary_zh", "") or "",
                    **_translated_fields(rec, translations),
                    "source_url": rec["source_url"],
                    "source_secondary": rec.get("source_secondary", False),
                    "verified": rec["verified"],
                    "note": rec.get("note", "") or "",
                },
            )
            inst.sectors.set(rec.get("sectors", []))
            inst.topics.set(rec.get("topics", []))
            instruments[inst.key] = inst
        InstrumentRelation.objects.filter(source__key__in=instruments).delete()
        InstrumentRelation.objects.bulk_create(
            InstrumentRelation(source=instruments[rec["key"]], type=rel["type"], target=instruments[rel["target"]])
            for _line, rec in data["instruments"]
            for rel in {(r["type"], r["target"]): r for r in rec.get("relations", [])}.values()
        )
        StandardLimit.objects.filter(instrument__key__in=instruments).delete()
        StandardLimit.objects.bulk_create(
            limit_from_record(rec, instruments[rec["instrument"]]) for _line, rec in data["limits"]
        )
        for _line, rec in data["guidance"]:
            g, _ = _publish_on_create(
                SectorGuidance,
                country=countries.get(rec["country"]) or Country.objects.get(iso2=rec["country"]),
                sector_id=rec["sector"],
                defaults={
                    **published,
                    "instruments_text": rec.get("instruments", []),
                    "eia_tier": rec.get("eia_tier", "") or "",
                    "eia_tier_en": rec.get("eia_tier", "") or "",
                    "eia_tier_zh_hans": rec.get("eia_tier_zh", "") or "",
                    **{
                        column: value
                        for field in GUIDANCE_LISTS
                        for column, value in (
                            (field, rec.get(field, [])),
                            (f"{field}_en", rec.get(field, [])),
                            (f"{field}_zh_hans", rec.get(f"{field}_zh") or None),
                        )
                    },
                    "notes": rec.get("notes", "") or "",
                    "notes_en": rec.get("notes", "") or "",
                    "notes_zh_hans": rec.get("notes_zh", "") or "",
                    "machine_translated": rec.get("machine_translated", []),
                    "source_urls": rec.get("source_urls", []),
                    "verified": bool(rec.get("verified")),
                    "editor_note": rec.get("editor_note", "") or "",
                },
            )
            # Link the instruments of that country whose title the guidance names.
            g.instruments.set(
                [
                    i
                    for i in instruments.values()
                    if i.jurisdiction == rec["country"] and any(i.title[:40] in t for t in rec.get("instruments", []))
                ]
            )
        for _line, rec in data.get("articles", []):
            _import_article(rec, instruments, now)
        for _line, rec in data.get("regions", []):
            _import_region(rec, countries.get(rec["country"]) or Country.objects.get(iso2=rec["country"]), published)
        from knowledge.services import search_rebuild

        indexed = search_rebuild()
        counts = {
            "countries": len(data["countries"]),
            "instruments": len(data["instruments"]),
            "limits": len(data["limits"]),
            "guidance": len(data["guidance"]),
            "articles": len(data.get("articles", [])),
            "regions": len(data.get("regions", [])),
            **{f"translations_{lang}": len(f.entries) for lang, f in data.get("translations", {}).items()},
            "search_entries": indexed,
        }
        audit_log(actor=actor, action="dataset.imported", after=counts)
    return counts


def _import_article(rec: dict, instruments: dict, now) -> Article:
    """One article of articles.json, created with the status the file gives it (a draft stays
    a draft); an existing article keeps the status editors gave it."""
    status = rec["status"]
    article, _ = _publish_on_create(
        Article,
        slug=rec["slug"],
        defaults={
            "status": status,
            "published_at": now if status == PublicationStatus.PUBLISHED else None,
            "title": rec["title"],
            "summary": rec.get("summary", "") or "",
            "body": rec["body"],
            **{column: rec.get(key, "") or "" for key, column in ARTICLE_COLUMNS.items()},
            "machine_translated": rec.get("machine_translated", []),
            "source_url": rec.get("source_url", "") or "",
            "verified": rec["verified"],
        },
    )
    # Validation made sure every cited key is an instrument of this data set.
    article.instruments.set([instruments[key] for key in rec.get("instruments", [])])
    return article


def _import_region(rec: dict, country: Country, published: dict) -> Region:
    """One record of regions.json with its risks (replaced as a whole, like a country's)."""
    texts = {
        f"{field}_{column}": rec.get(f"{field}{suffix}", "") or ""
        for field in REGION_TEXT
        for suffix, column in REGION_LANGUAGES.items()
    }
    region, _ = _publish_on_create(
        Region,
        code=rec["code"],
        defaults={
            **published,
            "country": country,
            "name": rec["name"],
            "route_role": rec.get("route_role", "") or "",
            "ecological_status": rec.get("ecological_status", "") or "",
            "pressures": rec.get("pressures", "") or "",
            **texts,
            "sources": rec["sources"],
            "verified": rec["verified"],
            "editor_note": rec.get("editor_note", "") or "",
            "machine_translated": rec.get("machine_translated", []),
        },
    )
    region.risks.all().delete()
    RegionRisk.objects.bulk_create(
        RegionRisk(
            region=region,
            dimension=r["dimension"],
            level=r.get("level") or "",
            justification=r["justification"],
            justification_en=r["justification"],
            justification_zh_hans=r.get("justification_zh", "") or "",
            justification_ru=r.get("justification_ru", "") or "",
            justification_ar=r.get("justification_ar", "") or "",
            source_url=r["source_url"],
            verified=r["verified"],
            editor_note=r.get("editor_note", "") or "",
        )
        for r in rec.get("risks", [])
    )
    return region


def _region_records() -> list[dict]:
    """The regions in the import format (``regions.json``)."""
    return [
        {
            "code": g.code,
            "country": g.country.iso2,
            **{
                f"{field}{suffix}": getattr(g, f"{field}_{column}") or ""
                for field in REGION_TEXT
                for suffix, column in REGION_LANGUAGES.items()
            },
            "sources": g.sources,
            "verified": g.verified,
            "machine_translated": g.machine_translated,
            "editor_note": g.editor_note,
            "risks": [
                {
                    "dimension": r.dimension,
                    "level": r.level,
                    "justification": r.justification_en or "",
                    "justification_zh": r.justification_zh_hans or "",
                    "justification_ru": r.justification_ru or "",
                    "justification_ar": r.justification_ar or "",
                    "source_url": r.source_url,
                    "verified": r.verified,
                    "editor_note": r.editor_note,
                }
                for r in g.risks.all()
            ],
        }
        for g in Region.objects.select_related("country").prefetch_related("risks").order_by("code")
    ]


def export_dataset(directory: Path) -> dict[str, int]:
    """Write the current knowledge base in the import format."""
    directory.mkdir(parents=True, exist_ok=True)
    countries = [
        {
            "iso2": c.iso2,
            "region": c.region,
            **{
                key: value
                for f in Country.PROFILE_SECTIONS
                for key, value in (
                    (f, getattr(c, f"{f}_en") or ""),
                    *(
                        (f"{f}{suffix}", getattr(c, f"{f}_{column}") or "")
                        for suffix, column in COUNTRY_LANGUAGES.items()
                    ),
                )
                if value or key == f
            },
            "profile_source_urls": c.profile_sources,
            "local_name": c.local_name,
            "official_names": c.official_names,
            "names_source_url": c.names_source_url,
            "treaties": [
                {
                    "treaty": t.treaty,
                    "status": t.status,
                    "year": t.year,
                    "source_url": t.source_url,
                    "verified": t.verified,
                }
                for t in c.treaties.all()
            ],
            "indicators": [
                {
                    "name": i.name,
                    "value": float(i.value),
                    "unit": i.unit,
                    "year": i.year,
                    "source_url": i.source_url,
                    "verified": i.verified,
                }
                for i in c.indicators.all()
            ],
            "risk": {
                r.dimension: {
                    "level": r.level,
                    "justification": r.editor_note or r.justification_en or "",
                    **{
                        f"justification{suffix}": getattr(r, f"justification_{column}")
                        for suffix, column in COUNTRY_LANGUAGES.items()
                        if getattr(r, f"justification_{column}")
                    },
                    "source_url": r.source_url,
                    "verified": r.verified,
                }
                for r in c.risks.all()
            },
            "verified": c.verified,
            **({"machine_translated": c.machine_translated} if c.machine_translated else {}),
        }
        for c in Country.objects.prefetch_related("treaties", "indicators", "risks").order_by("iso2")
    ]
    instruments = [
        {
            "key": i.key,
            "jurisdiction": i.jurisdiction,
            "type": i.type,
            "title": i.title_en,
            "title_original": i.title_original,
            "title_zh": i.title_zh_hans or "",
            "number": i.number,
            "issuing_body": i.issuing_body,
            "adopted": i.adopted or None,
            "in_force": i.in_force or None,
            "amended": i.amended or None,
            "repealed": i.repealed or None,
            "status": i.legal_status,
            "sectors": [s.pk for s in i.sectors.all()],
            "topics": [t.pk for t in i.topics.all()],
            "summary": i.summary_en or "",
            "summary_zh": i.summary_zh_hans or "",
            "machine_translated": i.machine_translated,
            "source_url": i.source_url,
            "source_secondary": i.source_secondary,
            "verified": i.verified,
            "note": i.note,
            "relations": [{"type": r.type, "target": r.target.key} for r in i.relations_out.all()],
        }
        for i in Instrument.objects.prefetch_related("sectors", "topics", "relations_out__target").order_by(
            "jurisdiction", "key"
        )
    ]
    limits = [
        {
            "instrument": lim.instrument.key,
            "parameter": lim.parameter,
            "medium": lim.medium,
            "category": lim.category,
            "sector": lim.sector_id,
            "value": None if lim.value is None else float(lim.value),
            "value_min": None if lim.value_min is None else float(lim.value_min),
            "value_max": None if lim.value_max is None else float(lim.value_max),
            "unit": lim.unit,
            "averaging": lim.averaging,
            "conditions": lim.conditions,
            "source_url": lim.source_url,
            "verified": lim.verified,
            **{
                k: (str(v) if isinstance(v, datetime.date) else float(v) if isinstance(v, Decimal) else v)
                for k in LIMIT_APPLICABILITY_KEYS
                if (v := getattr(lim, k)) not in (None, "")
            },
        }
        for lim in StandardLimit.objects.select_related("instrument").order_by("instrument__key", "id")
    ]
    guidance = [
        {
            "country": g.country.iso2,
            "sector": g.sector_id,
            "instruments": g.instruments_text,
            "eia_tier": g.eia_tier_en or "",
            "eia_tier_zh": g.eia_tier_zh_hans or "",
            "permits": g.permits_en or [],
            **({"permits_zh": g.permits_zh_hans} if g.permits_zh_hans else {}),
            "key_risks": g.key_risks_en or [],
            **({"key_risks_zh": g.key_risks_zh_hans} if g.key_risks_zh_hans else {}),
            "notes": g.notes_en or "",
            "notes_zh": g.notes_zh_hans or "",
            "machine_translated": g.machine_translated,
            "source_urls": g.source_urls,
            "verified": g.verified,
            "editor_note": g.editor_note,
        }
        for g in SectorGuidance.objects.select_related("country").order_by("country__iso2", "sector_id")
    ]
    articles = [
        {
            "slug": a.slug,
            **{key: getattr(a, column) or "" for key, column in ARTICLE_COLUMNS.items()},
            "instruments": [i.key for i in a.instruments.all()],
            "source_url": a.source_url,
            "verified": a.verified,
            "machine_translated": a.machine_translated,
            # Only a published or draft article is shipped as such; any other state is a draft.
            "status": a.status if a.status in ARTICLE_STATUSES else PublicationStatus.DRAFT,
        }
        for a in Article.objects.prefetch_related("instruments").order_by("slug")
    ]
    out = {
        "countries": countries,
        "instruments": instruments,
        "limits": limits,
        "guidance": guidance,
        "articles": articles,
        "regions": _region_records(),
    }
    for name, rows in out.items():
        (directory / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {name: len(rows) for name, rows in out.items()}
    for language, stem in TRANSLATION_FILES.items():
        entries = _translations_of(language)
        text = json.dumps({"instruments": entries}, ensure_ascii=False, indent=1) + "\n"
        (directory / f"{stem}.json").write_text(text, encoding="utf-8")
        counts[stem] = len(entries)
    return counts


def _translations_of(language: str) -> dict[str, dict]:
    """The instruments' titles and summaries in ``language``, as ``translations_<lang>.json``
    holds them; an entry not listed in ``machine_translated`` has been reviewed."""
    entries = {}
    for key, title, summary, machine in Instrument.objects.order_by("key").values_list(
        "key", f"title_{language}", f"summary_{language}", "machine_translated"
    ):
        entry = {field: value for field, value in (("title", title), ("summary", summary)) if value}
        if entry:
            if language not in (machine or []):
                entry["reviewed"] = True
            entries[key] = entry
    return entries
