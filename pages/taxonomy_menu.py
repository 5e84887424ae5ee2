"""The admin's Taxonomies menu: core's areas and districts, then the taxonomies feature apps
add from their ``AppConfig.ready()`` (the calendar's event categories).

Apps register a dotted path to a ``SnippetViewSet``, so ``ready()`` imports no admin code; the
menu group (pages/wagtail_hooks.py) imports them when Wagtail registers it.
"""

from django.utils.module_loading import import_string

_viewsets = []


def register(dotted_path):
    if dotted_path not in _viewsets:
        _viewsets.append(dotted_path)


def viewsets():
    return [import_string(dotted_path) for dotted_path in _viewsets]
