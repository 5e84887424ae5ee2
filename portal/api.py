"""The host's wiring of the open content API (pages.api): the endpoints under /api/v2/, and
what every API response gets: CORS open to reading and a rate limit per client address."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from pages import api
from pages.ratelimit import form_rate_limited

PREFIX = "/api/"

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", api.PortalPagesAPIViewSet)
router.register_endpoint("images", api.PortalImagesAPIViewSet)
router.register_endpoint("documents", api.PortalDocumentsAPIViewSet)

urlpatterns = [
    path("schema/", api.openapi_schema, name="api_schema"),
    path("catalog.jsonld", api.catalog_jsonld, name="api_catalog"),
    path("datasets/", api.dataset_index, name="api_datasets"),
    path("datasets/<slug:slug>.json", api.dataset_json, name="api_dataset_json"),
    path("datasets/<slug:slug>.csv", api.dataset_csv, name="api_dataset_csv"),
    path("", router.urls),
]

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, If-None-Match",
    "Access-Control-Max-Age": "86400",
}


class ApiAccessMiddleware:
    """Any web page may read the API from a browser (it holds only what the site publishes),
    nobody may write through it, and one address cannot take the server's time for itself.

    Before the page cache, so a cached answer is counted and carries the headers too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD, OPTIONS"
        elif form_rate_limited(request, "api", rate=settings.API_RATE_LIMIT):
            response = JsonResponse({"message": "Too many requests. Try again later."}, status=429)
            response["Retry-After"] = "3600"
        else:
            response = self.get_response(request)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response
