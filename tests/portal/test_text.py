"""Names and titles lose bidi controls and zero-width characters; text fields are capped."""

import pytest

from portal.models import Notification
from portal.services import notification_send, organisation_register_enterprise, user_update_profile
from portal.text import clean_name, clean_text
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Acme\u202egpj.exe", "Acmegpj.exe"),  # right-to-left override
        ("Ac\u200bme\u200d Power", "Acme Power"),  # zero-width space and joiner
        ("\u2067Globex\u2069 Mining", "Globex Mining"),  # isolates
        ("\ufeffBOM name", "BOM name"),
        ("Two\nlines\tand\x00nul", "Two lines and nul"),
        ("  spaced   out  ", "spaced out"),
        ("绿色丝路 能源", "绿色丝路 能源"),
        ("شركة الطاقة", "شركة الطاقة"),
    ],
)
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


def test_clean_text_keeps_line_breaks():
    assert clean_text("line one\u202e\nline two\u200b") == "line one\nline two"


@pytest.mark.django_db
def test_enterprise_names_and_registration_numbers_are_clean(alice):
    org = organisation_register_enterprise(
        owner=alice,
        name="Sino\u200b Solar\u202e Ltd",
        registration_number="9111\u200b0000",
        home_country="CN",
        main_sectors=["solar"],
    )
    assert org.name == "Sino Solar Ltd"
    assert org.registration_number == "91110000"


@pytest.mark.django_db
def test_profile_names_are_clean_through_the_page(alice, login):
    response = login(alice).post(
        "/workspace/profile/", {"full_name": "Alice\u202e Chen\u200b", "preferred_language": "en"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.full_name == "Alice Chen"
    user_update_profile(user=alice, full_name="\u2066Al\u2069", preferred_language="en")
    alice.refresh_from_db()
    assert alice.full_name == "Al"


@pytest.mark.django_db
def test_notification_titles_are_clean():
    user = UserFactory()
    notification_send(users=[user], kind="system", title="Decision\u202e on project", email=False)
    assert Notification.objects.get().title == "Decision on project"


@pytest.mark.django_db
def test_knowledge_titles_saved_by_editors_are_clean(eddie, login):
    from knowledge.models import Article

    response = login(eddie).post(
        "/admin/knowledge/article/add/",
        {
            "title_en": "Water\u200b law\u202e guide",
            "slug": "water-law-guide",
            "summary_en": "s",
            "body_en": "b",
        },
    )
    article = Article.objects.filter(slug="water-law-guide").first()
    assert article is not None, response.content.decode()[:3000]
    assert article.title == "Water law guide"


@pytest.mark.django_db
def test_organisation_names_edited_by_staff_are_clean(sam, login, acme):
    from django.forms.models import model_to_dict

    data = {k: v for k, v in model_to_dict(acme).items() if v is not None and k != "main_sectors"}
    data.update(
        {
            "name": "Acme\u202e Overseas",
            "main_sectors": '["thermal_power"]',
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
            "jurisdictions-TOTAL_FORMS": "0",
            "jurisdictions-INITIAL_FORMS": "0",
        }
    )
    response = login(sam).post(f"/admin/portal/organisation/{acme.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    acme.refresh_from_db()
    assert acme.name == "Acme Overseas"
