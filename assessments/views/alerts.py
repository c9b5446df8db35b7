"""Public alert pages: subscribe, confirm (a button, so a mail scanner opening the link confirms
nothing), the personal Atom feed, and unsubscribe (one click from the email, RFC 8058)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from assessments.alert_forms import AlertForm
from assessments.selectors import alerts as sel
from assessments.services import alerts as services
from portal.errors import NotFoundError
from portal.mixins import ServiceErrorMixin
from portal.throttle import throttle_wait


class AlertSubscribeView(ServiceErrorMixin, View):
    template = "assessments/alerts/subscribe.html"

    def get(self, request):
        return render(request, self.template, {"form": AlertForm()})

    def render_error(self, exc):
        return render(self.request, self.template, {"form": self.bound_form})

    def post(self, request):
        form = self.bound_form = AlertForm(request.POST)
        wait = throttle_wait(request, scope="alerts", rate=settings.ALERT_SUBSCRIBE_RATE)
        if wait:
            form.add_error(
                None,
                _("Too many subscriptions from your address. Please try again in %(n)s minutes.")
                % {"n": max(1, wait // 60)},
            )
            response = render(request, self.template, {"form": form}, status=429)
            response["Retry-After"] = str(wait)
            return response
        if not form.is_valid():
            return render(request, self.template, {"form": form}, status=400)
        subscription = services.alert_subscribe(language=get_language(), **form.cleaned_data)
        return render(request, "assessments/alerts/check_email.html", {"email": subscription.email})


class AlertConfirmView(ServiceErrorMixin, View):
    def get(self, request, token):
        subscription = sel.alert_get_by_token(token=token)
        if subscription is None:
            raise NotFoundError(_("This link is not valid. It may have been mistyped or already used to unsubscribe."))
        return render(request, "assessments/alerts/confirm.html", {"subscription": subscription})

    def post(self, request, token):
        services.alert_confirm(token=token)
        return redirect("alerts:manage", token=token)


class AlertManageView(ServiceErrorMixin, View):
    """What the subscriber follows, the personal feed and the way out; reached by the secret link."""

    def get(self, request, token):
        subscription = sel.alert_get_by_token(token=token)
        if subscription is None:
            raise NotFoundError(_("This link is not valid. It may have been mistyped or already used to unsubscribe."))
        return render(request, "assessments/alerts/manage.html", {"subscription": subscription})


@method_decorator(csrf_exempt, name="dispatch")  # the secret token is the proof; mail clients POST here
class AlertUnsubscribeView(ServiceErrorMixin, View):
    def get(self, request, token):
        subscription = sel.alert_get_by_token(token=token)
        if subscription is None:
            raise NotFoundError(_("This link is not valid. It may have been mistyped or already used to unsubscribe."))
        return render(request, "assessments/alerts/unsubscribe.html", {"subscription": subscription})

    def post(self, request, token):
        subscription = services.alert_unsubscribe(token=token)
        return render(request, "assessments/alerts/unsubscribed.html", {"subscription": subscription})


class AlertFeed(Feed):
    """The subscriber's personal Atom feed: the last 90 days of what the alerts follow."""

    feed_type = Atom1Feed

    def get_object(self, request, token):
        subscription = sel.alert_get_by_token(token=token)
        if subscription is None or not subscription.is_active:
            raise Http404(_("This feed is not active."))
        return subscription

    def title(self, obj):
        return _("Green Belt and Road Environmental Portal: your disclosure alerts")

    def link(self, obj):
        return reverse("alerts:manage", args=[obj.token])

    def items(self, obj):
        now = timezone.now()
        return sel.alert_events(subscription=obj, since=now - timedelta(days=90), until=now)

    def item_title(self, item):
        if item.kind == "window":
            return _("Comments open on %(ref)s: %(name)s") % {"ref": item.reference, "name": item.project_name}
        return f"{item.label}: {item.reference}: {item.project_name}"

    def item_description(self, item):
        return item.country

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"{item.kind}:{item.reference}:{item.at.isoformat()}"

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at
