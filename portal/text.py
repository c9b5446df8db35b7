"""Text that people type: length caps and the characters names and titles may not carry.

Threats: a 9.5 MB "description" made every project list 9 MB (caps, enforced by every form
and serializer built from the model fields); names and titles that read differently from what
they are, through bidirectional controls (U+202E turns "Acme‮gpj.exe" around) or invisible
zero-width characters that make "Acme" and "Ac\u200bme" two different enterprises
(``clean_name``). Body text keeps its line breaks; names and titles become one line.
"""

import re
import unicodedata

NAME_MAX_LENGTH = 255
# Descriptions, notes, reasons, evidence: about ten pages of prose.
TEXT_MAX_LENGTH = 20_000
# Editors' article bodies and country-profile sections.
LONG_TEXT_MAX_LENGTH = 200_000

# Bidi embeddings, overrides and isolates, the implicit marks, and zero-width characters.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\u180e\ufeff]")
_SPACES = re.compile(r"\s+")


def clean_name(value: str | None) -> str:
    """A name or title as one clean line: no bidi controls, no zero-width or control
    characters, runs of white space collapsed, NFC-normalised."""
    if not value:
        return ""
    value = unicodedata.normalize("NFC", str(value))
    value = _INVISIBLE.sub("", value)
    value = "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in value)
    return _SPACES.sub(" ", value).strip()


def clean_text(value: str | None) -> str:
    """Body text: bidi controls and zero-width characters removed, line breaks kept."""
    if not value:
        return ""
    value = _INVISIBLE.sub("", unicodedata.normalize("NFC", str(value)))
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()
