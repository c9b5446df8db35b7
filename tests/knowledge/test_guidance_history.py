"""Guidance lists in-force instruments as applicable; a repealed one only as history, marked
so, with what replaced it (issue 10.2: Kazakhstan thermal power cited the repealed 2007 Code)."""

import pytest

from knowledge.importer import import_dataset, read_dataset
from tests.knowledge import pages

URL = "/knowledge/guidance/kz/thermal_power/"


def _section(text: str, start: str, end: str | None = None) -> str:
    assert start in text, text[:2000]
    tail = text[text.index(start) :]
    return tail[: tail.index(end)] if end and end in tail else tail


@pytest.mark.django_db
def test_kazakh_thermal_power_lists_the_2021_code_and_the_2007_code_only_as_history(client):
    import_dataset(read_dataset())
    response = client.get(URL)
    assert response.status_code == 200
    text = pages.text(response)
    applicable = _section(text, "Applicable instruments", "History: repealed instruments")
    assert "Environmental Code of the Republic of Kazakhstan" in applicable
    assert "(2007)" not in applicable
    history = _section(text, "History: repealed instruments", "Permits")
    assert "Environmental Code of the Republic of Kazakhstan (2007)" in history
    assert "Repealed 2021-07-01" in history
    assert "replaced by" in history


@pytest.mark.django_db
def test_no_guidance_page_links_a_repealed_instrument_as_applicable(client):
    from knowledge.models import SectorGuidance

    import_dataset(read_dataset())
    checked = 0
    for guidance in SectorGuidance.objects.select_related("country").prefetch_related("instruments"):
        html = client.get(guidance.get_absolute_url()).content.decode()
        applicable = html[html.index("Applicable instruments") :]
        applicable = applicable[: applicable.index("</section>")]
        for instrument in guidance.instruments.all():
            repealed = instrument.legal_status == "repealed" or instrument.repealed
            if repealed:
                checked += 1
                assert f'href="{instrument.get_absolute_url()}"' not in applicable, (guidance, instrument)
                assert instrument.get_absolute_url() in html  # still there, as history
    assert checked >= 1
