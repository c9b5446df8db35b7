"""Full-text search over the knowledge base.

PostgreSQL: one ``tsvector`` per entry combining English and Russian stemming with a simple
configuration for Chinese (pre-segmented by jieba) and Arabic, GIN-indexed; ranked with
``ts_rank`` and highlighted with ``ts_headline``. SQLite: every query word must appear in the
entry's text (Chinese words segmented the same way); ranked by title matches.
"""

import logging
import operator
import re
from dataclasses import dataclass
from functools import reduce

import jieba
from django.conf import settings
from django.contrib.postgres.search import (
    SearchConfig,
    SearchHeadline,
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language

from knowledge.models import SearchEntry

jieba.setLogLevel(logging.WARNING)


def warm_up() -> None:
    """Load jieba's dictionary now (about 1.7 s) rather than in the first Chinese search each
    web process answers; registered in knowledge/apps.py, run by portal/wsgi.py."""
    jieba.initialize()


LANG_FIELDS = {"en": "en", "zh-hans": "zh_hans", "ru": "ru", "ar": "ar"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_TEXT = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"  # punctuation, ideographs, full-width forms
_CJK_GAP = re.compile(rf"(?<=[{_CJK_TEXT}])((?:</?mark>)*) ((?:</?mark>)*)(?=[{_CJK_TEXT}])")


def segment(text: str) -> str:
    """Chinese text as space-separated words (search mode: long words also give their parts)."""
    if not text or not _CJK.search(text):
        return text or ""
    return " ".join(w for w in jieba.cut_for_search(text) if w.strip())


MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 20
# Ranking and counting read at most this many matches (one more tells "more than"): enough for
# 40 pages of results, and the cost of a query stays flat as the corpus grows (issue 11).
CANDIDATES = 1000
# The planner's cost of one GIN entry while choosing how to find the candidates (``_candidate_ids``).
INDEX_ENTRY_COST = 0.05
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_PUNCT = "\"'.,;:()[]{}!?"


@dataclass(frozen=True)
class Clause:
    """One part of a web-style query: a word, or a quoted phrase (several words); negated with -."""

    words: tuple[str, ...]
    negated: bool = False

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1


def _words_of(chunk: str) -> list[str]:
    if _CJK.search(chunk):
        return [w for w in jieba.cut(chunk) if w.strip() and not re.fullmatch(r"\W+", w)]
    chunk = chunk.strip(_PUNCT)
    return [chunk] if chunk else []


def parse_query(q: str) -> list[list[Clause]]:
    """Web-style syntax as PostgreSQL's ``websearch_to_tsquery`` reads it: words are all
    required, ``"a phrase"`` keeps its words together, ``-word`` excludes, ``or`` offers an
    alternative. Returns the alternatives, each a list of clauses (Chinese segmented)."""
    groups: list[list[Clause]] = [[]]
    for m in _TOKEN.finditer(q.strip()):
        negated, phrase, bare = m.group(1) == "-", m.group(2), m.group(3)
        if bare is not None and bare.lower() == "or":
            if groups[-1]:
                groups.append([])
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = True, bare[1:]
        text = phrase if phrase is not None else bare
        words = [w for chunk in text.split() for w in _words_of(chunk)]
        if not words:
            continue
        if phrase is None and not negated and len(words) > 1:
            # A Chinese run segmented into several words: each word is required.
            groups[-1].extend(Clause((w,)) for w in words)
        else:
            groups[-1].append(Clause(tuple(words), negated))
    return [g for g in groups if any(not c.negated for c in g)]


def query_terms(q: str) -> list[str]:
    """The words a result must or may contain (for highlighting), punctuation dropped."""
    return [w for group in parse_query(q) for clause in group if not clause.negated for w in clause.words]


def query_word_count(q: str) -> int:
    return len(q.split())


def _websearch_text(groups: list[list[Clause]]) -> str:
    def clause_text(c: Clause) -> str:
        body = " ".join(c.words)
        body = f'"{body}"' if c.phrase else body
        return f"-{body}" if c.negated else body

    return " or ".join(" ".join(clause_text(c) for c in group) for group in groups)


def identifier_key(text: str) -> str:
    """Letters and digits only, lower case: "GB 3095-2012" and "gb3095" meet as "gb30952012"."""
    return re.sub(r"[\W_]+", "", text or "").lower()


def _identifier_query(q: str) -> str:
    """The normalised query when it looks like an identifier (a short query with a digit)."""
    if any(mark in q for mark in ('"', " -")) or re.search(r"(?i)\bor\b", q) or q.startswith("-"):
        return ""
    key = identifier_key(q)
    return key if len(key) >= 3 and len(key) <= 40 and re.search(r"\d", key) else ""


def lang_suffix() -> str:
    """The suffix of the active language's translated columns (title_zh_hans …)."""
    return LANG_FIELDS.get(get_language() or "en", "en")


def _own(field: str, lang: str) -> NullIf:
    """A translated column, or NULL where it only repeats the English one. Indexing such copies
    would count an English summary word four times and rank it above a word of the title."""
    return NullIf(f"{field}_{lang}", f"{field}_en")


class _Bigrams(SearchVectorCombinable, Func):
    """The pairs of adjacent English lexemes of a vector, as lexemes ``a_b`` (migration 0017)."""

    function = "knowledge_bigrams"
    output_field = SearchVectorField()


class _PhrasePairs(SearchQueryCombinable, Func):
    """A phrase and its pairs of adjacent lexemes, all required (``'heavi' <-> 'metal' &
    'heavi_metal'``): the index finds the few entries where the words touch, and only those are
    checked for the phrase itself. A phrase without such a pair is the phrase alone."""

    function = "knowledge_phrase_query"
    output_field = SearchQueryField()

    def __init__(self, phrase: str):
        super().__init__(SearchConfig("english"), Value(phrase))


def vector_expression():
    """The ``search_vector`` of an entry, as an expression over its own columns: every
    language's words, and the English adjacent-word pairs that make a phrase cheap to find."""
    return (
        SearchVector("title_en", weight="A", config="english")
        + SearchVector(_own("title", "ru"), weight="A", config="russian")
        + SearchVector(_own("title", "zh_hans"), weight="A", config="simple")
        + SearchVector(_own("title", "ar"), weight="A", config="simple")
        + SearchVector("text_en", weight="B", config="english")
        + SearchVector(_own("text", "ru"), weight="B", config="russian")
        + SearchVector(_own("text", "zh_hans"), weight="B", config="simple")
        + SearchVector(_own("text", "ar"), weight="B", config="simple")
        + _Bigrams(SearchVector("title_en", config="english") + SearchVector("text_en", config="english"))
    )


def update_vector(entry_ids: list[int]) -> None:
    """Recompute the tsvector of the given entries (PostgreSQL only)."""
    if not settings.IS_POSTGRES or not entry_ids:
        return
    SearchEntry.objects.filter(pk__in=entry_ids).update(search_vector=vector_expression())


def _fallback_condition(groups: list[list[Clause]]) -> Q:
    """SQLite: each clause's words (a phrase as written) somewhere in any language's title or text."""

    def anywhere(text: str) -> Q:
        cond = Q()
        for lang in LANG_FIELDS.values():
            cond |= Q(**{f"title_{lang}__icontains": text}) | Q(**{f"text_{lang}__icontains": text})
        return cond

    condition = Q()
    for group in groups:
        both = Q()
        for clause in group:
            part = anywhere(" ".join(clause.words))
            both &= ~part if clause.negated else part
        condition |= both
    return condition


# The index's configurations (``vector_expression``). A word in Latin letters needs only the
# English one: PostgreSQL's russian configuration stems Latin words with the English stemmer (the
# same lexemes again), and the simple one indexes only the Chinese and Arabic columns, whose Latin
# words (numbers, names) the English columns and the identifier match hold too. Each branch of a
# tsquery is a separate walk of the GIN posting lists, so asking "ambient air quality standard"
# once instead of three times halves the index work on a large corpus.
CONFIGS = ("english", "russian", "simple")


def _is_latin(clause: Clause) -> bool:
    return all(word.isascii() for word in clause.words)


def _pg_query(groups: list[list[Clause]], *, every_config: bool = False) -> SearchQuery:
    """The query over the index's configurations. The Latin-letter clauses of an alternative
    are asked in English; the others (Cyrillic, Chinese, Arabic, accented) in any one of the
    three; an excluded word must be found in none: a plain OR of three ``websearch_to_tsquery``
    would let one configuration ignore an exclusion that another saw. ``every_config`` asks
    every clause in all three (for highlighting, where the text's own configuration decides)."""

    def in_configs(text: str, configs) -> list[SearchQuery]:
        return [SearchQuery(text, config=c, search_type="websearch") for c in configs]

    query = None
    for group in groups:
        wanted = [c for c in group if not c.negated]
        latin = [] if every_config else [c for c in wanted if _is_latin(c)]
        other = [c for c in wanted if c not in latin]
        parts = []
        if latin:
            parts.append(SearchQuery(_websearch_text([latin]), config="english", search_type="websearch"))
            # A phrase's word pairs narrow the index to the entries where its words touch (the
            # phrase itself still decides); highlighting (``every_config``) never gets here.
            parts += [_PhrasePairs(" ".join(c.words)) for c in latin if c.phrase]
        if other:
            parts.append(reduce(operator.or_, in_configs(_websearch_text([other]), CONFIGS)))
        part = reduce(operator.and_, parts)
        for clause in group:
            if clause.negated:
                text = _websearch_text([[Clause(clause.words)]])
                part = part & reduce(operator.and_, [~q for q in in_configs(text, CONFIGS)])
        query = part if query is None else query | part
    return query


def _candidate_ids(matches: QuerySet[SearchEntry]) -> list[int]:
    """The ids of at most ``CANDIDATES + 1`` matches, read once from the index: ranking, the
    page, the count and the facets then work on this short list, never on every match."""
    ids = matches.order_by().values_list("pk", flat=True)[: CANDIDATES + 1]
    if not settings.IS_POSTGRES:
        return list(ids)
    # PostgreSQL prices a GIN bitmap scan far below what reading the posting lists of common
    # words costs, while a sequential scan that stops at the candidate limit is cheap when many
    # entries match: at 1M entries "water quality" took 64 ms by the index and 6 ms by the scan,
    # which the planner thought the dearer. Ten times the default cost per index entry (0.005)
    # lets it choose the scan when matches are many and keeps the index for rare words; the
    # setting is local to this query (and reset before the page's other queries).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL cpu_index_tuple_cost = {INDEX_ENTRY_COST}")
        found = list(ids)
        cursor.execute("SET LOCAL cpu_index_tuple_cost TO DEFAULT")
    return found


def _unshown_columns() -> list[str]:
    """What a result row never shows: the index itself and the other languages' titles and
    texts. Ranking a thousand candidates then reads and sorts narrow rows, not every entry's
    text in four languages and its tsvector."""
    keep = {"en", lang_suffix()}
    others = [lang for lang in LANG_FIELDS.values() if lang not in keep]
    return [
        "search_vector",
        "visible_from",
        "updated_at",
        *(f"{f}_{lang}" for f in ("title", "text") for lang in others),
    ]


def search(queryset: QuerySet[SearchEntry], q: str) -> QuerySet[SearchEntry]:
    """Entries matching ``q`` (web-style syntax, see ``parse_query``), best first, annotated
    with ``rank``. At most ``CANDIDATES`` matches are ranked, so the cost does not grow with the
    corpus; a query that looks like an identifier ("GB 3095", "QCVN 05") also matches the
    instrument numbers by prefix or part, and such a match ranks first. Highlights are made
    separately, for the page shown only (``highlights``)."""
    groups = parse_query(q)
    if not groups:
        return queryset.none()
    ident = _identifier_query(q)
    if settings.IS_POSTGRES:
        query = _pg_query(groups)
        match = Q(search_vector=query)
        if ident:
            match |= Q(identifier__contains=ident)
        candidates = _candidate_ids(queryset.filter(match))
        rank = SearchRank(F("search_vector"), query)
        if ident:
            rank = rank + Case(When(identifier__contains=ident, then=Value(1.0)), default=Value(0.0))
        return (
            SearchEntry.objects.filter(pk__among=candidates)
            .defer(*_unshown_columns())
            .annotate(rank=rank)
            .order_by("-rank", "title_en")
        )
    # SQLite fallback: words matched as substrings; a title match of the first word ranks higher.
    match = _fallback_condition(groups)
    if ident:
        match |= Q(identifier__contains=ident)
    first = groups[0][0].words[0] if not groups[0][0].negated else query_terms(q)[0]
    title_hit = Q()
    for lang in LANG_FIELDS.values():
        title_hit |= Q(**{f"title_{lang}__icontains": first})
    whens = [When(identifier__contains=ident, then=Value(3))] if ident else []
    candidates = _candidate_ids(queryset.filter(match))
    return (
        SearchEntry.objects.filter(pk__among=candidates)
        .defer(*_unshown_columns())
        .annotate(rank=Case(*whens, When(title_hit, then=Value(2)), default=Value(1), output_field=IntegerField()))
        .order_by("-rank", "title_en")
    )


def highlights(entries: list[SearchEntry], q: str) -> dict[int, str]:
    """Highlighted snippets (HTML, only ``<mark>`` added) for the entries shown, by id. On
    PostgreSQL ``ts_headline`` runs over these rows only, never over every match."""
    if not entries or not q.strip():
        return {}
    groups = parse_query(q)
    if settings.IS_POSTGRES and groups:
        suffix = lang_suffix()
        config = "simple" if suffix in ("zh_hans", "ar") else ("russian" if suffix == "ru" else "english")
        query = _pg_query(groups, every_config=True)
        rows = SearchEntry.objects.filter(pk__among=[e.pk for e in entries]).annotate(
            snippet=SearchHeadline(
                Coalesce(NullIf(f"text_{suffix}", Value("")), "text_en"),
                query,
                config=config,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=30,
                min_words=12,
            )
        )
        found = dict(rows.values_list("pk", "snippet"))
        return {e.pk: join_cjk(found.get(e.pk) or "") or fallback_snippet(e, q) for e in entries}
    return {e.pk: fallback_snippet(e, q) for e in entries}


def index_text(text: str) -> str:
    """Text as stored in the index: ``&``, ``<`` and ``>`` escaped, so that a highlighted
    snippet (which only adds ``<mark>``) is safe HTML whichever engine produced it."""
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _search_mode_parts(word: str) -> list[str]:
    """The shorter words ``jieba.cut_for_search`` emits just before ``word`` (same rule)."""
    jieba.dt.check_initialized()
    return [
        word[i : i + n]
        for n in (2, 3)
        if len(word) > n
        for i in range(len(word) - n + 1)
        if jieba.get_FREQ(word[i : i + n])
    ]


def join_cjk(html: str) -> str:
    """Undo ``segment``: drop the parts search mode added before each long word (a part that
    matched marks its whole word instead) and the spaces between Chinese words."""
    if _CJK.search(html):
        words = html.split(" ")
        kept: list[str] = []
        i = len(words) - 1
        # Right to left: a long word comes after its parts, and a part may itself be long.
        while i >= 0:
            word = words[i]
            plain = re.sub(r"</?mark>", "", word)
            parts = _search_mode_parts(plain) if len(plain) > 2 and _CJK.search(plain) else []
            before = words[max(0, i - len(parts)) : i]
            if parts and [re.sub(r"</?mark>", "", w) for w in before] == parts:
                if any("<mark>" in w for w in before) and "<mark>" not in word:
                    word = f"<mark>{word}</mark>"
                i -= len(parts)
            kept.append(word)
            i -= 1
        html = " ".join(reversed(kept))
    # Only between two Chinese characters or punctuation marks, highlights in between or not:
    # "<mark>ambient</mark> <mark>air</mark>" keeps its space.
    return _CJK_GAP.sub(r"\1\2", html)


def fallback_snippet(entry: SearchEntry, q: str, width: int = 200) -> str:
    """An excerpt around the first match, terms wrapped in <mark> (the SQLite path)."""
    suffix = lang_suffix()
    text = join_cjk(getattr(entry, f"text_{suffix}") or entry.text_en)
    terms = [index_text(t) for t in query_terms(q) if t]
    lower = text.lower()
    found = [lower.find(t.lower()) for t in terms if lower.find(t.lower()) >= 0]
    start = max(0, min(found, default=0) - width // 3)
    # Do not cut an entity such as &amp; in half.
    while start and text[start - 1] not in " \n" and "&" in text[max(0, start - 6) : start]:
        start -= 1
    excerpt = ("…" if start else "") + text[start : start + width] + ("…" if start + width < len(text) else "")
    if terms:
        # One pass, longest term first, so a short term never matches inside an inserted <mark>.
        pattern = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
        excerpt = re.sub(pattern, lambda m: f"<mark>{m.group(0)}</mark>", excerpt, flags=re.I)
    return excerpt
