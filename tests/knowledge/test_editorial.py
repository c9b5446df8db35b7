"""Editors work in the admin: revisions with revert, audited saves, role boundaries."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from knowledge.choices import PublicationStatus
from knowledge.models import Instrument, SearchEntry
from portal.models import AuditEvent


def _instrument_form(**overrides):
    data = {
        "key": "kz-env-code-test",
        "jurisdiction": "KZ",
        "type": "law",
        "title_en": "Environmental Code (test)",
        "title_zh_hans": "",
        "title_ru": "Экологический кодекс (тест)",
        "title_ar": "",
        "title_original": "",
        "number": "No. 400-VI",
        "issuing_body": "",
        "adopted": "2021-01-02",
        "in_force": "2021-07-01",
        "amended": "",
        "repealed": "",
        "legal_status": "in_force",
        "summary_en": "Framework environmental law.",
        "summary_zh_hans": "",
        "summary_ru": "",
        "summary_ar": "",
        "source_url": "https://adilet.zan.kz/",
        "note": "",
        "publish_at_0": "",
        "publish_at_1": "",
        "limits-TOTAL_FORMS": "0",
        "limits-INITIAL_FORMS": "0",
        "relations_out-TOTAL_FORMS": "0",
        "relations_out-INITIAL_FORMS": "0",
        "_save": "Save",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db(transaction=True)
def test_an_editor_creates_edits_and_reverts_with_history(login, eddie):
    client = login(eddie)
    response = client.post(reverse("admin:knowledge_instrument_add"), _instrument_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    instrument = Instrument.objects.get(key="kz-env-code-test")
    assert instrument.status == PublicationStatus.DRAFT
    assert instrument.updated_by == eddie
    change_url = reverse("admin:knowledge_instrument_change", args=[instrument.pk])
    response = client.post(change_url, _instrument_form(title_en="Environmental Code (wrong title)"))
    assert response.status_code == 302
    versions = Version.objects.get_for_object(instrument)
    assert versions.count() == 2
    assert versions[0].revision.user == eddie
    # Revert to the first revision through the admin's history (recover) view.
    first = versions[1]
    response = client.post(
        reverse("admin:knowledge_instrument_revision", args=[instrument.pk, first.pk]), _instrument_form()
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.title_en == "Environmental Code (test)"
    assert Version.objects.get_for_object(instrument).count() == 3
    actions = list(AuditEvent.objects.filter(target_id=str(instrument.pk)).values_list("action", flat=True))
    assert actions.count("instrument.edited") == 2 and "instrument.created" in actions


@pytest.mark.django_db(transaction=True)
def test_the_publish_action_publishes_and_indexes(login, eddie):
    with reversion.create_revision():
        instrument = Instrument.objects.create(
            key="x-law", jurisdiction="KZ", type="law", title="Water Code (test)", source_url="https://adilet.zan.kz/"
        )
    client = login(eddie)
    assert not SearchEntry.objects.filter(object_id=str(instrument.pk)).exists()
    response = client.post(
        reverse("admin:knowledge_instrument_changelist"),
        {"action": "publish", "_selected_action": [instrument.pk], "index": 0},
    )
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.status == PublicationStatus.PUBLISHED
    assert SearchEntry.objects.filter(kind="instrument", object_id=str(instrument.pk)).exists()
    # Publishing twice is refused with a message, nothing changes.
    response = client.post(
        reverse("admin:knowledge_instrument_changelist"),
        {"action": "publish", "_selected_action": [instrument.pk], "index": 0},
        follow=True,
    )
    assert "cannot go from Published to Published" in response.content.decode()


@pytest.mark.django_db
def test_editors_cannot_delete_or_manage_organisations(login, eddie):
    client = login(eddie)
    assert client.get(reverse("admin:knowledge_instrument_changelist")).status_code == 200
    assert client.get(reverse("admin:portal_organisation_changelist")).status_code == 403
    assert client.get(reverse("portal:staff-organisations")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["alice", "rita", "nadia", "fiona"])
def test_other_roles_cannot_edit_the_knowledge_base(login, persona, request):
    response = login(request.getfixturevalue(persona)).get(reverse("admin:knowledge_instrument_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
