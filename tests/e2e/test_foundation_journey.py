"""A visitor registers an enterprise, confirms the email, logs in and switches language."""

import re

import pytest
from django.core import mail

from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_it_registers_confirms_logs_in_and_switches_language(page, assert_accessible):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Register an enterprise").first.click()
    page.get_by_label("Your full name").fill("Lina Ma")
    page.get_by_label("Enterprise legal name").fill("Silk Wind Energy Ltd")
    page.get_by_label("Registration number").fill("91310000TEST0001")
    page.get_by_label("Home country").select_option("CN")
    page.get_by_label("Wind power").check()
    page.get_by_label("Email").fill("lina@silkwind.test")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/confirm-email/**")

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirm").click()

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill("lina@silkwind.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", name="Silk Wind Energy Ltd").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="简体中文").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.get_by_role("heading", name="工作台").is_visible()

    page.get_by_role("button", name="العربيّة").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # Right to left: the brand sits at the right edge of the header.
    box = page.locator(".brand").bounding_box()
    assert box["x"] > 1280 / 2
    assert_accessible(page)
