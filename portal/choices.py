"""Enumerations shared across the portal's apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("Enterprise")
    AUTHORITY = "authority", _("Authority")
    NGO = "ngo", _("NGO")
    FINANCIAL = "financial", _("Financial institution")
    EDITORIAL = "editorial", _("Editorial team")


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    ADMIN = "admin", _("Administrator")
    MEMBER = "member", _("Member")
    REVIEWER = "reviewer", _("Reviewer")
    LEAD_REVIEWER = "lead_reviewer", _("Lead reviewer")


# Roles that may manage an organisation (invite members, submit projects).
MANAGING_ROLES = {Role.OWNER, Role.ADMIN}
AUTHORITY_ROLES = {Role.OWNER, Role.ADMIN, Role.REVIEWER, Role.LEAD_REVIEWER}


class Sector(models.TextChoices):
    """The sectors named by the green-development policy paper."""

    RAILWAY = "railway", _("Railway")
    ROAD = "road", _("Road")
    PORT = "port", _("Port")
    OIL_GAS = "oil_gas", _("Oil and gas extraction and transport")
    MINING = "mining", _("Mining")
    HYDROPOWER = "hydropower", _("Hydropower")
    THERMAL_POWER = "thermal_power", _("Thermal power")
    NUCLEAR = "nuclear", _("Nuclear power")
    WIND = "wind", _("Wind power")
    SOLAR = "solar", _("Solar power")
    POWER_GRID = "power_grid", _("Power grid")
    LIGHT_INDUSTRY = "light_industry", _("Light industry and textiles")
    FOOD_PROCESSING = "food_processing", _("Food processing")
    STEEL = "steel", _("Steel")
    CEMENT = "cement", _("Cement")
    ALUMINIUM = "aluminium", _("Electrolytic aluminium")
    INDUSTRIAL_PARKS = "industrial_parks", _("Industrial parks")


class NotificationKind(models.TextChoices):
    ACCOUNT = "account", _("Account")
    INVITATION = "invitation", _("Invitation")
    REQUEST_FOR_INFORMATION = "rfi", _("Request for information")
    DECISION = "decision", _("Decision")
    COMMENT_WINDOW = "comment_window", _("Comment window")
    REPORT_DUE = "report_due", _("Performance report due")
    BLACKLIST = "blacklist", _("Blacklist notice")
    SYSTEM = "system", _("System")


class ClaimStatus(models.TextChoices):
    """Where a self-registration's claim to an enterprise's registration number stands."""

    PENDING = "pending", _("Waiting for email confirmation")
    REGISTERED = "registered", _("Registered")
    DISPUTED = "disputed", _("Number already registered: for staff to resolve")
    REJECTED = "rejected", _("Rejected")


class ArtefactState(models.TextChoices):
    """Where a rendered artefact (PDF) is in its life; moves live in ``portal.artefact_workflow``."""

    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
