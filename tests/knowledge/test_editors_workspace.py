"""The admin as the editors' content tool (issue 10.15): which translations are missing or
unreviewed, each record's state with a link to its public page or a preview, and the content the
screening is made of (sensitive areas, the hazard and measure catalogue, rule sets) in their hands
with revisions."""

import pytest
from django.urls import reverse
from reversion.models import Version

from assessments.models import HazardTemplate
from tests.knowledge import pages


@pytest.mark.django_db
def test_editors_filter_the_records_that_lack_a_chinese_title(login, eddie, make_instrument):
    make_instrument(key="kz-no-chinese", jurisdiction="KZ", title="Water Code", publish=False)
    make_instrument(
        key="kz-with-chinese", jurisdiction="KZ", title="Land Code", publish=False, title_zh_hans="土地法典"
    )
    changelist = reverse("admin:knowledge_instrument_changelist")
    text = pages.text(login(eddie).get(changelist, {"translation": "missing-zh-hans"}))
    assert "Water Code" in text
    assert "Land Code" not in text
    # The list says per language what is done, missing or machine-assisted.
    assert "Chinese: missing" in text


@pytest.mark.django_db
def test_editors_filter_machine_assisted_translations_nobody_reviewed(login, eddie, make_instrument):
    make_instrument(key="kz-machine", jurisdiction="KZ", title="Forest Code", publish=False, machine_translated=["ru"])
    make_instrument(key="kz-reviewed", jurisdiction="KZ", title="Subsoil Code", publish=False)
    text = pages.text(login(eddie).get(reverse("admin:knowledge_instrument_changelist"), {"translation": "machine"}))
    assert "Forest Code" in text and "Subsoil Code" not in text


@pytest.mark.django_db
def test_an_editor_previews_a_draft_that_the_public_cannot_see(client, login, eddie, make_instrument):
    draft = make_instrument(key="kz-draft-preview", jurisdiction="KZ", title="Draft Air Rules", publish=False)
    url = draft.get_absolute_url()
    form = pages.text(login(eddie).get(reverse("admin:knowledge_instrument_change", args=[draft.pk])))
    assert "preview" in form  # the record's page offers its preview
    preview = login(eddie).get(url, {"preview": "1"})
    assert preview.status_code == 200
    assert "Preview for editors" in pages.text(preview) and "Draft Air Rules" in pages.text(preview)
    assert client.get(url, {"preview": "1"}).status_code == 404
    assert login(eddie).get(url).status_code == 404  # without asking for a preview: the public view


@pytest.mark.django_db
def test_editors_manage_the_hazard_catalogue_with_revisions(login, eddie):
    from portal.demo import editor_group

    editor_group()  # the demo and the fixture give editors the group; refresh its permissions
    hazard = HazardTemplate.objects.create(
        code="dust-construction",
        sectors=["solar"],
        dimension="air",
        title="Dust from earthworks",
        title_en="Dust from earthworks",
        description="Earthworks raise dust near homes.",
        description_en="Earthworks raise dust near homes.",
        likelihood=3,
        severity=2,
    )
    editor = login(eddie)
    change = reverse("admin:assessments_hazardtemplate_change", args=[hazard.pk])
    assert editor.get(change).status_code == 200
    assert editor.get(reverse("admin:assessments_sensitivearea_changelist")).status_code == 200
    assert editor.get(reverse("admin:assessments_screeningruleset_changelist")).status_code == 200
    # No delete: records are corrected, not destroyed.
    assert editor.get(reverse("admin:assessments_hazardtemplate_delete", args=[hazard.pk])).status_code == 403
    before = Version.objects.get_for_object(hazard).count()
    data = {
        "code": hazard.code,
        "sectors": '["solar"]',
        "dimension": "air",
        "title_en": "Dust from earthworks and haul roads",
        "title_zh_hans": "土方和运输道路扬尘",
        "description_en": hazard.description_en,
        "likelihood": "3",
        "severity": "2",
        "site_amplifiers": "[]",
        "ruled_out_by_no": "",
    }
    response = editor.post(change, data)
    assert response.status_code == 302, pages.text(response)[:2000]
    assert Version.objects.get_for_object(hazard).count() == before + 1
    hazard.refresh_from_db()
    assert hazard.title_zh_hans == "土方和运输道路扬尘"
