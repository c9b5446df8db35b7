"""Atom feed of newly published instruments (public records only)."""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from knowledge.selectors import instrument_list_public


def _date_of(partial: str) -> datetime | None:
    """ "2014", "2014-04" or "2014-04-24" as midnight UTC of its first day."""
    if not partial:
        return None
    parts = [int(p) for p in partial.split("-")] + [1, 1]
    return datetime(parts[0], parts[1], parts[2], tzinfo=UTC)


class InstrumentFeed(Feed):
    feed_type = Atom1Feed
    title = _("Green Belt and Road Environmental Portal: legal instruments")
    subtitle = _("Laws, regulations and standards newly published in the knowledge base.")

    # Links are absolute on the configured SITE_URL, not on the Sites framework's domain.
    def link(self):
        return settings.SITE_URL + reverse("knowledge:instrument-list")

    def feed_url(self):
        return settings.SITE_URL + reverse("knowledge:instrument-feed")

    def items(self):
        return instrument_list_public().order_by("-published_at", "-id")[:50]

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        # The instrument's own publication (adoption) date; the portal's first-publication time
        # is the import time for the shipped data and says nothing about the law.
        return _date_of(item.adopted) or _date_of(item.in_force) or item.published_at

    def item_updateddate(self, item):
        return item.updated_at
