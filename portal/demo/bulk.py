"""Loading demo content at benchmark scale (tens of thousands of pages) in minutes, not hours.

Saving a page normally updates three indexes at once (the portal search, Wagtail's admin search
and the reference index), a new profile gets its editor group and media collection, and
publishing writes a revision and a log entry: about 90 % of the time of a page. From
``BULK_FROM`` items on, the loaders create pages live without a revision (Wagtail serves and edits
such pages as any other; the first edit makes the first revision), the two search indexes are
rebuilt once at the end, in batches, and an organization's editor group is left to be created
when the city grants someone access to the profile (pages.views.organization_access does that).
The reference index (the admin's "usage" counts) is not rebuilt: it takes longer than the pages
themselves; `manage.py rebuild_references_index` fills it. Smaller loads (`make run`, the tests)
take the ordinary path, so the demo shows what an editor would see.
"""

from contextlib import contextmanager

from django.core.management import call_command
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.search import index as wagtail_index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from pages import calendar_sources
from pages import signals as pages_signals
from pages.models import OrganizationPage
from search import signals as search_signals

BULK_FROM = 500


def publish(page, context):
    """Publish a page just created with ``add_child``: a revision, or in bulk just the dates."""
    if not context.bulk:
        page.save_revision().publish()
        return
    publish_without_revision(page)


def publish_without_revision(page):
    """A page that ``add_child`` saved live gets the publication dates that listings sort by,
    and the relations set after it was saved (areas, districts, tags): modelcluster keeps those
    in memory until the page is saved again, which this path never does."""
    for relation in get_all_child_relations(page):
        getattr(page, relation.get_accessor_name()).commit()
    for field in get_all_child_m2m_relations(page):
        getattr(page, field.name).commit()
    now = timezone.now()
    type(page).objects.filter(pk=page.pk).update(first_published_at=now, last_published_at=now)
    page.first_published_at = page.last_published_at = now


@contextmanager
def indexes_rebuilt_at_the_end(enabled):
    """Per-save index updates off while loading; every index (and the calendar's stored
    dates) rebuilt once when done."""
    if not enabled:
        yield
        return
    with calendar_sources.deferred(), per_save_indexing_off():
        yield
    call_command("rebuild_portal_search", verbosity=0)
    call_command("update_index", verbosity=0)


@contextmanager
def per_save_indexing_off():
    """No search or reference index update on each save, and no editor group for a new
    profile; the indexes are then stale until rebuilt (a test that rolls back needs none)."""
    indexed_models = list(wagtail_index.get_indexed_models())
    post_save.disconnect(search_signals.on_created)
    page_published.disconnect(search_signals.on_published)
    for model in indexed_models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.disconnect(sender=OrganizationPage, dispatch_uid="org-group")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(search_signals.on_created)
        page_published.connect(search_signals.on_published)
        for model in indexed_models:
            post_save.connect(post_save_signal_handler, sender=model)
        pages_signals.connect()
