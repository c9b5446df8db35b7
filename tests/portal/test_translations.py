"""Every interface string is translated: Chinese complete (and Russian and Arabic too), and
the compiled catalogues shipped in the repository match their sources."""

from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse

LOCALE = Path(__file__).resolve().parents[2] / "locale"


# Every interface string has a translation in each language (machine-assisted, labelled so in
# the footer); a fuzzy entry counts as missing, since msgfmt leaves it out of the catalogue.
@pytest.mark.parametrize("lang", ["zh_Hans", "ru", "ar"])
def test_the_catalogue_is_complete(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("lang", ["zh_Hans", "ru", "ar"])
def test_the_compiled_catalogue_matches_its_source(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in mo}
    for entry in po.translated_entries():
        if not entry.msgid_plural:
            assert compiled.get((entry.msgctxt, entry.msgid)) == entry.msgstr, f"{entry.msgid!r}: run make messages"


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "word"), [("zh-hans", "知识库"), ("ru", "База знаний"), ("ar", "قاعدة المعرفة")])
def test_pages_speak_the_chosen_language(lang, word):
    client = Client()
    client.cookies["django_language"] = lang
    html = client.get(reverse("knowledge:compare")).content.decode()
    assert word in html
    assert f'lang="{lang}"' in html
    assert ('dir="rtl"' in html) == (lang == "ar")
