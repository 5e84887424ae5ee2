"""Middleware of the host site."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import connection
from django.middleware import locale as django_locale

# Wagtail's admin, its login page included.
ADMIN_PREFIXES = ("/admin/",)


class QueryCountHeaderMiddleware:
    """Adds ``X-SQL-Queries``: the number of SQL queries the request made.

    Only for the benchmarks (`make bench` turns it on with BENCH_QUERY_HEADER=true): it tells the
    load generator, outside the server, how much database work each URL costs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
            # A streamed or lazily rendered body queries while it is read: render it here.
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["X-SQL-Queries"] = str(count)
        return response


class StripNullCharactersMiddleware:
    """Removes NUL characters from the query string's parameters.

    No text a resident types contains one, but crawlers and scanners send ``?tag=%00``; PostgreSQL
    refuses such a string in any query ("text fields cannot contain NUL bytes"), which would turn a
    junk link into a server error on every listing that filters by a parameter. Forms already
    refuse NUL characters (Django's ProhibitNullCharactersValidator); this covers the filters.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.META.get(
            "QUERY_STRING", ""
        ):
            cleaned = request.GET.copy()
            for key in list(cleaned):
                cleaned.setlist(
                    key.replace("\x00", ""),
                    [value.replace("\x00", "") for value in cleaned.pop(key)],
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class SecurityHeadersMiddleware(CSPMiddleware):
    """Content-Security-Policy (django-csp) and Permissions-Policy on every response.

    Under the admin's prefix the policy is ``PORTAL_ADMIN_CONTENT_SECURITY_POLICY``: Wagtail's
    own admin templates carry inline scripts and style attributes, the public pages none.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "PORTAL_ADMIN_CONTENT_SECURITY_POLICY", None)
        if (
            not report_only
            and parts.config is None
            and admin_policy
            and request.path_info.startswith(ADMIN_PREFIXES)
        ):
            parts.config = admin_policy
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        policy = getattr(settings, "PORTAL_PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


class LocaleMiddleware(django_locale.LocaleMiddleware):
    """Django's, except that a 404 of the admin or the open API stays a 404.

    Django answers a 404 outside the language prefixes with a redirect to the same path under
    ``/pl/``, which Wagtail's catch-all page route always accepts: the admin API's 404 for a page
    became a redirect to ``/pl/admin/api/...`` and an HTML 404 page, and wagtail-localize's
    translation editor waited for JSON that never came.
    """

    def process_response(self, request, response):
        # A partner's program asking the open API for a page that is gone wants a 404 too.
        if response.status_code == 404 and request.path_info.startswith((*ADMIN_PREFIXES, "/api/")):
            return response
        return super().process_response(request, response)
