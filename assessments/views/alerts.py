"""Public alert pages: subscribe, confirm (a button, so a mail scanner opening the link confirms
nothing), the personal Atom feed, and unsubscribe (one click from the email, RFC 8058)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
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
