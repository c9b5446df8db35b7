"""Accounts, organisations, memberships, invitations, the in-app inbox and the audit trail."""

import secrets
from datetime import timedelta

import pycountry
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.choices import ArtefactState, ClaimStatus, NotificationKind, OrganisationKind, Role, Sector
from portal.text import TEXT_MAX_LENGTH


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 codes and English names, from pycountry (not typed by hand)."""
    return sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda c: c[1])


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with an email address; belongs to organisations through memberships."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(models.Model):
    """An enterprise, authority, NGO, financial institution or the editorial team."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("legal name"), max_length=255)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    home_country = models.CharField(_("home country"), max_length=2, choices=country_choices, blank=True)
    main_sectors = models.JSONField(_("main sectors"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "home_country", "registration_number"],
                condition=~models.Q(registration_number=""),
                name="portal_organisation_unique_registration",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:organisation-detail")

    @property
    def sector_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels.get(code, code)) for code in self.main_sectors]


class Jurisdiction(models.Model):
    """One host country (and optionally one sector) an authority is competent for.

    An empty sector means every sector in that country.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="jurisdictions")
    country = models.CharField(_("country"), max_length=2, choices=country_choices)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, blank=True)

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "country", "sector"],
                name="portal_jurisdiction_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.country}/{self.sector or '*'}"


class Membership(models.Model):
    """A user's role in an organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="portal_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """An invitation, sent by email, to join an organisation with a role."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="portal_invitation_one_open_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"

    def get_absolute_url(self) -> str:
        return reverse("portal:invitation-accept", args=[self.token])

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


class Notification(models.Model):
    """One entry of a user's in-app inbox; every notification a user gets is recorded here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("message"), blank=True, max_length=TEXT_MAX_LENGTH)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="portal_notif_user_unread")]

    def __str__(self) -> str:
        return self.title


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit trail is append-only.")

    def delete(self):
        raise TypeError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """One entry of the append-only audit trail: who did what to which object, when and why.

    Written by ``portal.audit.audit_log`` inside the same transaction as the change it records.
    Rows are never updated or deleted (enforced here and, on PostgreSQL, by a trigger).
    """

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_repr = models.CharField(max_length=255, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_repr = models.CharField(max_length=255, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True, max_length=TEXT_MAX_LENGTH)
    # The hash chain (``portal.audit``): the event's place in the trail, the hash of the event
    # before it and its own hash over every field above and those two. ``audit_verify`` finds
    # an edited, removed or reordered event by recomputing them.
    sequence = models.PositiveBigIntegerField(null=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="portal_audit_target")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit trail is append-only.")


class AuditChain(models.Model):
    """The head of the audit trail's hash chain: one row, locked by every ``audit_log`` so
    that events are chained one after the other, and holding the length and last hash so that
    removing the newest events is found too (nothing after them would notice)."""

    length = models.PositiveBigIntegerField(default=0)
    head_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("audit chain head")
        verbose_name_plural = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.length} events, head {self.head_hash[:12]}"


class OutboxMessage(models.Model):
    """A Celery task to send once its transaction commits, kept until the broker took it.

    Written by ``portal.outbox.enqueue_on_commit`` in the same transaction as the change that
    needs the task, so a broker outage can delay the task but never lose it: the periodic
    sweep (``outbox_sweep_task``) sends what is still pending. Tasks are idempotent, so a
    message sent twice (sent, then the "sent" mark lost) does no harm.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    # Where to send it when not the task's own queue (renders: ARTEFACT_RENDER_QUEUE).
    queue = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(sent_at__isnull=True), name="portal_outbox_pending")
        ]

    def __str__(self) -> str:
        return f"{self.task_name} ({'sent' if self.sent_at else 'pending'})"


class EnterpriseClaim(models.Model):
    """A sign-up's claim to register an enterprise, held until the email is confirmed.

    An unconfirmed sign-up reserves nothing: the ``Organisation`` (and with it the unique
    registration number) is created only when the claimant confirms their email. If someone
    else registered the number first, the claim waits as *disputed* for portal staff, who
    register it for the claimant (once the number is free) or reject it in the admin.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enterprise_claims")
    name = models.CharField(_("legal name"), max_length=255)
    registration_number = models.CharField(_("registration number"), max_length=100)
    home_country = models.CharField(_("home country"), max_length=2, choices=country_choices)
    main_sectors = models.JSONField(_("main sectors"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    note = models.TextField(_("note"), blank=True, max_length=TEXT_MAX_LENGTH)

    class Meta:
        verbose_name = _("enterprise claim")
        verbose_name_plural = _("enterprise claims")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="portal_claim_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.home_country} {self.registration_number}) — {self.user}"


class Artefact(models.Model):
    """One rendered document (a PDF) of one subject, in one language, from one set of inputs.

    ``inputs`` is the canonical JSON of everything the template reads and ``inputs_hash`` its
    SHA-256: the same inputs are the same artefact (a named constraint), a change is the next
    ``version`` and the earlier ones stay. Rows and files are never overwritten or deleted; the
    state moves through ``portal.artefact_workflow`` in ``portal.artefacts`` only.
    """

    kind = models.CharField(_("kind"), max_length=50)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=64)
    subject = GenericForeignKey("subject_type", "subject_id")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    inputs_hash = models.CharField(_("inputs SHA-256"), max_length=64)
    inputs = models.JSONField(_("inputs"), default=dict)
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=ArtefactState.choices, default=ArtefactState.QUEUED)
    failure_reason = models.TextField(_("why it failed"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    file = models.FileField(_("file"), upload_to="artefacts/", max_length=300, blank=True)
    sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("artefact")
        verbose_name_plural = _("artefacts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "language", "inputs_hash"],
                name="portal_artefact_one_per_inputs",
            ),
            models.UniqueConstraint(
                fields=["kind", "subject_type", "subject_id", "language", "version"],
                name="portal_artefact_unique_version",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="ready") | (~models.Q(file="") & ~models.Q(sha256="")),
                name="portal_artefact_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["state", "started_at"], name="portal_artefact_state")]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_id} {self.language} v{self.version}"

    @property
    def is_ready(self) -> bool:
        return self.state == ArtefactState.READY

    @property
    def is_pending(self) -> bool:
        return self.state in (ArtefactState.QUEUED, ArtefactState.RENDERING)
