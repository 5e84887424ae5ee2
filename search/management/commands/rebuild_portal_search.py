"""Rebuild the portal search: the database index, and Elasticsearch when it is configured."""

import sys

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError

from search import registry
from search.backends import get_backends
from search.indexing import index_changed, indexable_pages


class Progress:
    """A text progress bar on stderr (no dependency): 42% [########            ] 420/1000."""

    def __init__(self, total, label, stream, width=30):
        self.total, self.label, self.stream, self.width = max(total, 1), label, stream, width
        self.done = 0

    def __call__(self):
        self.done += 1
        if self.done == self.total or self.done % 25 == 0:
            filled = self.width * self.done // self.total
            percent = 100 * self.done // self.total
            bar = "#" * filled + " " * (self.width - filled)
            self.stream.write(f"\r{self.label}: {percent:3d}% [{bar}] {self.done}/{self.total}")
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


def specific_pages():
    """Every live public page as its specific class, a few queries per page type in all."""
    pages = indexable_pages()
    by_type = {}
    for page_id, content_type_id in pages.values_list("id", "content_type_id"):
        by_type.setdefault(content_type_id, []).append(page_id)
    for content_type_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        queryset = model.objects.filter(id__in=ids).select_related("locale")
        relations = registry.prefetch_for(model)
        if relations:
            queryset = queryset.prefetch_related(*relations)
        yield from queryset.iterator(chunk_size=200)


class Command(BaseCommand):
    help = "Rebuild the portal search index (database, and Elasticsearch when configured)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", choices=["database", "elasticsearch"], help="only this backend"
        )

    def handle(self, *args, backend=None, **options):
        total = indexable_pages().count()
        backends = [b for b in get_backends() if backend in (None, b.name)]
        if not backends:
            raise CommandError(f"The {backend} backend is not configured.")
        stream = sys.stderr if options["verbosity"] > 0 else None
        for search_backend in backends:
            progress = Progress(total, search_backend.name, stream) if stream else None
            try:
                search_backend.rebuild(specific_pages(), progress=progress)
            except Exception as error:
                raise CommandError(f"{search_backend.name}: {error}") from error
            if options["verbosity"] > 0:
                self.stdout.write(f"{search_backend.name}: {total} pages indexed.")
        index_changed.send(sender=self.__class__)
