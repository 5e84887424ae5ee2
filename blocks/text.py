"""Text blocks: headings, paragraphs, quotes, calls to action."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Rich text features an editor gets: enough for structure, nothing that breaks the layout.
PARAGRAPH_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section (H2)")), ("h3", _("Subsection (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Jak zostać wolontariuszem", "level": "h2"}
        description = _("A heading that starts a section; keeps the page outline accessible.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        kwargs.setdefault("label", _("Paragraph"))
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Organizacje pozarządowe działają w każdym osiedlu miasta.</p>"
        description = _("Formatted text with links and lists.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Wolontariat zmienia obie strony.",
            "attribution": "Wolontariuszka",
        }
        description = _("A quotation with its source.")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_page = blocks.PageChooserBlock(label=_("Link to a page"), required=False)
    link_url = blocks.URLBlock(label=_("or an address"), required=False)
    link_text = blocks.CharBlock(label=_("Button text"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "title": "Zostań wolontariuszem",
            "text": "Sprawdź oferty organizacji z Twojego osiedla.",
            "link_url": "https://example.org/",
            "link_text": "Zobacz oferty",
        }
        description = _("A highlighted box with one button.")

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        result = super().clean(value)
        if not result.get("link_page") and not result.get("link_url"):
            raise StructBlockValidationError(
                block_errors={"link_url": ValidationError(_("Choose a page or give an address."))}
            )
        return result
