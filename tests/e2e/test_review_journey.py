"""A reviewer claims a submitted project and asks two questions; the enterprise answers one in
writing, revises the project and resubmits (answering the other); the reviewer reads the diff
and approves with two conditions; the enterprise reads the decision and opens the letter. Each
step's email is in the outbox in the recipient's language; axe-core is clean on the queue and
the workspace."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from assessments import services

# The assessment tests' fixtures, imported so pytest finds them here too.
from tests.assessments.conftest import complete_project, kazakhstan, project, rules  # noqa: F401
from tests.e2e.conftest import ARTIFACTS
from tests.factories import PASSWORD


@pytest.fixture
def submitted_live(project, alice, rita):  # noqa: F811 - the imported fixture
    alice.preferred_language = "zh-hans"
    alice.save(update_fields=["preferred_language"])
    complete_project(project, alice)
    return services.project_submit(project=project, submitted_by=alice)


def log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"review_{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_claim_request_answer_resubmit_diff_approve_and_read_the_letter(
    page, browser_login, submitted_live, alice, rita, assert_accessible
):
    project = submitted_live  # noqa: F811 - the submitted project, not the fixture
    mail.outbox.clear()
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()

    # The reviewer: queue → workspace → claim → two requests.
    browser_login(rita.email, PASSWORD)
    page.get_by_role("link", name="Review", exact=True).first.click()
    expect(page.locator("table.queue")).to_contain_text(project.reference)
    assert_accessible(page)
    shot(page, "1_queue")
    page.get_by_role("link", name=project.reference).click()
    expect(page.locator("h1")).to_contain_text(project.reference)
    assert_accessible(page)
    page.get_by_role("button", name="Claim this project").click()
    expect(page.locator(".messages")).to_contain_text("You now review this project")
    for question in ("Where does the panel-washing water go?", "Describe dust control during construction."):
        page.get_by_label("Question to the enterprise").fill(question)
        page.get_by_label("Answer by").fill(due)
        page.get_by_role("button", name="Send the request").click()
        expect(page.locator(".messages")).to_contain_text("The review clock is paused")
    expect(page.locator("body")).to_contain_text("paused: the enterprise holds the file")
    assert_accessible(page)
    shot(page, "2_workspace_requests")
    log_out(page)

    # The enterprise: answers the first request, revises the project and resubmits.
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{project.pk}/review/")
    first = page.locator("article.rfi").first
    first.get_by_label("Your answer").fill("It is collected and evaporated on site.")
    first.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".messages")).to_contain_text("Answer sent to the regulator")
    assert_accessible(page)
    page.goto(f"/workspace/projects/{project.pk}/edit/")
    page.locator("#id_description").fill("A 20 MW solar farm with water-truck dust suppression.")
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("Submitted for review")
    log_out(page)

    # The reviewer: the diff, then an approval with two conditions.
    browser_login(rita.email, PASSWORD)
    page.goto(f"/review/projects/{project.pk}/")
    page.get_by_role("link", name="what changed from 1 to 2").click()
    diff = page.locator("section[aria-labelledby=diff-title]")
    expect(diff).to_contain_text("water-truck dust suppression")
    assert_accessible(page)
    shot(page, "3_diff")
    page.get_by_label("Approved with conditions").check()
    page.get_by_label("Reasons").fill("Away from sensitive areas; dust and restoration need follow-up.")
    page.locator("#id_cond-0-text").fill("Report dust-suppression records every quarter.")
    page.locator("#id_cond-0-recurrence").select_option("quarterly")
    page.locator("#id_cond-1-text").fill("Restore the laydown area.")
    page.locator("#id_cond-1-due_date").fill("2028-06-30")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("Decision recorded")
    expect(page.locator("ol.conditions li")).to_have_count(2)
    assert_accessible(page)
    shot(page, "4_decided")
    log_out(page)

    # The enterprise: the decision, its conditions, the letter.
    browser_login(alice.email, PASSWORD)
    page.goto(f"/workspace/projects/{project.pk}/review/")
    expect(page.locator("section[aria-labelledby=decision-title]")).to_contain_text("Approved with conditions")
    expect(page.locator("ol.conditions li")).to_have_count(2)
    assert_accessible(page)
    shot(page, "5_enterprise_decision")
    # The letter is a PDF (rendered when the decision was made): her language beside English.
    href = page.locator(f'a[href="/workspace/projects/{project.pk}/review/letter/"]').get_attribute("href")
    letter = page.request.get(href)
    assert letter.status == 200 and letter.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(letter.body())).pages)
    assert "Restore the laydown area." in text and "Approved with conditions" in text and "附条件批准" in text

    # Every step's email, in the recipient's language (alice reads Chinese, rita English).
    to_alice = [m for m in mail.outbox if m.to == [alice.email]]
    to_rita = [m for m in mail.outbox if m.to == [rita.email]]
    subjects_alice = " | ".join(m.subject for m in to_alice)
    subjects_rita = " | ".join(m.subject for m in to_rita)
    # alice's subjects come from the Chinese catalogue: request 1 and 2, receipt, decision.
    assert "第 1 项补充信息要求" in subjects_alice and "第 2 项补充信息要求" in subjects_alice
    assert "已收到提交" in subjects_alice and "的决定" in subjects_alice
    assert "Request for information" not in subjects_alice
    assert "Answer to request 1" in subjects_rita and "Revised submission" in subjects_rita
    assert all("收件箱" in m.body for m in to_alice)
    assert all("inbox" in m.body for m in to_rita)
    assert all(f"/workspace/projects/{project.pk}/review/" in m.body for m in to_alice)
