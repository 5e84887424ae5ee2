"""Blocks of good-practice stories: photo galleries and facts in numbers."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .media import ImageBlock


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    images = blocks.ListBlock(ImageBlock(), label=_("Images"), min_num=1, max_num=12)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "blocks/gallery_block.html"
        description = _("A few photos side by side, each with alternative text and a caption.")


class FigureBlock(blocks.StructBlock):
    # A figure is text: "1 200", "35%", "3 months" read better than a bare number.
    figure = blocks.CharBlock(label=_("Figure"), max_length=30)
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Figure")
        preview_value = {"figure": "120", "label": "wolontariuszy"}
        description = _("One number and what it counts.")


class FactsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    facts = blocks.ListBlock(FigureBlock(), label=_("Figures"), min_num=1, max_num=8)

    class Meta:
        icon = "list-ul"
        label = _("Facts and figures")
        template = "blocks/facts_block.html"
        preview_value = {
            "title": "W liczbach",
            "facts": [{"figure": "120", "label": "wolontariuszy"}],
        }
        description = _("A short row of figures: what a project achieved in numbers.")
