"""``{{ text|ltr_codes }}``: reference numbers kept in their written order in right-to-left text.

Inside Arabic, the bidi algorithm reorders a run of digits, slashes and Latin letters: the EU
directive "2011/92/EU" shows as "EU/2011/92", a Vietnamese circular "08/2022/ND-CP" as
"ND-CP/08/2022". Isolating each such run in ``<bdi dir="ltr">`` keeps it as written. Text in a
left-to-right language is returned unchanged (and escaped by the template as usual)."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi

register = template.Library()

# Latin letters, digits, dots, colons ("05:2023") and hyphens joined by at least one slash: only such runs are
# reordered; a plain number or word is placed correctly without help. A part never ends in a
# dot or hyphen, so a full stop after the code stays with the sentence.
_PART = r"[0-9A-Za-z](?:[0-9A-Za-z.:\-]*[0-9A-Za-z])?"
_CODE = re.compile(rf"{_PART}(?:/{_PART})+")
# The isolated run is the whole stretch of Latin text around such a code ("QCVN 05:2013/BTNMT",
# "Circular No. 01/2023/TT-BTNMT"): isolating the code alone would leave "QCVN" on its far side.
_RUN = re.compile(r"[0-9A-Za-z(][0-9A-Za-z .,:/()\-]*[0-9A-Za-z)]")


@register.filter
def ltr_codes(text):
    text = str(text)
    if not get_language_bidi() or not _CODE.search(text):
        return text
    parts, last = [], 0
    for match in (m for m in _RUN.finditer(text) if _CODE.search(m.group(0))):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', match.group(0)))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above
