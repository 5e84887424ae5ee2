"""Sections of an organization's profile that other page families fill in.

The profile (``OrganizationPage``) does not know the families that write about an organization:
a feature app registers a section from its ``AppConfig.ready()`` with ``register(name,
template, items, order)``, where ``items(profile)`` returns what to show (an empty list hides
the section) and ``template`` renders them as ``items`` beside ``page``. Uninstalled, a family's
section is simply not there.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileSection:
    name: str
    template: str
    items: object  # callable(profile) -> list
    order: int


@dataclass(frozen=True)
class FilledSection:
    name: str
    template: str
    items: list


_sections = {}


def register(name, template, items, order=100):
    _sections[name] = ProfileSection(name, template, items, order)


def unregister(name):
    _sections.pop(name, None)


def sections():
    return sorted(_sections.values(), key=lambda section: (section.order, section.name))


def filled_for(profile):
    """The sections with something to show on ``profile``, in their order."""
    filled = []
    for section in sections():
        items = section.items(profile)
        if items:
            filled.append(FilledSection(section.name, section.template, items))
    return filled
