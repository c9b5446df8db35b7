"""Who may open which workspace page, tested from the outside."""

import pytest
from django.urls import reverse

WORKSPACE_PAGES = [
    "portal:dashboard",
    "portal:organisation-detail",
    "portal:inbox",
    "portal:profile",
    "review:home",
    "portal:staff-organisations",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", WORKSPACE_PAGES)
def test_anonymous_users_are_sent_to_login(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert f"next={url}" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["review:home", "portal:staff-organisations", "admin:index"])
def test_an_enterprise_user_cannot_open_authority_or_staff_pages(login, alice, name):
    response = login(alice).get(reverse(name))
    # The admin answers with its own login page (302) rather than 403.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_authority_user_opens_the_review_workspace(login, rita):
    response = login(rita).get(reverse("review:home"))
    assert response.status_code == 200
    assert "Kazakhstan" in response.content.decode()


@pytest.mark.django_db
def test_an_authority_user_cannot_open_staff_pages(login, rita):
    assert login(rita).get(reverse("portal:staff-organisations")).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["alice", "rita", "eddie", "nadia", "fiona"])
def test_every_role_reaches_its_dashboard(login, persona, request):
    user = request.getfixturevalue(persona)
    response = login(user).get(reverse("portal:dashboard"))
    assert response.status_code == 200
    assert user.memberships.get().organisation.name in response.content.decode()


@pytest.mark.django_db
def test_navigation_follows_the_role(login, alice, rita, sam):
    enterprise_nav = login(alice).get(reverse("portal:dashboard")).context["nav_items"]
    authority_nav = login(rita).get(reverse("portal:dashboard")).context["nav_items"]
    staff_nav = login(sam).get(reverse("portal:dashboard")).context["nav_items"]
    urls = lambda nav: {item["url"] for item in nav}  # noqa: E731
    assert reverse("portal:organisation-detail") in urls(enterprise_nav)
    assert reverse("review:home") not in urls(enterprise_nav)
    assert reverse("review:home") in urls(authority_nav)
    assert reverse("portal:staff-organisations") in urls(staff_nav)
    assert reverse("portal:staff-organisations") not in urls(authority_nav)


REVIEW_AREAS = ("review:home", "review:performance-home", "review:moderation", "review:blacklist-list")


@pytest.mark.django_db
@pytest.mark.parametrize("area", REVIEW_AREAS)
def test_a_regulator_reaches_every_review_area_from_any_other(login, rita, area):
    # The site navigation holds one "Review" entry; the four areas are tabs on each area's page.
    response = login(rita).get(reverse(area))
    assert response.status_code == 200
    page = response.content.decode()
    tabs = page[page.index('class="steps areas"') :]
    tabs = tabs[: tabs.index("</nav>")]
    for other in REVIEW_AREAS:
        assert f'href="{reverse(other)}"' in tabs
    assert f'href="{reverse(area)}" aria-current="page"' in tabs


@pytest.mark.django_db
def test_staff_create_an_authority_with_a_jurisdiction(login, sam):
    response = login(sam).post(
        reverse("portal:staff-organisations"),
        {
            "kind": "authority",
            "name": "Authority X",
            "owner_email": "lead@x.test",
            "countries": ["PK", "KZ"],
            "sectors": ["mining"],
        },
    )
    assert response.status_code == 302
    from portal.models import Organisation

    org = Organisation.objects.get(name="Authority X")
    assert sorted((j.country, j.sector) for j in org.jurisdictions.all()) == [
        ("KZ", "mining"),
        ("PK", "mining"),
    ]
    assert org.memberships.get().user.email == "lead@x.test"


@pytest.mark.django_db
def test_staff_cannot_create_an_authority_without_a_country(login, sam):
    response = login(sam).post(
        reverse("portal:staff-organisations"),
        {"kind": "authority", "name": "Authority Y", "owner_email": "l@y.test"},
    )
    assert response.status_code == 400
    assert "at least one host country" in response.content.decode()


@pytest.mark.django_db
def test_enterprise_signup_cannot_create_an_authority(client):
    # There is no public route that creates anything but an enterprise.
    from portal.models import Organisation

    client.post(
        reverse("account_signup"),
        {
            "full_name": "X",
            "organisation_name": "Fake Ministry",
            "registration_number": "1",
            "home_country": "CN",
            "main_sectors": ["mining"],
            "kind": "authority",
            "email": "x@x.test",
            "password1": "a-Long-pass-phrase-42",
            "password2": "a-Long-pass-phrase-42",
        },
    )
    from portal.claims import enterprise_claim_confirm
    from portal.models import User

    enterprise_claim_confirm(user=User.objects.get(email="x@x.test"))
    assert Organisation.objects.get(name="Fake Ministry").kind == "enterprise"


@pytest.mark.django_db
def test_a_regulator_reads_the_jurisdiction_in_their_language(login, rita):
    # rita's authority covers Kazakhstan: the review home names it in the reader's language.
    client = login(rita)
    client.cookies["django_language"] = "ru"
    assert "Казахстан" in client.get(reverse("review:home")).content.decode()
