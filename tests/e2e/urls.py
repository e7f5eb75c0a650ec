"""The site's URLs plus one that fails, so the browser tests can see the 500 page."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("Deliberate failure: the browser tests look at the 500 page.")


urlpatterns = [path("test-server-error/", fail), *site_urlpatterns]
