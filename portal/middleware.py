"""Response headers Django and django-csp do not set."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """``Permissions-Policy``: the portal uses no camera, microphone, location, payment or USB,
    so no page (nor anything injected into one) may ask the browser for them."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.value = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response
