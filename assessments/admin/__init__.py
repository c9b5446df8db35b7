"""Admin of project assessment, one module per area (importing them registers them)."""

from assessments.admin import blacklist, disclosure, lists, projects, review, screening, site  # noqa: F401
