"""Read rendered pages as a person would: the visible text, table rows, result links, feed titles."""

import re
from html.parser import HTMLParser
from xml.etree import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
RESULT_LINK = re.compile(r"^/knowledge/(instruments|countries|guidance|articles)/(?!feed/)[^?]+$")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.rows: list[list[str]] = []
        self.links: list[list[str]] = []  # [href, text]
        self._cell: list[str] | None = None
        self._link: list[str] | None = None
        self._skip = 0
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self.root: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.root = dict(attrs)
        if tag in ("script", "style", "title"):
            self._skip += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self._cell = []
        elif tag == "a":
            self.links.append([dict(attrs).get("href") or "", ""])
            self._link = []
        elif tag == "h1":
            self._heading = []

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(_squash(" ".join(self._cell)))
            self._cell = None
        elif tag == "h1" and self._heading is not None:
            self.headings.append(_squash("".join(self._heading)))
            self._heading = None
        elif tag == "a" and self._link is not None:
            self.links[-1][1] = _squash("".join(self._link))
            self._link = None

    def handle_data(self, data):
        if self._skip:
            return
        self.chunks.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._link is not None:
            self._link.append(data)
        if self._heading is not None:
            self._heading.append(data)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _parse(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def text(response) -> str:
    """The page's visible text, whitespace collapsed (tags gone, entities decoded)."""
    return _squash(" ".join(_parse(response).chunks))


def heading(response) -> str:
    """The text of the page's first <h1>."""
    return _parse(response).headings[0]


def root(response) -> dict[str, str | None]:
    """The attributes of the page's <html> element (its ``lang`` and ``dir``)."""
    return _parse(response).root


def table_rows(response) -> list[list[str]]:
    """Every table row as the text of its cells."""
    return [row for row in _parse(response).rows if row]


def result_links(response) -> list[str]:
    """Links to knowledge-base records, in page order (search results, list entries)."""
    return [href for href, _text in results(response)]


def results(response) -> list[tuple[str, str]]:
    """(href, link text) of every link to a knowledge-base record, in page order."""
    return [(href, text) for href, text in _parse(response).links if RESULT_LINK.match(href)]


def links(response) -> list[str]:
    """Every link's address, in page order."""
    return [href for href, _text in _parse(response).links]


def feed_titles(response) -> list[str]:
    # The portal's own feed, not untrusted input.
    root = ElementTree.fromstring(response.content)  # noqa: S314
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def snippets(response) -> list[str]:
    """The raw HTML of each search result's snippet (highlights are <mark> elements)."""
    return re.findall(r'<p class="snippet">(.*?)</p>', response.content.decode(), re.S)
