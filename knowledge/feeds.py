"""Atom feed of newly published instruments (public records only)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from knowledge.selectors import instrument_list_public


class InstrumentFeed(Feed):
    feed_type = Atom1Feed
    title = _("Green Belt and Road Environmental Portal: legal instruments")
    subtitle = _("Laws, regulations and standards newly published in the knowledge base.")
    link = "/knowledge/instruments/"

    def items(self):
        return instrument_list_public().order_by("-published_at", "-id")[:50]

    def item_title(self, item):
        return str(item)

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
