"""Submission versions: frozen at each submission, numbered, never changed; a reference number
at the first submission; a readable diff between versions."""

import re

import pytest

from assessments import selectors, services
from assessments.models import SubmissionVersion
from assessments.rules.versions import diff_snapshots
from assessments.selectors import review as review_selectors
from assessments.services import review as review_services
from portal.models import AuditEvent


@pytest.mark.django_db
def test_the_first_submission_freezes_version_1_and_assigns_a_reference(submitted, alice):
    assert re.fullmatch(r"GBR-\d{4}-\d{6}", submitted.reference)
    version = submitted.versions.get()
    assert version.number == 1 and version.submitted_by == alice
    snap = version.snapshot
    assert snap["project"]["name"] == "Steppe Solar 20 MW"
    assert snap["project"]["host_country"] == "KZ"
    assert snap["screening"]["category"] == "C"
    assert snap["answers"] and snap["measures"]
    assert all(m["response"] == "accepted" for m in snap["measures"])
    assert AuditEvent.objects.filter(action="submission.versioned", target_id=str(submitted.pk)).exists()


@pytest.mark.django_db
def test_a_version_never_changes(submitted):
    version = submitted.versions.get()
    version.snapshot = {}
    with pytest.raises(TypeError):
        version.save()
    assert SubmissionVersion.objects.get(pk=version.pk).snapshot["project"]["name"] == "Steppe Solar 20 MW"


@pytest.mark.django_db
def test_a_resubmission_is_version_2_with_the_same_reference_and_a_readable_diff(submitted, alice, rita):
    reference = submitted.reference
    review_services.decision_make(
        project=submitted, decided_by=rita, outcome="revision_requested", reasons="Say more about dust."
    )
    services.project_update(project=submitted, updated_by=alice, description="A 20 MW solar farm with dust control.")
    measure = submitted.measures.filter(active=True).first()
    services.measure_answer(
        measure=measure, answered_by=alice, response="alternative", alternative="Wet screens", reason="Cheaper"
    )
    project = services.project_submit(project=submitted, submitted_by=alice)
    assert project.reference == reference
    v1, v2 = project.versions.get(number=1), project.versions.get(number=2)
    sections = {d.section: d for d in review_selectors.version_diff(old=v1, new=v2)}
    assert [c.item for c in sections["project"].changes] == ["description"]
    assert sections["project"].changes[0].after == "A 20 MW solar farm with dust control."
    changed = sections["measures"].changes
    assert len(changed) == 1 and changed[0].kind == "changed" and changed[0].item == measure.title
    assert {f.item for f in changed[0].fields} >= {"response", "alternative", "reason"}


def test_the_diff_lists_added_and_removed_items_by_their_label():
    old = {"documents": [{"key": 1, "label": "EIA report", "sha256": "a" * 64, "version": 1}]}
    new = {
        "documents": [
            {"key": 1, "label": "EIA report", "sha256": "b" * 64, "version": 2},
            {"key": 2, "label": "Permit", "sha256": "c" * 64, "version": 1},
        ]
    }
    (section,) = diff_snapshots(old, new)
    assert [(c.kind, c.item) for c in section.changes] == [("changed", "EIA report"), ("added", "Permit")]
    assert {f.item for f in section.changes[0].fields} == {"sha256", "version"}
    (removed,) = diff_snapshots(new, old)
    assert ("removed", "Permit") in [(c.kind, c.item) for c in removed.changes]


@pytest.mark.django_db
def test_documents_are_frozen_with_their_checksum(project, alice, rita):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.assessments.conftest import complete_project
    from tests.assessments.test_access import pdf_bytes

    complete_project(project, alice)
    services.document_upload(
        project=project, uploaded_by=alice, kind="other", file=SimpleUploadedFile("a.pdf", pdf_bytes())
    )
    project = services.project_submit(project=project, submitted_by=alice)
    (doc,) = project.versions.get().snapshot["documents"]
    latest = selectors.document_version_list_for_project(project=project).get()
    assert doc["sha256"] == latest.sha256 and len(doc["sha256"]) == 64 and doc["version"] == 1
