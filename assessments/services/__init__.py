"""Writes of project assessment, one module per area. Each public service is atomic, takes its
row locks and writes its audit event in the same transaction."""

from assessments.services.design import design_value_add, design_value_remove
from assessments.services.documents import document_upload
from assessments.services.lists import measure_add, measure_answer, measure_answer_all
from assessments.services.projects import PROJECT_FIELDS, project_create, project_set_answers, project_update
from assessments.services.screening import project_screen, ruleset_activate, ruleset_clone
from assessments.services.site import project_set_site
from assessments.services.submission import project_submit, project_withdraw

__all__ = [
    "PROJECT_FIELDS",
    "design_value_add",
    "design_value_remove",
    "document_upload",
    "measure_add",
    "measure_answer",
    "measure_answer_all",
    "project_create",
    "project_screen",
    "project_set_answers",
    "project_set_site",
    "project_submit",
    "project_update",
    "project_withdraw",
    "ruleset_activate",
    "ruleset_clone",
]
