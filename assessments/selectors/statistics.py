"""Public statistics (issue 14.5, the policy paper's decision-support platform, 3.5.3).

Every figure is an aggregate query (``values().annotate()``), so a chart costs the same number
of queries with ten projects or a million; nothing loops over project rows in Python.

Only public-safe facts are counted. A project enters the statistics when it has been submitted
for review (``submitted_at`` is set, and a submitted project never returns to draft): drafts are
an enterprise's private work and are never counted, not even as a number. Only single-dimension
counts are published (projects by country, or by sector, never by country × sector × enterprise)
so that no figure singles out one enterprise's unpublished project.

Labels are the choices' translated labels and the countries' translated names, read in the
active language; raw enumeration values never reach a page or a CSV.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.utils import build_localized_fieldname

from assessments.choices import Category, DecisionOutcome, ProjectStatus
from assessments.models import Decision, Project, Review, ReviewPeriod
from knowledge.models import Country
from portal.choices import Sector

# Statuses the public may count: submitted and beyond. DRAFT is never counted.
PUBLIC_STATUSES = tuple(s for s in ProjectStatus if s != ProjectStatus.DRAFT)


@dataclass
class Row:
    """One line of a chart's table: a translated label and its figures (``None`` = no value)."""

    label: str
    values: list
    # Optional service standard drawn as a marker on the bar (review durations).
    target: float | None = None


@dataclass
class Chart:
    """A chart and its data table: the table is the chart's accessible equivalent and the CSV
    download is the same table, cell for cell."""

    slug: str
    title: str
    description: str
    label_heading: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    # Which of ``values`` the bars draw (the others are in the table only).
    bar_column: int = 0
    unit: str = ""
    note: str = ""

    @property
    def total(self):
        return sum(r.values[self.bar_column] or 0 for r in self.rows)

    @property
    def header(self) -> list[str]:
        return [self.label_heading, *self.columns]

    def table(self) -> list[list]:
        """The rows as cells, label first: what the page's table and the CSV both print."""
        return [[row.label, *row.values] for row in self.rows]


def _counted(prefix: str = "") -> Q:
    """The projects the public statistics count (submitted at some time, never a draft), as a
    condition on ``prefix`` (``"project__"`` from a related table: a join, not a sub-query)."""
    return Q(**{f"{prefix}submitted_at__isnull": False, f"{prefix}status__in": PUBLIC_STATUSES})


def project_list_counted_public() -> QuerySet[Project]:
    """Projects the public statistics count: submitted at some time, never a draft."""
    return Project.objects.filter(_counted())


def _counts(field_name: str) -> dict:
    return {
        row[field_name]: row["n"]
        for row in project_list_counted_public().order_by().values(field_name).annotate(n=Count("id"))
    }


def _by_status() -> Chart:
    counts = _counts("status")
    return Chart(
        slug="status",
        title=_("Projects by status"),
        description=_("Submitted projects by where they stand in review now."),
        label_heading=_("Status"),
        columns=[_("Projects")],
        # Every public status is listed, with zero where there is none, in the order of review.
        rows=[Row(str(s.label), [counts.get(s.value, 0)]) for s in PUBLIC_STATUSES],
    )


def _by_category() -> Chart:
    counts = _counts("category")
    rows = [Row(str(c.label), [counts.get(c.value, 0)]) for c in Category]
    if counts.get(""):
        rows.append(Row(_("Not yet screened"), [counts[""]]))
    return Chart(
        slug="category",
        title=_("Projects by screening category"),
        description=_("Submitted projects by the category their screening gave them (A, B or C)."),
        label_heading=_("Category"),
        columns=[_("Projects")],
        rows=rows,
    )


def _by_sector() -> Chart:
    counts = _counts("sector")
    labels = dict(Sector.choices)
    rows = [
        Row(str(labels[key]) if key in labels else _("Sector not given"), [n])
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], str(labels.get(kv[0], ""))))
    ]
    return Chart(
        slug="sector",
        title=_("Projects by sector"),
        description=_("Submitted projects by the sector of the investment, most projects first."),
        label_heading=_("Sector"),
        columns=[_("Projects")],
        rows=rows,
    )


def _by_country() -> Chart:
    counts = _counts("host_country_id")
    # One query for the names, in the reader's language (django-modeltranslation falls back to
    # English): the country table is small, the project table is not.
    name_fields = [build_localized_fieldname("name", code) for code, _label in settings.LANGUAGES]
    countries = Country.objects.filter(pk__in=[k for k in counts if k is not None]).only("id", *name_fields)
    names = {c.pk: c.name for c in countries}
    rows = [
        Row(names.get(key) or _("Country not given"), [n])
        for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], names.get(kv[0]) or ""))
    ]
    return Chart(
        slug="country",
        title=_("Projects by host country"),
        description=_("Submitted projects by the country that hosts the investment, most projects first."),
        label_heading=_("Host country"),
        columns=[_("Projects")],
        rows=rows,
    )


def _by_outcome() -> Chart:
    counts = {
        row["outcome"]: row["n"]
        for row in Decision.objects.filter(_counted("project__")).order_by().values("outcome").annotate(n=Count("id"))
    }
    return Chart(
        slug="outcome",
        title=_("Review decisions by outcome"),
        description=_(
            "Every decision a lead reviewer recorded, by outcome. A project whose revision was "
            "requested and which was then decided again counts once for each decision."
        ),
        label_heading=_("Decision"),
        columns=[_("Decisions")],
        rows=[Row(str(o.label), [counts.get(o.value, 0)]) for o in DecisionOutcome],
    )


def _review_durations() -> Chart:
    now = timezone.now()
    decided = Q(closed_at__isnull=False)
    # The regulator's time: from the start of review to the decision, less the time the
    # enterprise held the file (the same rule as the review clock, Review.days_in_review).
    held = ExpressionWrapper(F("closed_at") - F("started_at") - F("paused"), output_field=DurationField())
    rows_by_category = {
        row["project__category"]: row
        for row in Review.objects.filter(_counted("project__"))
        .order_by()
        .values("project__category")
        .annotate(
            decided=Count("id", filter=decided),
            within=Count("id", filter=decided & Q(closed_at__lte=F("due_at"))),
            late=Count("id", filter=decided & Q(closed_at__gt=F("due_at"))),
            average=Avg(held, filter=decided),
            open=Count("id", filter=Q(closed_at__isnull=True)),
            # A paused review is the enterprise's turn; only a running clock can be overdue.
            overdue=Count("id", filter=Q(closed_at__isnull=True, paused_since__isnull=True, due_at__lt=now)),
        )
    }
    standards = dict(ReviewPeriod.objects.values_list("category", "days"))
    rows = []
    for category in Category:
        found = rows_by_category.get(category.value, {})
        average = found.get("average")
        if isinstance(average, int | float):  # SQLite answers microseconds, PostgreSQL an interval
            average = timedelta(microseconds=average)
        days = round(average.total_seconds() / 86400, 1) if average is not None else None
        standard = standards.get(category.value)
        rows.append(
            Row(
                str(category.label),
                [
                    standard,
                    found.get("decided", 0),
                    days,
                    found.get("within", 0),
                    found.get("late", 0),
                    found.get("open", 0),
                    found.get("overdue", 0),
                ],
                target=standard,
            )
        )
    return Chart(
        slug="review-durations",
        title=_("Review durations against the service standard"),
        description=_(
            "For each category, the average number of days the regulator took to decide, beside "
            "the published review period (the marker), and how many decisions came within it. "
            "Time the enterprise held the file (answering a request for information or revising "
            "its submission) is not counted, as on the review clock."
        ),
        label_heading=_("Category"),
        columns=[
            _("Service standard (days)"),
            _("Decided"),
            _("Average days to decision"),
            _("Decided within the standard"),
            _("Decided late"),
            _("In review now"),
            _("Overdue now"),
        ],
        rows=rows,
        bar_column=2,
        unit=gettext_lazy("days"),
    )


# The charts of /statistics/ in page order; each builder runs a fixed number of aggregate
# queries. ---- Place reserved for the disclosure area (issue 14.3): comment activity and the
# enterprise's answer rate join here as one more builder (counts of published comments and of
# answered ones per disclosed project category), computed from the comment models once they
# exist. The page promises nothing about comments until then.
CHART_BUILDERS: dict[str, Callable[[], Chart]] = {
    "status": _by_status,
    "category": _by_category,
    "country": _by_country,
    "sector": _by_sector,
    "outcome": _by_outcome,
    "review-durations": _review_durations,
}


def statistics_public() -> list[Chart]:
    """Every public chart, in page order."""
    return [build() for build in CHART_BUILDERS.values()]


def statistics_chart_public(slug: str) -> Chart | None:
    """One chart by its slug (the CSV download), or None for an unknown slug (the view's 404)."""
    build = CHART_BUILDERS.get(slug)
    return build() if build else None
