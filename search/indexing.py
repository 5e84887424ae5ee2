"""Keeping the indexes current: which pages are indexed, and the tasks that index them.

Every change goes to the database backend (the fallback must always be current) and, when it
is configured, to Elasticsearch. A failure is logged and never reaches the editor who
published: the page is published all the same, and `rebuild_portal_search` repairs the index.
"""

import logging

from django.db import transaction
from django.dispatch import Signal
from django_tasks import task
from wagtail.models import Page

from .backends import get_backends

logger = logging.getLogger(__name__)

# Sent when a task has changed the index. With a task worker the index changes after the
# publication that asked for it: a host that keeps what the index answers (listings' text
# filters, their facet counts, cached pages) per content generation starts a new one then.
index_changed = Signal()


def is_indexable(page):
    """Live, below a language root, and readable by anyone (no restriction on it or above)."""
    return page.live and page.depth > 1 and not page.get_view_restrictions().exists()


def indexable_pages():
    """Every live, public page as its specific class, for a rebuild."""
    return Page.objects.live().public().filter(depth__gt=1)


@task()
def index_page(page_id):
    page = Page.objects.filter(pk=page_id).first()
    for backend in get_backends():
        try:
            with transaction.atomic():
                if page is None:
                    backend.delete(page_id)
                else:
                    backend.index(page.specific)
        except Exception:
            logger.exception("Search: indexing page %s in %s failed", page_id, backend.name)
    index_changed.send(sender=index_page)


@task()
def index_subtree(page_id):
    """A page and its descendants: after a move or a change of view restrictions."""
    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return
    for page in Page.objects.descendant_of(root, inclusive=True).specific():
        for backend in get_backends():
            try:
                with transaction.atomic():
                    backend.index(page)
            except Exception:
                logger.exception("Search: indexing page %s in %s failed", page.pk, backend.name)
    index_changed.send(sender=index_subtree)


@task()
def delete_page(page_id):
    for backend in get_backends():
        try:
            with transaction.atomic():
                backend.delete(page_id)
        except Exception:
            logger.exception("Search: removing page %s from %s failed", page_id, backend.name)
    index_changed.send(sender=delete_page)


def enqueue(task_obj, page_id):
    """Enqueue an index task; a queue that fails must not fail the publication."""
    try:
        # A savepoint: a failed enqueue must not break the editor's transaction.
        with transaction.atomic():
            task_obj.enqueue(page_id)
    except Exception:
        logger.exception("Search: could not enqueue %s for page %s", task_obj.name, page_id)
