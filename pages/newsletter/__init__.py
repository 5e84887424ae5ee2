"""The newsletter's pickers: what an issue may pick, a registry that stays in core.

This package is also the newsletter app (``pages.newsletter``, label ``ngo_newsletter``: its
modules are models, views, admin, composing, emails...), but this module is core and imports
nothing of it: a page family registers its kind of content with ``register_picker(
"app_label.Model", label, order)`` from its ``AppConfig.ready()`` whether or not the newsletter is
installed, and an issue lists the kinds by ``order`` (``composing.pick_recent``), whichever app
registered first. Its address is the one the families have always used (``from pages import
newsletter``); import-linter protects the app's modules (``pages.newsletter.*``), not this one.
"""

PICKERS = []


def register_picker(model_label, label, order):
    if any(known == model_label for _order, known, _label in PICKERS):
        return
    PICKERS.append((order, model_label, label))
    PICKERS.sort(key=lambda picker: picker[0])
