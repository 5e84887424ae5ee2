"""The database backend's index, and what editors learn about searches that found nothing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One live, public page as the database backend searches it.

    ``title_tokens`` and ``tokens`` hold the analysed words (see ``search.analysis``) between
    spaces. The database's full-text index is built from them (migration 0002): a generated
    ``search_vector`` column on PostgreSQL, the FTS5 table ``portal_search_fts`` filled by
    triggers on SQLite. Neither is a model field, so Django never writes them. A later migration
    that alters this table on SQLite copies it into a new one, which drops the triggers: it must
    create them again, as 0002 does.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="portal_search_entry"
    )
    language = models.CharField(max_length=10, db_index=True)
    content_type = models.CharField(max_length=100)
    title = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    title_tokens = models.TextField(blank=True)
    tokens = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return self.title


class SearchEntryFacet(models.Model):
    """A facet value of an entry: counting a facet is one GROUP BY on this table."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=50)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"])]
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="unique_entry_facet")
        ]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchWord(models.Model):
    """A word of the indexed text: the vocabulary "did you mean" picks its suggestions from."""

    language = models.CharField(max_length=10)
    word = models.CharField(max_length=100)
    folded = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["language", "folded"])]
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_search_word")
        ]

    def __str__(self):
        return self.word


class ZeroResultQuery(models.Model):
    """A search that found nothing, so editors see what residents miss."""

    query_string = models.CharField(_("search"), max_length=255)
    language = models.CharField(_("language"), max_length=10)
    hits = models.PositiveIntegerField(_("times searched"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"))

    class Meta:
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        ordering = ["-last_searched_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["query_string", "language"], name="unique_zero_result_query"
            )
        ]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, language):
        from django.db.models import F
        from django.utils import timezone

        query_string = " ".join(query_string.lower().split())[:255]
        now = timezone.now()
        row, created = cls.objects.get_or_create(
            query_string=query_string,
            language=language,
            defaults={"hits": 1, "last_searched_at": now},
        )
        if not created:
            cls.objects.filter(pk=row.pk).update(hits=F("hits") + 1, last_searched_at=now)
