"""Full-text search over the knowledge base.

PostgreSQL: one ``tsvector`` per entry combining English and Russian stemming with a simple
configuration for Chinese (pre-segmented by jieba) and Arabic, GIN-indexed; ranked with
``ts_rank`` and highlighted with ``ts_headline``. SQLite: every query word must appear in the
entry's text (Chinese words segmented the same way); ranked by title matches.
"""

import logging
import re

import jieba
from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import NullIf
from django.utils.translation import get_language

from knowledge.models import SearchEntry

jieba.setLogLevel(logging.WARNING)

LANG_FIELDS = {"en": "en", "zh-hans": "zh_hans", "ru": "ru", "ar": "ar"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_CJK_TEXT = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"  # punctuation, ideographs, full-width forms
_CJK_GAP = re.compile(rf"(?<=[{_CJK_TEXT}])((?:</?mark>)*) ((?:</?mark>)*)(?=[{_CJK_TEXT}])")


def segment(text: str) -> str:
    """Chinese text as space-separated words (search mode: long words also give their parts)."""
    if not text or not _CJK.search(text):
        return text or ""
    return " ".join(w for w in jieba.cut_for_search(text) if w.strip())


def query_terms(q: str) -> list[str]:
    """The words of a query, Chinese segmented, punctuation dropped."""
    words = []
    for chunk in re.split(r"\s+", q.strip()):
        if _CJK.search(chunk):
            words.extend(w for w in jieba.cut(chunk) if w.strip() and not re.fullmatch(r"\W+", w))
        elif chunk:
            words.append(chunk.strip("\"'.,;:()"))
    return [w for w in words if w]


def _lang_suffix() -> str:
    return LANG_FIELDS.get(get_language() or "en", "en")


def _own(field: str, lang: str) -> NullIf:
    """A translated column, or NULL where it only repeats the English one. Indexing such copies
    would count an English summary word four times and rank it above a word of the title."""
    return NullIf(f"{field}_{lang}", f"{field}_en")


def update_vector(entry_ids: list[int]) -> None:
    """Recompute the tsvector of the given entries (PostgreSQL only)."""
    if not settings.IS_POSTGRES or not entry_ids:
        return
    vector = (
        SearchVector("title_en", weight="A", config="english")
        + SearchVector(_own("title", "ru"), weight="A", config="russian")
        + SearchVector(_own("title", "zh_hans"), weight="A", config="simple")
        + SearchVector(_own("title", "ar"), weight="A", config="simple")
        + SearchVector("text_en", weight="B", config="english")
        + SearchVector(_own("text", "ru"), weight="B", config="russian")
        + SearchVector(_own("text", "zh_hans"), weight="B", config="simple")
        + SearchVector(_own("text", "ar"), weight="B", config="simple")
    )
    SearchEntry.objects.filter(pk__in=entry_ids).update(search_vector=vector)


def search(queryset: QuerySet[SearchEntry], q: str) -> QuerySet[SearchEntry]:
    """Entries matching ``q``, best first, annotated with ``rank`` and ``snippet`` (HTML)."""
    terms = query_terms(q)
    if not terms:
        return queryset.none()
    suffix = _lang_suffix()
    if settings.IS_POSTGRES:
        text = " ".join(terms)
        query = (
            SearchQuery(text, config="english", search_type="plain")
            | SearchQuery(text, config="russian", search_type="plain")
            | SearchQuery(text, config="simple", search_type="plain")
        )
        return (
            queryset.filter(search_vector=query)
            .annotate(
                rank=SearchRank(F("search_vector"), query),
                snippet=SearchHeadline(
                    f"text_{suffix}" if suffix != "zh_hans" else "text_zh_hans",
                    query,
                    config="simple" if suffix in ("zh_hans", "ar") else ("russian" if suffix == "ru" else "english"),
                    start_sel="<mark>",
                    stop_sel="</mark>",
                    max_words=30,
                    min_words=12,
                ),
            )
            .order_by("-rank", "title_en")
        )
    # SQLite fallback: every term somewhere in any language's title or text.
    condition = Q()
    for term in terms:
        any_field = Q()
        for lang in LANG_FIELDS.values():
            any_field |= Q(**{f"title_{lang}__icontains": term}) | Q(**{f"text_{lang}__icontains": term})
        condition &= any_field
    title_hit = Q()
    for lang in LANG_FIELDS.values():
        title_hit |= Q(**{f"title_{lang}__icontains": terms[0]})
    return (
        queryset.filter(condition)
        .annotate(rank=Case(When(title_hit, then=Value(2)), default=Value(1), output_field=IntegerField()))
        .order_by("-rank", "title_en")
    )


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
    suffix = _lang_suffix()
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
