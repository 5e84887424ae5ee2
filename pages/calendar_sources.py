"""Calendar sources: what fills the calendar's stored dates (pages.models.CalendarOccurrence).

A source knows one kind of thing the calendar shows (events, a training's sessions, the
council's meetings): which live pages hold them, the rows one page gives, and which saves change
them. Each registers itself from its app's ``ready()``; the calendar only reads rows, so it
never imports trainings or the council. When a source's page changes, its rows are replaced:

    calendar_sources.register(MySource())
    calendar_sources.refresh("my-source", page_id)   # from the source's signal handlers

``deferred()`` holds every refresh while pages are loaded in bulk and rebuilds once at the end.
"""

from contextlib import contextmanager

from django.db import transaction

_sources = {}
_deferred = 0


class CalendarSource:
    """One kind of calendar item. Subclasses set ``key`` and ``label`` and write ``live_pages``,
    ``rows`` and ``connect``."""

    key = ""
    # Shown where an event shows its category (None: the row's own category).
    label = None
    # A language without its own translation of the page shows the Polish page's rows.
    falls_back = False

    def live_pages(self):
        """The source's pages the calendar shows (live, public), as a queryset."""
        raise NotImplementedError

    def extendable_pages(self):
        """The pages whose rows reach the horizon (rules without an end): the daily command
        extends those only."""
        return self.live_pages().none()

    def rows(self, page):
        """[(unsaved CalendarOccurrence, [area ids])] of one live page."""
        raise NotImplementedError

    def connect(self):
        """Connect the signals after which ``refresh(self.key, page_id)`` must run."""


def follow_page(key, model):
    """Refresh a source's rows of a page of ``model`` when it is saved, published or moved
    (beneath another profile: another organizer), and remove them when it is unpublished."""
    from django.db.models.signals import post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    def changed(sender, instance, raw=False, **kwargs):
        # Read again from the database: a draft saved with ``update_fields`` holds unpublished
        # values in memory that the calendar must not show.
        if not raw:
            refresh(key, instance.pk)

    def unpublished(sender, instance, **kwargs):
        remove(instance.pk)

    for signal in (post_save, page_published, post_page_move):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"calendar-{key}-{signal}")
    page_unpublished.connect(
        unpublished, sender=model, weak=False, dispatch_uid=f"calendar-{key}-unpublished"
    )


def follow_rows(key, model, page_field):
    """Refresh a source's rows of a page when one of its ``model`` rows (an event's changed
    date, a training's session, a council meeting) is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    def changed(sender, instance, raw=False, **kwargs):
        if not raw:
            refresh(key, getattr(instance, page_field))

    for signal in (post_save, post_delete):
        signal.connect(
            changed, sender=model, weak=False, dispatch_uid=f"calendar-{key}-{model}-{signal}"
        )


def follow_view_restrictions():
    """A page restricted (or opened) to the public takes its sources' pages beneath it out of
    the calendar (or back in)."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction

    def changed(sender, instance, raw=False, **kwargs):
        if raw:
            return
        path = instance.page.path
        for key, source in _sources.items():
            model = source.live_pages().model
            for page_id in model.objects.filter(path__startswith=path).values_list("pk", flat=True):
                refresh(key, page_id)

    for signal in (post_save, post_delete):
        signal.connect(
            changed, sender=PageViewRestriction, weak=False, dispatch_uid=f"calendar-{signal}"
        )


def occurrence(**fields):
    """An unsaved row of the calendar's dates, for a source's ``rows`` (sources do not name the
    calendar's model)."""
    from pages.models import CalendarOccurrence

    return CalendarOccurrence(**fields)


def register(source):
    _sources[source.key] = source
    source.connect()


def get(key):
    return _sources.get(key)


def sources():
    return list(_sources.values())


def labels():
    """{source key: label} of the sources that label their rows themselves."""
    return {key: source.label for key, source in _sources.items() if source.label is not None}


def falling_back():
    return [key for key, source in _sources.items() if source.falls_back]


def refresh(key, page_id):
    """Replace the rows of one page of a source (none when it is not live and public)."""
    if _deferred or page_id is None:
        return
    source = _sources[key]
    page = source.live_pages().filter(pk=page_id).first()
    with transaction.atomic():
        _delete(key, [page_id])
        if page is not None:
            _insert(_in_tree(source.rows(page), page, _tree_locales()))


def remove(page_id):
    """Remove a page's rows whatever their source (an unpublished or deleted page)."""
    if _deferred:
        return
    from pages.models import CalendarOccurrence

    CalendarOccurrence.objects.filter(page_id=page_id).delete()


def rebuild(keys=None, extend_only=False, batch=200):
    """Write again the rows of every live page of the sources (all of them by default); with
    ``extend_only``, of the pages whose rows reach the horizon. Returns how many rows."""
    from pages.models import CalendarOccurrence

    written = 0
    for key, source in _sources.items():
        if keys is not None and key not in keys:
            continue
        pages = source.extendable_pages() if extend_only else source.live_pages()
        homes = _tree_locales()
        with transaction.atomic():
            if not extend_only:
                CalendarOccurrence.objects.filter(source=key).delete()
            ids = list(pages.order_by("pk").values_list("pk", flat=True))
            for first in range(0, len(ids), batch):
                chunk = ids[first : first + batch]
                rows = []
                for page in pages.filter(pk__in=chunk).order_by("pk"):
                    rows += _in_tree(source.rows(page), page, homes)
                if extend_only:
                    _delete(key, chunk)
                written += _insert(rows)
    return written


@contextmanager
def deferred():
    """No refresh while the block runs (a bulk load); every source rebuilt once at its end."""
    global _deferred
    _deferred += 1
    try:
        yield
    finally:
        _deferred -= 1
    if not _deferred:
        rebuild()


def _tree_locales():
    """{path of a home page: its locale}: a calendar lists what lives in its language's tree."""
    from wagtail.models import Page

    return dict(Page.objects.filter(depth=2).values_list("path", "locale_id"))


def _in_tree(rows, page, homes):
    """The rows in the language of the tree the page lives in (a page moved into another
    language's tree keeps its own locale, and leaves its former calendar)."""
    from wagtail.models import Page

    locale_id = homes.get(page.path[: 2 * Page.steplen], page.locale_id)
    for row, _areas in rows:
        row.locale_id = locale_id
    return rows


def _delete(key, page_ids):
    from pages.models import CalendarOccurrence

    CalendarOccurrence.objects.filter(source=key, page_id__in=page_ids).delete()


def _insert(rows):
    from pages.models import CalendarOccurrence

    if not rows:
        return 0
    created = CalendarOccurrence.objects.bulk_create([row for row, _areas in rows])
    through = CalendarOccurrence.areas.through
    links = [
        through(calendaroccurrence_id=row.pk, areaofpublicbenefit_id=area)
        for row, areas in zip(created, (areas for _row, areas in rows), strict=True)
        for area in areas
    ]
    through.objects.bulk_create(links)
    return len(created)
