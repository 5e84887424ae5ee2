"""StreamBlocks: one per purpose, composed from the small blocks of this package."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .media import ImageBlock, VideoBlock
from .stories import FactsBlock, GalleryBlock
from .text import CallToActionBlock, HeadingBlock, ParagraphBlock, QuoteBlock


class BodyStreamBlock(blocks.StreamBlock):
    """The body of ordinary content pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Content")


class StoryStreamBlock(blocks.StreamBlock):
    """The body of a good-practice story: text, photos, voices and numbers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    facts = FactsBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Story")
