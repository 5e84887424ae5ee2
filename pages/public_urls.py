"""Absolute addresses of the public site for paths that are not pages (feeds, images, robots.txt).

Pages get theirs from Wagtail (``get_full_url``), which reads the Site record; these read the same
record, so every link that leaves the site names one address whatever host a request came in
under (the host site sets the Site from its ``BASE_URL``).
"""

from wagtail.models import Site


def site_root_url(request=None):
    """The root URL of the request's Site (the default Site without a request or a match)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site is not None else ""


def absolute_url(path, request=None):
    """``path`` on the public site; an address that is absolute already is kept."""
    if path.startswith(("https://", "http://")):
        return path
    return site_root_url(request) + path
