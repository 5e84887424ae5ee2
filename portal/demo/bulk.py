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

A national register (``BATCH_INSERT_FROM`` organizations and more, loaded with
``--only organizations``) cannot go through ``add_child`` at all: one page at a time, 100,000 of
them take hours. ``insert_children`` writes a batch of pages with a few INSERTs: their tree
positions are computed the way treebeard computes them, the page rows and the type's own rows
are inserted in bulk, and their areas, districts and tags with them.
"""

from contextlib import contextmanager
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import Page
from wagtail.search import index as wagtail_index
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from pages import calendar_sources
from pages import signals as pages_signals
from pages.models import OrganizationPage
from search import signals as search_signals

BULK_FROM = 500
BATCH_INSERT_FROM = 20_000
BATCH_SIZE = 2_000


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
    planner_statistics_refreshed()


def planner_statistics_refreshed():
    """PostgreSQL plans a query from statistics that autovacuum gathers some time after a bulk
    load (and never where autovacuum is off): before, it takes thousands of rows for a handful.
    Measured at N = 10,000 with no statistics: the volunteering listing's facet counts chose a
    scan of every application per offer, 7.5 s each (the request timed out); after ANALYZE 37 ms."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


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


def batches(items, size):
    """Lists of at most ``size`` of ``items`` (a generator), in order."""
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def insert_children(parent, batch):
    """Save ``batch`` [(number, unsaved page, {relation name: objects})] as live children of
    ``parent``, with a few INSERTs: the page rows, the type's rows, one per relation.

    Nothing else runs: no ``save()``, no signals, no revision (as ``publish_without_revision``);
    the search indexes are rebuilt at the end (``indexes_rebuilt_at_the_end``).
    """
    parent = Page.objects.get(pk=parent.pk)  # numchild as it is now
    pages = [page for _number, page, _relations in batch]
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    depth = parent.depth + 1
    for position, page in enumerate(pages, start=parent.numchild + 1):
        # treebeard's materialized path: the parent's path and the child's position in base 36.
        page.path = Page._get_path(parent.path, depth, position)
        page.depth, page.numchild = depth, 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.live, page.has_unpublished_changes = True, False
        page.draft_title = page.title
        page.first_published_at = page.last_published_at = now
    page_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    rows = [
        Page(**{field.attname: getattr(page, field.attname) for field in page_fields})
        for page in pages
    ]
    Page.objects.bulk_create(rows)
    for page, row in zip(pages, rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    # Django's bulk_create refuses multi-table models; the type's own rows (page_ptr and its
    # fields) go through the same batched INSERT it uses for one table.
    QuerySet(model)._batched_insert(pages, fields=model._meta.local_concrete_fields, batch_size=500)
    for name in batch[0][2]:
        field = model._meta.get_field(name)
        through = field.remote_field.through
        if hasattr(field, "m2m_field_name"):
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            links = [
                through(**{f"{source}_id": page.pk, f"{target}_id": item.pk})
                for _number, page, relations in batch
                for item in relations[name]
            ]
        else:  # a taggit manager: its through model holds (tag, content_object)
            tags = {tag.name: tag for tag in _tags(through, batch, name)}
            links = [
                through(tag=tags[tag], content_object_id=page.pk)
                for _number, page, relations in batch
                for tag in relations[name]
            ]
        through.objects.bulk_create(links)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


def _tags(through, batch, name):
    tag_model = through.tag_model()
    wanted = {tag for _number, _page, relations in batch for tag in relations[name]}
    found = {tag.name: tag for tag in tag_model.objects.filter(name__in=wanted)}
    for missing in sorted(wanted - set(found)):
        found[missing] = tag_model.objects.create(name=missing)
    return found.values()
