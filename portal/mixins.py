"""The one place where a service's typed error becomes an HTML response.

A view that calls a service lets its ``ServiceError`` propagate. This mixin turns a refusal
into the styled 403 page and an out-of-scope object into the 404 page; a refusal of the input
(400) or of the state (409) re-renders the page the user was on, with the message beside the
field it concerns (``exc.field``) or at the top of the form the view bound (``self.bound_form``),
so nothing the user typed is lost.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from portal.errors import NotFoundError, PermissionDeniedError, RateLimitedError, ServiceError, http_status


class ServiceErrorMixin:
    bound_form = None

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDeniedError as exc:
            raise PermissionDenied(exc.message) from exc
        except NotFoundError as exc:
            raise Http404(exc.message) from exc
        except ServiceError as exc:
            form = self.bound_form
            if form is not None:
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, exc.message)
            response = self.render_error(exc)
            response.status_code = http_status(exc)
            if isinstance(exc, RateLimitedError):
                response["Retry-After"] = str(exc.retry_after)
            return response

    def render_error(self, exc: ServiceError):
        """The page to answer with; views with a form override it to re-render that form."""
        return render(self.request, "portal/action_refused.html", {"message": exc.message})
