"""Sitemap entries of the disclosure register: the register and every disclosed project page,
absolute on ``SITE_URL`` (not on the Sites framework's placeholder domain)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from assessments.selectors.disclosure import register_entry_list_public


class _OnSiteUrl(Sitemap):
    limit = 5000

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"


class DisclosureRegisterSitemap(_OnSiteUrl):
    changefreq = "daily"

    def items(self):
        return ["disclosure:register"]

    def location(self, item):
        return reverse(item)


class DisclosedProjectSitemap(_OnSiteUrl):
    changefreq = "daily"

    def items(self):
        return register_entry_list_public().order_by("-last_disclosed_at", "-id")

    def location(self, item):
        return reverse("disclosure:project", args=[item.project.reference])

    def lastmod(self, item):
        return item.last_disclosed_at


class ComplianceSitemap(_OnSiteUrl):
    """The public compliance page of every approved project (issue 15.1)."""

    changefreq = "weekly"

    def items(self):
        from assessments.selectors.reports import compliance_project_list_all_public

        return compliance_project_list_all_public()

    def location(self, item):
        return reverse("barometer:compliance", args=[item.organisation_id, item.reference])


SITEMAPS = {
    "disclosure": DisclosureRegisterSitemap,
    "disclosed-projects": DisclosedProjectSitemap,
    "compliance": ComplianceSitemap,
}
