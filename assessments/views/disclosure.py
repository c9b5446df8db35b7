"""The public disclosure register and a disclosed project's page, its snapshots, PDF, public
documents and comment attachments; commenting, confirming by the emailed link and reporting a
comment; feeds and open-data exports. No account is needed for any of it.

Thin adapters: the register reads through ``register_filter`` (the FilterSet the API and the
exports use too), writes go through ``services.comments``; ``ServiceErrorMixin`` turns typed
errors into pages (a flood gets 429 with the wait).
"""

import csv
import hashlib
import json

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from assessments.disclosure_forms import CommentForm, ReportForm
from assessments.selectors import disclosure as sel
from assessments.selectors.disclosure_report import KIND as PDF_KIND
from assessments.services import comments as services
from portal.artefact_views import artefact_download_response
from portal.artefacts import artefact_request
from portal.mixins import ServiceErrorMixin
from portal.throttle import client_address

PAGE_SIZE = 25


def _language() -> str:
    language = get_language() or "en"
    return language if language in dict(settings.LANGUAGES) else "en"


def _etagged(request, response: HttpResponse) -> HttpResponse:
    """A strong ETag over the body; a matching If-None-Match gets 304 without one."""
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        not_modified = HttpResponse(status=304)
        not_modified["ETag"] = etag
        return not_modified
    return response


class RegisterView(View):
    """/disclosure/: the filtered, searchable, sortable register with a map of the sites."""

    def get(self, request):
        filterset = sel.register_filter(params=request.GET)
        qs = filterset.qs if filterset.is_valid() else sel.register_entry_list_public().none()
        if "ordering" not in request.GET:
            qs = qs.order_by("-last_disclosed_at", "-id")
        page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        return render(
            request,
            "assessments/disclosure/register.html",
            {
                "filter": filterset,
                "page": page,
                "now": timezone.now(),
                "query": params.urlencode(),
                "map_url": reverse("disclosure:map") + ("?" + params.urlencode() if params else ""),
            },
        )


def _outlines(codes: set[str]) -> dict:
    """The host countries' outlines (shipped, simplified) so the markers have their place on a
    map that loads no tiles from outside."""
    from functools import lru_cache

    from shapely.geometry import mapping

    from knowledge.geo import country_geometry

    @lru_cache(maxsize=64)
    def outline(code: str):
        geom = country_geometry(code, detail="110m")
        return mapping(geom.simplify(0.05)) if geom is not None else None

    features = []
    for code in sorted(c for c in codes if c)[:40]:
        geometry = outline(code)
        if geometry is not None:
            features.append({"type": "Feature", "geometry": geometry, "properties": {"country": code}})
    return {"type": "FeatureCollection", "features": features}


class RegisterMapView(View):
    """The register's sites as GeoJSON points (same filters), for the map."""

    def get(self, request):
        points = sel.register_map_points(params=request.GET)
        data = {
            "outlines": _outlines({p["country"] for p in points}),
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                    "properties": {
                        "reference": p["reference"],
                        "name": p["name"],
                        "url": reverse("disclosure:project", args=[p["reference"]]),
                    },
                }
                for p in points
            ],
        }
        response = JsonResponse(data)
        response["Cache-Control"] = "public, max-age=60"
        return _etagged(request, response)


class DisclosedProjectMixin(ServiceErrorMixin):
    def dispatch(self, request, *args, **kwargs):
        self.entry = sel.register_entry_get_public(reference=kwargs["reference"])
        if self.entry is None:
            raise Http404(_("No disclosed project with this reference."))
        self.project = self.entry.project
        return super().dispatch(request, *args, **kwargs)

    def page_context(self, **extra) -> dict:
        project = self.project
        window = getattr(project, "comment_window", None)
        now = timezone.now()
        return {
            "entry": self.entry,
            "project": project,
            "d": self.entry.latest.for_language(_language()),
            "disclosure": self.entry.latest,
            "window": window,
            "window_open": window is not None and window.is_open(now),
            "window_closed": window is not None and window.has_closed(now),
            "window_upcoming": window is not None and window.not_yet_open(now),
            "comments": list(sel.comment_list_public(project=project)),
            "counts": sel.comment_counts_for_project(project=project),
            "timeline": list(sel.disclosure_list_for_project(project=project)),
            "form": extra.pop("form", None) or CommentForm(user=self.request.user),
            **extra,
        }

    def render_page(self, status=200, **extra):
        return render(self.request, "assessments/disclosure/project.html", self.page_context(**extra), status=status)

    def render_error(self, exc):
        return self.render_page(form=self.bound_form, error=exc.message)


class DisclosedProjectView(DisclosedProjectMixin, View):
    """/disclosure/<reference>/: the latest snapshot, the window, the comment record."""

    def get(self, request, reference):
        return self.render_page()


class CommentSubmitView(DisclosedProjectMixin, View):
    def get(self, request, reference):
        return redirect("disclosure:project", reference=reference)

    def post(self, request, reference):
        form = self.bound_form = CommentForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.render_page(form=form, status=400)
        data = form.cleaned_data
        comment, token = services.comment_submit(
            project=self.project,
            name=data["name"],
            email=data.get("email", ""),
            organisation_name=data["organisation_name"],
            country=data["country"],
            body=data["body"],
            attachments=data["attachments"],
            author=request.user,
            ip=client_address(request),
            language=_language(),
        )
        return render(
            request,
            "assessments/disclosure/comment_sent.html",
            {"project": self.project, "confirmed": not token},
            status=201,
        )


class CommentConfirmView(ServiceErrorMixin, View):
    """The emailed link: GET shows a button (mail scanners follow links), POST confirms."""

    def get(self, request, token):
        # A link that names no comment gets the same answer as the POST would, not a button that can only fail.
        if not sel.comment_token_known(token):
            raise Http404(_("This confirmation link is not valid."))
        return render(request, "assessments/disclosure/comment_confirm.html", {"token": token})

    def post(self, request, token):
        comment = services.comment_confirm(token=token)
        return render(
            request, "assessments/disclosure/comment_confirm.html", {"confirmed": True, "project": comment.project}
        )


class CommentReportView(DisclosedProjectMixin, View):
    def post(self, request, reference, number):
        comment = sel.comment_get_public(project=self.project, number=number)
        if comment is None:
            raise Http404
        form = ReportForm(request.POST)
        if not form.is_valid():
            return self.render_page(error=_("Say what is wrong with this comment."), status=400)
        key = (
            f"user:{request.user.pk}"
            if request.user.is_authenticated
            else ("ip:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:40])
        )
        services.comment_report(comment=comment, reporter_key=key, reason=form.cleaned_data["reason"])
        return self.render_page(notice=_("Thank you. A moderator has been told and will look at this comment."))


class SnapshotView(DisclosedProjectMixin, View):
    """One kept snapshot exactly as published, dated."""

    def get(self, request, reference, number):
        disclosure = sel.disclosure_get_public(project=self.project, number=number)
        if disclosure is None:
            raise Http404
        return render(
            request,
            "assessments/disclosure/snapshot.html",
            {
                "project": self.project,
                "disclosure": disclosure,
                "d": disclosure.for_language(_language()),
                "timeline": list(sel.disclosure_list_for_project(project=self.project)),
            },
        )


class DisclosurePdfView(DisclosedProjectMixin, View):
    """The latest snapshot and the comment record as a PDF, through the render pipeline."""

    def get(self, request, reference):
        language = request.GET.get("lang") or _language()
        if language not in dict(settings.LANGUAGES):
            raise Http404(_("No such language."))
        artefact = artefact_request(
            kind=PDF_KIND,
            subject=self.entry.latest,
            language=language,
            requested_by=request.user if request.user.is_authenticated else None,
        )
        # With tasks run in-process (the embedded default) the render has finished by now.
        artefact.refresh_from_db()
        if artefact.is_ready:
            response = artefact_download_response(artefact)
            response["Cache-Control"] = "public, max-age=300"
            return response
        response = render(
            request,
            "assessments/disclosure/pdf_pending.html",
            {"project": self.project, "artefact": artefact},
            status=202 if artefact.is_pending else 503,
        )
        response["Retry-After"] = "5"
        return response


def _download(file_field, name: str, mime: str) -> FileResponse:
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=name, content_type=mime)
    response["X-Content-Type-Options"] = "nosniff"
    # The portal's policy plus sandbox: a file opened in place runs no script and fetches nothing outside.
    response._csp_update = {"sandbox": True}
    return response


class PublicDocumentView(DisclosedProjectMixin, View):
    def get(self, request, reference, version_pk):
        version = sel.document_version_get_public(entry=self.entry, pk=version_pk)
        if version is None:
            raise Http404
        return _download(version.file, version.original_name, version.mime)


class AttachmentView(DisclosedProjectMixin, View):
    def get(self, request, reference, pk):
        attachment = sel.attachment_get_public(project=self.project, pk=pk)
        if attachment is None:
            raise Http404
        return _download(attachment.file, attachment.original_name, attachment.mime)


# --- open data -------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "reference",
    "name",
    "enterprise",
    "country",
    "sector",
    "category",
    "status",
    "first_disclosed_at",
    "last_disclosed_at",
    "window_opens_at",
    "window_closes_at",
    "published_comments",
    "unanswered_comments",
    "url",
)


def export_rows(qs):
    for e in qs:
        p = e.project
        window = getattr(p, "comment_window", None)
        yield {
            "reference": p.reference,
            "name": p.name,
            "enterprise": p.organisation.name,
            "country": p.host_country.iso2 if p.host_country else "",
            "sector": p.sector,
            "category": p.category,
            "status": p.status,
            "first_disclosed_at": e.first_disclosed_at.isoformat(),
            "last_disclosed_at": e.last_disclosed_at.isoformat(),
            "window_opens_at": window.opens_at.isoformat() if window else "",
            "window_closes_at": window.closes_at.isoformat() if window else "",
            "published_comments": e.published_count,
            "unanswered_comments": e.unanswered_count,
            "url": settings.SITE_URL + reverse("disclosure:project", args=[p.reference]),
        }


# The exports are the whole filtered register; past this, use the paginated API.
EXPORT_MAX_ROWS = 10_000


class RegisterExportView(View):
    def get(self, request, fmt):
        filterset = sel.register_filter(params=request.GET)
        if not filterset.is_valid():
            return JsonResponse({"detail": _("Check the filters."), "errors": filterset.errors}, status=400)
        qs = filterset.qs.order_by("-last_disclosed_at", "-id")[:EXPORT_MAX_ROWS]
        rows = list(export_rows(qs))
        if fmt == "json":
            response = HttpResponse(
                json.dumps({"count": len(rows), "results": rows}, ensure_ascii=False), content_type="application/json"
            )
        else:
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="disclosure-register.csv"'
            writer = csv.DictWriter(response, fieldnames=EXPORT_FIELDS)
            writer.writeheader()
            for row in rows:
                # A leading = + - @ would run as a formula in a spreadsheet.
                writer.writerow({k: ("'" + v if isinstance(v, str) and v[:1] in "=+-@" else v) for k, v in row.items()})
        response["Cache-Control"] = "public, max-age=60"
        return _etagged(request, response)


class _DisclosureFeed(Feed):
    feed_type = Atom1Feed
    feed_name = "disclosure:feed"

    # Links are absolute on the configured SITE_URL, not on the Sites framework's domain.
    def link(self):
        return settings.SITE_URL + reverse("disclosure:register")

    def feed_url(self):
        return settings.SITE_URL + reverse(self.feed_name)

    def item_link(self, item):
        return settings.SITE_URL + reverse("disclosure:snapshot", args=[item.project.reference, item.number])

    def item_pubdate(self, item):
        return item.published_at

    def item_title(self, item):
        return f"{item.project.reference}: {item.project.name} ({item.get_kind_display()})"

    def item_description(self, item):
        return item.for_language(_language()).get("project", {}).get("description", "")[:500]


class DisclosureFeed(_DisclosureFeed):
    title = gettext_lazy("Green Belt and Road Environmental Portal: new disclosures")
    subtitle = gettext_lazy("Projects disclosed for public consultation, decisions and public notices.")

    def items(self):
        return sel.disclosure_list_recent()[:50]


class DecisionFeed(_DisclosureFeed):
    feed_name = "disclosure:feed-decisions"
    title = gettext_lazy("Green Belt and Road Environmental Portal: decisions")
    subtitle = gettext_lazy("Decisions on disclosed projects, with their conditions.")

    def items(self):
        return sel.disclosure_list_recent(kinds=("decision", "notice"))[:50]


class WindowFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Green Belt and Road Environmental Portal: comment windows opening")
    subtitle = gettext_lazy("Public comment windows on projects, with their closing dates.")

    def link(self):
        return settings.SITE_URL + reverse("disclosure:register") + "?window=open"

    def feed_url(self):
        return settings.SITE_URL + reverse("disclosure:feed-windows")

    def items(self):
        return sel.window_list_recent()[:50]

    def item_link(self, item):
        return settings.SITE_URL + reverse("disclosure:project", args=[item.project.reference])

    def item_pubdate(self, item):
        return item.opens_at

    def item_title(self, item):
        return _("Comments open on %(ref)s: %(name)s") % {"ref": item.project.reference, "name": item.project.name}

    def item_description(self, item):
        return _("Comments accepted from %(opens)s until %(closes)s (%(zone)s).") % {
            "opens": timezone.localtime(item.opens_at, item.zone).strftime("%Y-%m-%d %H:%M"),
            "closes": timezone.localtime(item.closes_at, item.zone).strftime("%Y-%m-%d %H:%M"),
            "zone": item.time_zone,
        }
