"""What every PDF of the portal shares: the fonts, the paragraph styles and text escaping.

ReportLab's built-in fonts have neither the Polish nor the Ukrainian letters; the bundled DejaVu
Sans has both. The volunteer's paperwork (`pages.paperwork`) and the documents rendered from
data (`pages.documents`) set their pages up here, so they look alike and register the fonts once.
"""

from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import SimpleDocTemplate

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
AUTHOR = "Portal organizacji pozarządowych"
MARGINS = {
    "leftMargin": 22 * mm,
    "rightMargin": 22 * mm,
    "topMargin": 20 * mm,
    "bottomMargin": 20 * mm,
}


def register_fonts():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONTS / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, FONTS / "DejaVuSans-Bold.ttf"))
        # DejaVu Sans has no oblique file here: <i> falls back to the upright face rather than
        # to a built-in font without the Polish letters.
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )


def styles():
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, spaceAfter=6)
    return {
        "body": body,
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=20,
            alignment=TA_CENTER,
            spaceAfter=4,
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER, spaceAfter=14),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, spaceBefore=8, spaceAfter=4
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
    }


def escape(text):
    """Text for a ReportLab Paragraph, whose markup is XML-like: user text must not become tags."""
    return (
        str(text or "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "<br/>")
    )


def page_template(buffer, *, title, language="pl-PL"):
    """An A4 document with the portal's margins; the title and language go into its metadata
    (what a screen reader and a document list show)."""
    return SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=AUTHOR, lang=language, **MARGINS
    )
