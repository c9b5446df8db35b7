"""Enumerations of project assessment."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProjectStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    INFO_REQUESTED = "info_requested", _("Information requested")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Category(models.TextChoices):
    A = "A", _("Category A: significant impact, full EIA with public consultation")
    B = "B", _("Category B: limited impact, simplified assessment")
    C = "C", _("Category C: minimal impact, fast-track registration")


CATEGORY_ORDER = {"C": 0, "B": 1, "A": 2}


class Light(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


LIGHT_ORDER = {"green": 0, "yellow": 1, "red": 2}


class LightDimension(models.TextChoices):
    POLLUTION = "pollution", _("Pollution")
    BIODIVERSITY = "biodiversity", _("Biodiversity")
    CLIMATE = "climate", _("Climate")


class RuleKind(models.TextChoices):
    SECTOR = "sector", _("Sector baseline")
    QUESTION = "question", _("Questionnaire answer")
    CAPACITY = "capacity", _("Capacity threshold")
    COUNTRY = "country", _("Country risk profile")
    SITE = "site", _("Site screening")


class Operator(models.TextChoices):
    YES = "yes", _("answer is yes")
    GTE = "gte", _("at least")
    GT = "gt", _("more than")
    INSIDE = "inside", _("site inside")
    BUFFER = "buffer", _("site within buffer")
    LEVEL_GTE = "level_gte", _("country level at least")
    ALWAYS = "always", _("always (sector baseline)")


class SiteRelation(models.TextChoices):
    INSIDE = "inside", _("inside")
    BUFFER = "buffer", _("within buffer")
    OUTSIDE = "outside", _("outside")


class Phase(models.TextChoices):
    DESIGN = "design", _("Design")
    CONSTRUCTION = "construction", _("Construction")
    OPERATION = "operation", _("Operation")
    CLOSURE = "closure", _("Closure")


class MeasureResponse(models.TextChoices):
    PENDING = "pending", _("Awaiting the enterprise's answer")
    ACCEPTED = "accepted", _("Accepted")
    ALTERNATIVE = "alternative", _("Alternative proposed")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class DocumentKind(models.TextChoices):
    EIA_REPORT = "eia_report", _("EIA report")
    SIMPLIFIED = "simplified_assessment", _("Simplified assessment")
    MANAGEMENT_PLAN = "management_plan", _("Environmental and social management plan")
    PERMIT = "permit", _("Permit")
    MONITORING = "monitoring", _("Monitoring data")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    ORGANISATION = "organisation", _("My organisation only")
    REGULATORS = "regulators", _("Regulators")
    PUBLIC = "public", _("Public after the decision")


class SensitiveAreaType(models.TextChoices):
    PROTECTED_AREA = "protected_area", _("Protected area")
    KEY_BIODIVERSITY_AREA = "key_biodiversity_area", _("Key biodiversity area")
    DRINKING_WATER_SOURCE = "drinking_water_source", _("Drinking-water source zone")
    HERITAGE_SITE = "heritage_site", _("Cultural or natural heritage site")
    WETLAND = "wetland", _("Wetland")


class CapacityUnit(models.TextChoices):
    MW = "MW", _("MW (electrical)")
    MWTH = "MWth", _("MW (thermal)")
    KV_KM = "kV_km", _("kV line, km")
    KM = "km", _("km")
    TPA = "t_per_year", _("tonnes per year")
    TPD = "t_per_day", _("tonnes per day")
    TEU = "TEU_per_year", _("TEU per year")
    M3D = "m3_per_day", _("m³ per day")
    HA = "ha", _("hectares")
    BBL = "bbl_per_day", _("barrels per day")


class RequestStatus(models.TextChoices):
    """A request for information to the enterprise (moves in ``workflow.INFORMATION_REQUEST``)."""

    OPEN = "open", _("Open")
    OVERDUE = "overdue", _("Overdue")
    ANSWERED = "answered", _("Answered")
    SUPERSEDED = "superseded", _("Answered by a revised submission")
    WITHDRAWN = "withdrawn", _("Withdrawn by the regulator")


class DecisionOutcome(models.TextChoices):
    """What a lead reviewer decides; each is also the project status it moves to."""

    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_conditions", _("Approved with conditions")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    REJECTED = "rejected", _("Rejected")


class Recurrence(models.TextChoices):
    NONE = "", _("Once, by the due date")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class NoteKind(models.TextChoices):
    NOTE = "note", _("Internal note")
    RECOMMENDATION = "recommendation", _("Recommendation")


# --- Blacklist, barometer, green credit (issue 15) ------------------------------------------


class BlacklistGround(models.TextChoices):
    """The grounds on which a regulator may open a blacklist case (policy paper 3.4.2)."""

    MAJOR_INCIDENT = "major_incident", _("Major environmental incident")
    FALSIFIED_DATA = "falsified_data", _("Falsified data")
    NO_APPROVAL = "no_approval", _("Operating without approval")
    REPEATED_RED = "repeated_red", _("Repeated red ratings")


class BlacklistCaseStatus(models.TextChoices):
    AWAITING_RESPONSE = "awaiting_response", _("Awaiting the enterprise's response")
    AWAITING_DECISION = "awaiting_decision", _("Awaiting decision")
    LISTED = "listed", _("Listed")
    DISMISSED = "dismissed", _("Dismissed")
    APPEALED = "appealed", _("Under appeal")
    UPHELD = "upheld", _("Listing upheld on appeal")
    LIFTED_ON_APPEAL = "lifted_on_appeal", _("Lifted on appeal")
    ENDED = "ended", _("Listing period ended")


class RatingColour(models.TextChoices):
    """The barometer's four colours, best first, after China's enterprise environmental credit
    evaluation (green: trustworthy, blue: good, yellow: warning, red: poor)."""

    GREEN = "green", _("Green")
    BLUE = "blue", _("Blue")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class IncidentSeverity(models.TextChoices):
    MINOR = "minor", _("Minor")
    SERIOUS = "serious", _("Serious")
    MAJOR = "major", _("Major")


class RedGround(models.TextChoices):
    """Findings that turn a rating red at once, whatever else the record shows."""

    BUILDING_WITHOUT_APPROVAL = "building_without_approval", _("Building or operating without approval")
    ILLEGAL_DISCHARGE = "illegal_discharge", _("Deliberate illegal discharge")


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


# --- Disclosure and participation (issue 14) --------------------------------------------------


class DisclosureKind(models.TextChoices):
    """Why a snapshot was published: consultation opened (A, B), a decision (A, B), or the
    short public notice of a category C decision."""

    CONSULTATION = "consultation", _("Public consultation opened")
    DECISION = "decision", _("Decision")
    NOTICE = "notice", _("Public notice of a decision")


class DayBasis(models.TextChoices):
    CALENDAR = "calendar", _("Calendar days")
    WORKING = "working", _("Working days (weekends and public holidays of the host country not counted)")


class WindowStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Not yet open")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed")


class CommentStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", _("Waiting for email confirmation")
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden for review after reports")
    REJECTED = "rejected", _("Rejected by the moderator")


class AnswerVerdict(models.TextChoices):
    ADOPTED = "adopted", pgettext_lazy("answer to a public comment", "Adopted")
    PARTLY_ADOPTED = "partly_adopted", _("Partly adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


# --- Performance reports, performance review and change alerts (issue 15.1–15.3) -----------------


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Not yet filed")
    SUBMITTED = "submitted", _("Filed")
    REVIEWED = "reviewed", _("Reviewed by the regulator")


class ReportFrequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class IncidentKind(models.TextChoices):
    SPILL = "spill", _("Spill or leak")
    AIR_RELEASE = "air_release", _("Uncontrolled air release")
    DISCHARGE = "discharge", _("Abnormal discharge to water")
    FIRE = "fire", _("Fire or explosion")
    WASTE = "waste", _("Waste mismanagement")
    WILDLIFE = "wildlife", _("Harm to wildlife or habitat")
    COMMUNITY = "community", _("Harm to the community")
    OTHER = "other", _("Other")


class ItemStatus(models.TextChoices):
    """Where a control measure or a decision condition stands in a report period."""

    DONE = "done", _("Implemented or fulfilled")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")
    NOT_APPLICABLE = "not_applicable", _("Not applicable this period")


class CheckVerdict(models.TextChoices):
    PASS = "pass", _("Within the limit")
    EXCEEDED = "exceeded", _("Limit exceeded")
    CANNOT_JUDGE = "cannot_judge", _("Cannot be judged")
    NO_LIMIT = "no_limit", _("No applicable limit")


class FindingVerdict(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_ASSESSED = "not_assessed", _("Not assessed this period")


class PerformanceReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Findings being recorded")
    CONCLUDED = "concluded", _("Concluded")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class ChangeKind(models.TextChoices):
    AMENDED = "amended", _("Instrument amended")
    REPEALED = "repealed", _("Instrument repealed")
    LIMIT_CHANGED = "limit_changed", _("Limit value or applicability changed")
    LIMIT_REMOVED = "limit_removed", _("Limit removed")
