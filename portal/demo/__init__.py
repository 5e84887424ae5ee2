"""Fictional demo content for `make run` and the benchmarks.

Each page family has a module with a ``load(context)`` function, called in the order of
``LOADERS``; each one looks up what it would create first, so loading twice adds nothing. All
names, e-mails (example.org) and phone numbers are invented.
"""

import random
from dataclasses import dataclass, field

from . import (
    accessibility,
    bulk,
    caretakers,
    centre,
    consultations,
    cooperation,
    council,
    district_councils,
    events,
    fairs,
    grants,
    initiatives,
    leaders,
    letters,
    library,
    news,
    newsletter,
    organizations,
    partners,
    premises,
    site,
    stories,
    surveys,
    trainings,
    volunteering,
)

DEFAULT_SIZE = 30
DEFAULT_SEED = 2026

LOADERS = [
    ("site", site.load),
    ("organizations", organizations.load),
    ("volunteering", volunteering.load),
    ("trainings", trainings.load),
    ("events", events.load),
    ("stories", stories.load),
    ("news", news.load),
    ("grants", grants.load),
    ("consultations", consultations.load),
    ("council", council.load),
    ("centre", centre.load),
    ("caretakers", caretakers.load),
    ("leaders", leaders.load),
    ("library", library.load),
    ("partners", partners.load),
    ("premises", premises.load),
    ("initiatives", initiatives.load),
    ("surveys", surveys.load),
    ("fairs", fairs.load),
    ("district_councils", district_councils.load),
    ("letters", letters.load),
    ("newsletter", newsletter.load),
    ("cooperation", cooperation.load),
    ("accessibility", accessibility.load),
]


@dataclass
class DemoContext:
    size: int
    rng: random.Random
    created: dict = field(default_factory=dict)
    # Benchmark scale: pages published without revisions, indexes rebuilt at the end (bulk.py).
    bulk: bool = False

    def count(self, family, number=1):
        self.created[family] = self.created.get(family, 0) + number


def load(size=DEFAULT_SIZE, seed=DEFAULT_SEED, only=None):
    """Load every family, or the site and the families named in ``only``."""
    unknown = set(only or ()) - {name for name, _ in LOADERS}
    if unknown:
        raise ValueError(f"No demo family {', '.join(sorted(unknown))}.")
    context = DemoContext(size=size, rng=random.Random(seed), bulk=size >= bulk.BULK_FROM)
    with bulk.indexes_rebuilt_at_the_end(context.bulk):
        for name, loader in LOADERS:
            if only and name != "site" and name not in only:
                continue
            context.created.setdefault(name, 0)
            loader(context)
    return context.created


def is_loaded():
    return site.is_loaded()
