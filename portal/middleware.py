"""Middleware of the host site."""

from django.db import connection


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
