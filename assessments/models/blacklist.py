"""Blacklisting of enterprises (the due-process workflow comes with the blacklist issue)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.text import TEXT_MAX_LENGTH


class BlacklistEntry(models.Model):
    """An enterprise's blacklisting. The due-process workflow comes with the blacklist issue;
    the submission check (``assessments.selectors.blacklist_entry_active_for``) is defined now."""

    organisation = models.ForeignKey("portal.Organisation", on_delete=models.PROTECT, related_name="blacklist_entries")
    reason = models.TextField(_("reason"), max_length=TEXT_MAX_LENGTH)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("blacklist entry")
        verbose_name_plural = _("blacklist entries")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return f"{self.organisation} from {self.starts_on}"
