"""The portal's URLs plus ``/bench/trivial/``: the floor every page is measured against (the
same server, the same middleware, no template and no query)."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), path("", include("portal.urls"))]
