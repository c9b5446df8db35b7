"""Public disclosure: dated snapshots of what the public saw, the register row of each disclosed
project, and the comment window with its legal clock.

A ``Disclosure`` is a legal record: it never changes once written and is never deleted. The
register row (``RegisterEntry``) is derived from the latest snapshot so the public list filters,
searches and sorts in SQL on one row per project.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.choices import DayBasis, DisclosureKind, WindowStatus


class Disclosure(models.Model):
    """One publication of a project: the snapshot (in every interface language) as the public
    saw it from ``published_at`` on. Numbered per project; kept for good."""

    project = models.ForeignKey("assessments.Project", on_delete=models.PROTECT, related_name="disclosures")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=14, choices=DisclosureKind.choices)
    # {"en": {...}, "zh-hans": {...}, "ru": {...}, "ar": {...}}: labels already in each language.
    snapshot = models.JSONField(_("snapshot"))
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["project", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="assessments_disclosure_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project.reference} #{self.number} ({self.kind})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("A disclosure never changes once published.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("disclosure:snapshot", args=[self.project.reference, self.number])

    def for_language(self, language: str) -> dict:
        return self.snapshot.get(language) or self.snapshot.get("en") or {}


class RegisterEntry(models.Model):
    """The public register's row of one disclosed project (derived; rebuilt at each disclosure)."""

    project = models.OneToOneField("assessments.Project", on_delete=models.PROTECT, related_name="register_entry")
    latest = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="+")
    first_disclosed_at = models.DateTimeField(_("first disclosed"), db_index=True)
    last_disclosed_at = models.DateTimeField(_("last disclosed"), db_index=True)
    # Every language's text of the latest snapshot and the public documents' extracted text;
    # Chinese pre-segmented (jieba) as the knowledge search does.
    search_text = models.TextField(blank=True)
    # PostgreSQL only (SQLite stores nothing here).
    search_vector = SearchVectorField(null=True, editable=False)
    # Centre of the site for the register's map (None without a site).
    lon = models.FloatField(null=True, blank=True)
    lat = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        ordering = ["-last_disclosed_at", "-id"]
        # The register's default order, ties included, read from the index: a page of 25 stops
        # after 25 rows whatever the register's size.
        indexes = [models.Index(fields=["-last_disclosed_at", "-id"], name="assessments_register_recent")]

    def __str__(self) -> str:
        return str(self.project.reference)

    def get_absolute_url(self) -> str:
        return reverse("disclosure:project", args=[self.project.reference])


class CommentWindow(models.Model):
    """The public comment window of one project: two instants set by the regulator.

    The window accepts a comment when ``opens_at <= now <= closes_at`` (both inclusive); every
    write checks the instants, the status (moved by the periodic job) only drives lists, feeds
    and notifications. ``days``/``day_basis`` record how the closing instant was counted, in
    ``time_zone`` (the host country's), on the host country's public holidays.
    """

    project = models.OneToOneField("assessments.Project", on_delete=models.PROTECT, related_name="comment_window")
    opens_at = models.DateTimeField(_("opens"), db_index=True)
    closes_at = models.DateTimeField(_("closes"), db_index=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    days = models.PositiveSmallIntegerField(_("length (days)"), null=True, blank=True)
    day_basis = models.CharField(_("counted in"), max_length=10, choices=DayBasis.choices, default=DayBasis.CALENDAR)
    # The public holidays the count skipped ({"2027-03-22": "Nauryz"}), shown beside the dates.
    skipped_holidays = models.JSONField(_("public holidays skipped"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WindowStatus.choices, default=WindowStatus.SCHEDULED, db_index=True
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    opened_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment window")
        verbose_name_plural = _("comment windows")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="assessments_commentwindow_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.reference}: {self.opens_at:%Y-%m-%d} – {self.closes_at:%Y-%m-%d}"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now <= self.closes_at

    def has_closed(self, now=None) -> bool:
        return (now or timezone.now()) > self.closes_at

    def not_yet_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.opens_at
