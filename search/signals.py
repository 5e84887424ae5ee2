"""Index on publish, unpublish, move and delete; reindex a subtree when its privacy changes.

Tasks are enqueued at once, not on commit: the database task backend stores the task in the
editor's own transaction (so a worker sees it only after the commit, and never after a
rollback), and the immediate backend runs it where the page's rows are already visible.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing


@receiver(page_published)
def on_published(sender, instance, **kwargs):
    indexing.enqueue(indexing.index_page, instance.pk)


@receiver(post_save)
def on_created(sender, instance, created, raw=False, **kwargs):
    # A page created live (an import, `add_child` of a live page) is published without
    # page_published. Rows loaded as they are (a restored backup) are indexed by a rebuild.
    if created and not raw and isinstance(instance, Page) and instance.live:
        indexing.enqueue(indexing.index_page, instance.pk)


@receiver(page_unpublished)
def on_unpublished(sender, instance, **kwargs):
    indexing.enqueue(indexing.delete_page, instance.pk)


@receiver(post_page_move)
def on_moved(sender, instance, **kwargs):
    # A move can put a page under a restricted section, or take it out of one.
    indexing.enqueue(indexing.index_subtree, instance.pk)


@receiver(post_delete)
def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        indexing.enqueue(indexing.delete_page, instance.pk)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_changed(sender, instance, **kwargs):
    indexing.enqueue(indexing.index_subtree, instance.page_id)
