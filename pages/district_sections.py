"""Sections of a district's page that page families fill in (the district councils' pages).

A district council's page shows, for its district, what other families publish there: upcoming
events, open volunteer offers, local initiatives, premises, the organizations active there. The
council's app knows none of them: each family registers a section from its
``AppConfig.ready()`` with ``register(key, title, order, items, template)``, where
``items(district, locale, limit)`` returns at most ``limit`` things to show (an empty list hides
the section) with a fixed number of queries, and ``template`` renders them as ``items`` beside
``district`` and ``page``. Uninstalled, a family's section is simply not there.

Districts are matched by their slug, which is the same in every language (the pages of a
translated tree keep the Polish page's district).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DistrictSection:
    key: str
    title: object  # a (lazy) translated heading
    order: int
    items: object  # callable(district, locale, limit) -> list
    template: str


@dataclass(frozen=True)
class FilledSection:
    key: str
    title: object
    template: str
    items: list


_sections = {}


def register(key, title, order, items, template):
    _sections[key] = DistrictSection(key, title, order, items, template)


def unregister(key):
    _sections.pop(key, None)


def sections():
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def filled_for(district, locale, limit=5):
    """The sections with something to show for ``district`` in ``locale``, in their order."""
    filled = []
    for section in sections():
        items = list(section.items(district, locale, limit))
        if items:
            filled.append(FilledSection(section.key, section.title, section.template, items))
    return filled
