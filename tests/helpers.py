from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The host's templates and those each reusable app ships.
TEMPLATE_DIRS = [ROOT / "templates"] + [
    ROOT / app / "templates" for app in ("pages", "blocks", "search")
]


def portal_templates():
    """Every template of the host and the apps (path relative to its templates folder, path)."""
    for folder in TEMPLATE_DIRS:
        for path in sorted(folder.rglob("*.html")):
            yield path.relative_to(folder), path


def html(response):
    """The parsed body of a response, for assertions on what a visitor sees."""
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_values(response, form_id=None):
    """The values a browser would submit from a form of the response, as a dict of lists.

    Lets a test submit a Wagtail admin edit form as it is, changing only what the test is about.
    """
    doc = html(response)
    form = doc.find("form", id=form_id) if form_id else doc.find("form", method="post")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "select":
            chosen = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
            if not chosen and not field.has_attr("multiple"):
                first = field.find("option")
                chosen = [first.get("value", first.text)] if first else []
            data.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") in ("submit", "button", "file", "image"):
            continue
        else:
            data.setdefault(name, []).append(field.get("value", ""))
    return data


def restore_site_tree():
    """Put back what the data migrations made, after a transactional test emptied the database.

    Transactional tests (browser tests, concurrency tests) flush every table when they end; the
    data migrations' own functions rebuild the locales, the site tree and the taxonomies.
    """
    import importlib

    from django.apps import apps
    from wagtail.models import Collection, Locale, Page, Site

    from pages import roles
    from portal import site_address

    if Site.objects.exists():
        return
    Locale.objects.get_or_create(language_code="pl")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")

    for module, function in (
        ("pages.migrations.0002_areas_of_public_benefit", "load"),
        ("pages.calendar.migrations.0002_event_categories", "load"),
        ("portal.migrations.0002_site_tree", "create_locales_and_homes"),
        ("portal.migrations.0002_site_tree", "load_national_terms"),
        ("portal.migrations.0003_districts", "load"),
    ):
        getattr(importlib.import_module(module), function)(apps, None)
    roles.ensure_roles()
    # As `migrate` leaves it: the default Site at BASE_URL's host and port.
    site_address.sync_default_site()


def user_in(group, username):
    """A user (password "pass", e-mail username@example.org) in ``group``."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pass")
    user.groups.add(group)
    return user
