"""Reads of project assessment, one module per area; views and API import from here."""

from assessments.selectors.blacklist import blacklist_entry_active_for
from assessments.selectors.design import (
    compliance_matrix_for_project,
    design_options_for_project,
    design_value_get_for_project,
    design_value_list_for_project,
)
from assessments.selectors.documents import (
    document_get_for_project,
    document_list_for_project,
    document_version_get_for_user,
    document_version_list_for_project,
    required_document_list,
)
from assessments.selectors.lists import (
    hazard_list_for_sector,
    measure_get_for_project,
    measure_list_for_project,
    measure_template_list_treating,
    risk_list_for_project,
)
from assessments.selectors.projects import (
    next_action,
    project_get_for_user,
    project_list_for_dashboard,
    project_list_for_user,
    project_list_with_progress,
    project_none,
    project_steps,
)
from assessments.selectors.screening import (
    host_eia_guidance,
    project_facts,
    ruleset_get_active,
    screening_explained,
    screening_is_current,
    screening_latest,
    screening_missing,
)
from assessments.selectors.site import (
    sensitive_area_buffers,
    sensitive_area_list_near,
    site_areas_geojson,
    site_map_data,
    site_result_list,
)
from assessments.selectors.submission import project_readiness, readiness_facts

__all__ = [
    "blacklist_entry_active_for",
    "compliance_matrix_for_project",
    "design_options_for_project",
    "design_value_get_for_project",
    "design_value_list_for_project",
    "document_get_for_project",
    "document_list_for_project",
    "document_version_get_for_user",
    "document_version_list_for_project",
    "hazard_list_for_sector",
    "measure_get_for_project",
    "measure_list_for_project",
    "measure_template_list_treating",
    "next_action",
    "host_eia_guidance",
    "project_facts",
    "project_get_for_user",
    "project_list_for_dashboard",
    "project_list_for_user",
    "project_list_with_progress",
    "project_none",
    "project_readiness",
    "project_steps",
    "readiness_facts",
    "required_document_list",
    "risk_list_for_project",
    "ruleset_get_active",
    "screening_is_current",
    "screening_latest",
    "screening_explained",
    "screening_missing",
    "sensitive_area_buffers",
    "sensitive_area_list_near",
    "site_areas_geojson",
    "site_map_data",
    "site_result_list",
]
