"""A document as plain data, rendered to PDF (ReportLab) or to an editable OpenDocument text.

Reports the office finishes by hand (the yearly cooperation report first) are built once as a
`Document` and rendered twice, so the PDF and the editable file never disagree. Charts are data
too (`Chart`): the page draws them as accessible SVG (`pages.charts`), the PDF as ReportLab
drawings and the OpenDocument file as an embedded SVG image, each with the same table beside it.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from html.parser import HTMLParser

from django.http import HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from odf import dc as odf_dc
from odf import draw as odf_draw
from odf import style as odf_style
from odf import svg as odf_svg
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from reportlab import platypus
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from pages import pdf
from pages.charts import ACCENT, MUTED, empty_sentence, format_value, standalone_svg
from pages.charts import WIDTH as CHART_SVG_WIDTH
from pages.public_urls import absolute_url


@dataclass
class Heading:
    text: str
    level: int = 2


@dataclass
class Paragraph:
    text: str


@dataclass
class RichText:
    # Wagtail rich text already expanded for the front end (`richtext` filter / expand_db_html).
    html: str


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    # Columns aligned right (figures), by index.
    numeric_columns: set[int] = field(default_factory=set)


@dataclass
class Chart:
    title: str
    # What the chart shows, in one or two sentences (the SVG's <desc>, the PDF's caption).
    description: str
    rows: list[tuple[str, Decimal | int | float]]
    unit: str = ""
    # "bar": horizontal bars, one per label (areas); "column": vertical columns (years, months).
    kind: str = "bar"


@dataclass
class Document:
    title: str
    subtitle: str = ""
    language: str = "pl"
    blocks: list[Heading | Paragraph | RichText | Table | Chart] = field(default_factory=list)


# Rich text -------------------------------------------------------------------------------------
# Wagtail's expanded HTML becomes a few plain blocks both renderers draw: what the editor's rich
# text field can produce (paragraphs, headings, lists, bold, italic, links, line breaks). Any other
# tag is dropped and its text kept; the text of scripts and styles is dropped with them.


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


LINE_BREAK = Run("\n")


@dataclass
class TextBlock:
    # "p", "h" (with its level) or "li" (with the list's kind and nesting depth).
    kind: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    ordered: bool = False
    # An item's place in its list, from 1: a list starts again at 1.
    number: int = 0


SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class _RichTextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self.block: TextBlock | None = None
        self.bold = self.italic = 0
        self.hrefs: list[str] = []
        # Per open list: [ordered, items so far].
        self.lists: list[list] = []
        self.hidden = 0

    def _start(self, kind, **kwargs):
        self._end()
        self.block = TextBlock(kind, **kwargs)

    def _end(self):
        if self.block is not None:
            # No line break and no space at either end of a paragraph (LINE_BREAK is shared:
            # it is dropped, never trimmed).
            runs = self.block.runs
            while runs and runs[0] is LINE_BREAK:
                runs.pop(0)
            while runs and runs[-1] is LINE_BREAK:
                runs.pop()
            if runs:
                runs[0] = replace(runs[0], text=runs[0].text.lstrip())
                runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
            if any(run.text for run in runs):
                self.blocks.append(self.block)
        self.block = None

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "iframe", "object", "svg", "math"):
            self.hidden += 1
        elif tag == "p":
            self._start("p")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._start("h", level=min(max(int(tag[1]), 2), 4))
        elif tag in ("ul", "ol"):
            self._end()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            if not self.lists:
                self.lists.append([False, 0])
            self.lists[-1][1] += 1
            ordered, number = self.lists[-1]
            self._start("li", level=len(self.lists), ordered=ordered, number=number)
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag in ("i", "em"):
            self.italic += 1
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            self.hrefs.append(href if href.startswith(SAFE_SCHEMES + ("/",)) else "")
        elif tag == "br" and self.block is not None:
            self.block.runs.append(LINE_BREAK)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "iframe", "object", "svg", "math"):
            self.hidden = max(self.hidden - 1, 0)
        elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li"):
            self._end()
        elif tag in ("ul", "ol"):
            self._end()
            if self.lists:
                self.lists.pop()
        elif tag in ("b", "strong"):
            self.bold = max(self.bold - 1, 0)
        elif tag in ("i", "em"):
            self.italic = max(self.italic - 1, 0)
        elif tag == "a" and self.hrefs:
            self.hrefs.pop()

    def handle_data(self, data):
        if self.hidden:
            return
        # HTML's white space, not the no-break spaces an editor put after "w" or "z".
        text = re.sub(r"[ \t\n\r\f]+", " ", data)
        if self.block is None:
            if not text.strip():
                return
            # Text outside any paragraph (a bare line, a <div>) still reads as a paragraph.
            self.block = TextBlock("p")
        href = next((href for href in reversed(self.hrefs) if href), "")
        self.block.runs.append(Run(text, bool(self.bold), bool(self.italic), href))

    def close(self):
        super().close()
        self._end()


def rich_text_blocks(html: str) -> list[TextBlock]:
    parser = _RichTextParser()
    parser.feed(html or "")
    parser.close()
    for block in parser.blocks:
        for run in block.runs:
            if run.href.startswith("/"):
                # Wagtail links its own pages by path: a file read elsewhere needs the site.
                run.href = absolute_url(run.href)
    return parser.blocks


def chart_table(chart: Chart) -> Table:
    """The chart's figures as a table: the page, the PDF and the editable file all show it."""
    if chart.unit:
        value = pgettext("chart table", "Value (%(unit)s)") % {"unit": chart.unit}
    else:
        value = pgettext("chart table", "Value")
    return Table(
        caption=_("The figures of the chart “%(title)s”") % {"title": chart.title},
        header=[pgettext("chart table", "Item"), value],
        rows=[[str(label), format_value(number)] for label, number in chart.rows],
        numeric_columns={1},
    )


# PDF -------------------------------------------------------------------------------------------

PAGE_WIDTH = A4[0] - pdf.MARGINS["leftMargin"] - pdf.MARGINS["rightMargin"]
HEADING_SIZES = {1: 15, 2: 13.5, 3: 12, 4: 10.5}
SOFT = colors.HexColor("#eef3f8")
GRID = colors.HexColor("#777777")


def _pdf_styles():
    styles = pdf.styles()
    body = styles["body"]
    for level, size in HEADING_SIZES.items():
        styles[f"h{level}"] = ParagraphStyle(
            f"h{level}",
            parent=styles["heading"],
            fontSize=size,
            leading=size * 1.3,
            spaceBefore=size,
            keepWithNext=True,
        )
    styles["cell"] = ParagraphStyle("cell", parent=styles["small"], spaceAfter=0)
    styles["number"] = ParagraphStyle("number", parent=styles["cell"], alignment=TA_RIGHT)
    styles["header"] = ParagraphStyle("header", parent=styles["cell"], fontName=pdf.FONT_BOLD)
    styles["header_number"] = ParagraphStyle(
        "header_number", parent=styles["header"], alignment=TA_RIGHT
    )
    styles["caption"] = ParagraphStyle(
        "caption", parent=body, fontName=pdf.FONT_BOLD, spaceBefore=6, keepWithNext=True
    )
    styles["figure"] = ParagraphStyle("figure", parent=styles["small"], spaceBefore=4)
    return styles


def _markup(runs: list[Run]) -> str:
    """ReportLab's paragraph markup for runs of text, every piece of text escaped."""
    parts = []
    for run in runs:
        if run is LINE_BREAK:
            parts.append("<br/>")
            continue
        text = pdf.escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.href:
            href = pdf.escape(run.href).replace('"', "&quot;")
            text = f'<a href="{href}" color="{ACCENT}">{text}</a>'
        parts.append(text)
    return "".join(parts)


def _heading(text, styles, level):
    """A heading that also becomes an entry of the PDF's outline (the reader's bookmarks).

    A plain Paragraph marked with its level, not a subclass: the halves ReportLab makes of a
    paragraph split over a page are built from the class and carry no mark, so one entry each.
    """
    heading = platypus.Paragraph(pdf.escape(text), styles[f"h{level}"])
    heading.outline_text = text
    heading.outline_level = level
    return heading


def _pdf_rich_text(html, styles):
    story = []
    for block in rich_text_blocks(html):
        plain = "".join(run.text for run in block.runs)
        if block.kind == "h":
            story.append(_heading(plain, styles, block.level))
        elif block.kind == "li":
            indent = 14 * block.level
            story.append(
                platypus.Paragraph(
                    _markup(block.runs),
                    ParagraphStyle(
                        "item", parent=styles["body"], leftIndent=indent, bulletIndent=indent - 10
                    ),
                    bulletText=f"{block.number}." if block.ordered else "•",
                )
            )
        else:
            story.append(platypus.Paragraph(_markup(block.runs), styles["body"]))
    return story


def _pdf_table(table: Table, styles):
    header = [
        platypus.Paragraph(
            pdf.escape(text),
            styles["header_number" if index in table.numeric_columns else "header"],
        )
        for index, text in enumerate(table.header)
    ]
    columns = max([len(table.header)] + [len(row) for row in table.rows])
    # A short row is filled with empty cells: ReportLab's grid is a rectangle.
    rows = [
        [
            platypus.Paragraph(
                pdf.escape(text), styles["number" if index in table.numeric_columns else "cell"]
            )
            for index, text in enumerate(row + [""] * (columns - len(row)))
        ]
        for row in table.rows
    ]
    header += [""] * (columns - len(header))
    numeric = [index for index in range(columns) if index in table.numeric_columns]
    if len(numeric) == columns:
        widths = [PAGE_WIDTH / columns] * columns
    else:
        figure = min(32 * mm, PAGE_WIDTH / columns)
        text = (PAGE_WIDTH - figure * len(numeric)) / (columns - len(numeric))
        widths = [figure if index in numeric else text for index in range(columns)]
    grid = platypus.Table([header, *rows], colWidths=widths, repeatRows=1)
    grid.setStyle(
        platypus.TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SOFT),
            ]
        )
    )
    return [platypus.Paragraph(pdf.escape(table.caption), styles["caption"]), grid]


def _pdf_chart(chart: Chart, styles):
    caption = platypus.Paragraph(
        f"<b>{pdf.escape(chart.title)}</b> {pdf.escape(chart.description)}", styles["figure"]
    )
    if not chart.rows:
        return [caption, platypus.Paragraph(pdf.escape(empty_sentence(chart)), styles["body"])]
    largest = max(max(float(value), 0) for _label, value in chart.rows) or 1
    if chart.kind == "column":
        drawings = [_column_drawing(chart, chart.rows, largest)]
    else:
        # A drawing cannot break over a page: the thirty-odd areas of public benefit go in
        # parts, drawn on one scale.
        drawings = [
            _bar_drawing(chart, chart.rows[start : start + BARS_PER_DRAWING], largest)
            for start in range(0, len(chart.rows), BARS_PER_DRAWING)
        ]
    return [
        platypus.Spacer(1, 4 * mm),
        *drawings[:-1],
        platypus.KeepTogether([drawings[-1], caption]),
        *_pdf_table(chart_table(chart), styles),
    ]


BARS_PER_DRAWING = 16


def _bar_drawing(chart: Chart, rows, largest):
    label_width = PAGE_WIDTH * 0.4
    # Every row as tall as the longest label wrapped in its column needs.
    lines = max(len(simpleSplit(str(label), pdf.FONT, 8, label_width - 8)) for label, _ in rows)
    height = (max(lines, 2) * 10 + 8) * len(rows) + 8
    bars = HorizontalBarChart()
    bars.x, bars.y = label_width, 4
    bars.width, bars.height = PAGE_WIDTH - label_width - 90, height - 8
    # The first row on top, as in the table; long labels wrap in their column.
    bars.categoryAxis.reverseDirection = 1
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.textAnchor = "end"
    bars.categoryAxis.labels.maxWidth = label_width - 8
    bars.categoryAxis.labels.dx = -4
    bars.barLabels.boxAnchor = "w"
    bars.barLabels.dx = 3
    return _drawing(bars, chart, rows, largest, height)


def _column_drawing(chart: Chart, rows, largest):
    bars = VerticalBarChart()
    # Twelve months side by side: the labels slant rather than overlap, in room of their own.
    slant = len(rows) > 8
    bars.x, bars.y = 6, 44 if slant else 24
    bars.width, bars.height = PAGE_WIDTH - 12, 48 * mm
    height = bars.y + bars.height + 14
    if slant:
        bars.categoryAxis.labels.angle = 30
        bars.categoryAxis.labels.boxAnchor = "ne"
    else:
        bars.categoryAxis.labels.boxAnchor = "n"
    bars.barLabels.boxAnchor = "s"
    bars.barLabels.dy = 2
    return _drawing(bars, chart, rows, largest, height)


def _drawing(bars, chart: Chart, rows, largest, height):
    bars.data = [[max(float(value), 0) for _label, value in rows]]
    bars.categoryAxis.categoryNames = [str(label) for label, _value in rows]
    bars.categoryAxis.labels.fontName = pdf.FONT
    bars.categoryAxis.labels.fontSize = 8
    bars.categoryAxis.strokeColor = GRID
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = largest
    bars.valueAxis.visible = False
    bars.bars[0].fillColor = colors.HexColor(ACCENT)
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = lambda value: format_value(value, chart.unit)
    bars.barLabels.fontName = pdf.FONT_BOLD
    bars.barLabels.fontSize = 8
    drawing = Drawing(PAGE_WIDTH, height)
    drawing.add(bars)
    return drawing


def _numbered_canvas(footer):
    """A canvas that writes "page n of m" at the foot of each page once it knows m."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._saved_pages = []

        def showPage(self):  # noqa: N802 (ReportLab's name)
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved_pages)
            for state in self._saved_pages:
                self.__dict__.update(state)
                self.setFont(pdf.FONT, 8)
                self.setFillColor(colors.HexColor(MUTED))
                self.drawCentredString(
                    A4[0] / 2,
                    10 * mm,
                    footer % {"number": self._pageNumber, "total": total},
                )
                super().showPage()
            super().save()

    return NumberedCanvas


def render_pdf(document: Document) -> bytes:
    """The document as a PDF: the portal's fonts and margins, an outline of its headings,
    tables whose header row repeats on every page, the charts drawn with their tables."""
    with translation.override(document.language):
        styles = _pdf_styles()
        story = [platypus.Paragraph(pdf.escape(document.title), styles["title"])]
        if document.subtitle:
            story.append(platypus.Paragraph(pdf.escape(document.subtitle), styles["subtitle"]))
        for block in document.blocks:
            if isinstance(block, Heading):
                level = min(max(block.level, 1), 4)
                story.append(_heading(block.text, styles, level))
            elif isinstance(block, Paragraph):
                story.append(platypus.Paragraph(pdf.escape(block.text), styles["body"]))
            elif isinstance(block, RichText):
                story += _pdf_rich_text(block.html, styles)
            elif isinstance(block, Table):
                story += _pdf_table(block, styles)
            elif isinstance(block, Chart):
                story += _pdf_chart(block, styles)
        footer = _("Page %(number)s of %(total)s")
        buffer = io.BytesIO()
        template = pdf.page_template(buffer, title=document.title, language=document.language)
        template.afterFlowable = functools.partial(_outline, template, [])
        template.build(story, canvasmaker=_numbered_canvas(footer))
    return buffer.getvalue()


def _outline(template, levels, flowable):
    """Bookmarks the headings: a PDF reader lists them beside the pages."""
    if hasattr(flowable, "outline_level"):
        key = f"h{len(levels)}"
        template.canv.bookmarkPage(key)
        # The outline starts at 0 and may not skip a level (a document opening on a level 2
        # heading): each entry goes at most one level under the one before.
        level = min(flowable.outline_level - 1, (levels[-1] + 1) if levels else 0)
        levels.append(level)
        template.canv.addOutlineEntry(flowable.outline_text, key, level=level)


# OpenDocument text -----------------------------------------------------------------------------
# Named styles with the names LibreOffice and Word know ("Heading 1", "Text body", "Table
# Contents", "Caption"), so the office finishes the file with its own styles and a table of
# contents finds the headings.

CHART_WIDTH_CM = 16
CHART_HEIGHT_CM = 22


class _OdtStyles:
    def __init__(self, document: OpenDocumentText, language: str):
        styles, automatic = document.styles, document.automaticstyles
        default = odf_style.DefaultStyle(family="paragraph")
        # The office's spelling checker reads the document's language and country.
        country = {"pl": "PL", "uk": "UA", "en": "GB"}.get(language, "none")
        default.addElement(odf_style.TextProperties(language=language, country=country))
        styles.addElement(default)

        def paragraph(name, display, parent=None, automatic_style=False, spacing=None, **text):
            style = odf_style.Style(name=name, family="paragraph")
            if display:
                style.setAttribute("displayname", display)
            if parent:
                style.setAttribute("parentstylename", parent)
            # Paragraph properties come before text properties (the schema's order).
            properties = dict(spacing or {})
            if "align" in text:
                properties["textalign"] = text.pop("align")
            if properties:
                style.addElement(odf_style.ParagraphProperties(**properties))
            if text:
                style.addElement(odf_style.TextProperties(**text))
            (automatic if automatic_style else styles).addElement(style)
            return style

        paragraph("Standard", "Default Paragraph Style")
        self.body = paragraph(
            "Text_20_body", "Text body", "Standard", spacing={"marginbottom": "0.2cm"}
        )
        self.title = paragraph("Title", "Title", "Standard", fontsize="24pt", fontweight="bold")
        self.subtitle = paragraph("Subtitle", "Subtitle", "Standard", fontsize="14pt")
        self.headings = {}
        for level, size in {1: "18pt", 2: "15pt", 3: "13pt", 4: "12pt"}.items():
            style = paragraph(
                f"Heading_20_{level}",
                f"Heading {level}",
                "Standard",
                # A heading never ends a page alone.
                spacing={"margintop": "0.4cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
                fontsize=size,
                fontweight="bold",
            )
            style.setAttribute("defaultoutlinelevel", str(level))
            self.headings[level] = style
        self.cell = paragraph("Table_20_Contents", "Table Contents", "Standard")
        self.header = paragraph(
            "Table_20_Heading", "Table Heading", "Table_20_Contents", fontweight="bold"
        )
        self.caption = paragraph(
            "Caption",
            "Caption",
            "Standard",
            spacing={"margintop": "0.2cm", "marginbottom": "0.2cm", "keepwithnext": "always"},
            fontstyle="italic",
        )
        self.number = paragraph("P_number", None, "Table_20_Contents", True, align="end")
        self.header_number = paragraph(
            "P_header_number", None, "Table_20_Heading", True, align="end"
        )

        def text(name, **properties):
            style = odf_style.Style(name=name, family="text")
            style.addElement(odf_style.TextProperties(**properties))
            automatic.addElement(style)
            return style

        self.runs = {
            (True, False): text("T_bold", fontweight="bold"),
            (False, True): text("T_italic", fontstyle="italic"),
            (True, True): text("T_bold_italic", fontweight="bold", fontstyle="italic"),
        }

        def cell(name, **properties):
            style = odf_style.Style(name=name, family="table-cell")
            style.addElement(
                odf_style.TableCellProperties(
                    border="0.5pt solid #777777", padding="0.1cm", **properties
                )
            )
            automatic.addElement(style)
            return style

        self.table_cell = cell("Cell")
        self.header_cell = cell("HeaderCell", backgroundcolor="#eef3f8")
        self.table = odf_style.Style(name="Table", family="table")
        self.table.addElement(odf_style.TableProperties(width="16.6cm", align="margins"))
        automatic.addElement(self.table)
        self.frame = odf_style.Style(name="Chart", family="graphic")
        self.frame.addElement(odf_style.GraphicProperties(anchortype="as-char"))
        automatic.addElement(self.frame)
        # A4 with the PDF's margins, and the page number at the foot of each page.
        layout = odf_style.PageLayout(name="A4")
        layout.addElement(
            odf_style.PageLayoutProperties(
                pagewidth="21cm",
                pageheight="29.7cm",
                printorientation="portrait",
                margintop="2cm",
                marginbottom="1.5cm",
                marginleft="2.2cm",
                marginright="2.2cm",
            )
        )
        automatic.addElement(layout)
        footer_style = paragraph("Footer", "Footer", "Standard", align="center", fontsize="9pt")
        master = odf_style.MasterPage(name="Standard", pagelayoutname=layout)
        footer = odf_style.Footer()
        number = odf_text.P(stylename=footer_style)
        number.addElement(odf_text.PageNumber(selectpage="current"))
        footer.addElement(number)
        master.addElement(footer)
        document.masterstyles.addElement(master)
        self.lists = {}
        for ordered in (False, True):
            list_style = odf_text.ListStyle(name="L_numbers" if ordered else "L_bullets")
            for level in range(1, 6):
                if ordered:
                    item = odf_text.ListLevelStyleNumber(level=level, numformat="1", numsuffix=".")
                else:
                    item = odf_text.ListLevelStyleBullet(level=level, bulletchar="•")
                item.addElement(
                    odf_style.ListLevelProperties(
                        spacebefore=f"{0.6 * level:.1f}cm", minlabelwidth="0.6cm"
                    )
                )
                list_style.addElement(item)
            automatic.addElement(list_style)
            self.lists[ordered] = list_style


def _odt_runs(element, runs: list[Run], styles: _OdtStyles):
    for run in runs:
        if run is LINE_BREAK:
            element.addElement(odf_text.LineBreak())
            continue
        target = element
        if run.href:
            target = odf_text.A(href=run.href, type="simple")
            element.addElement(target)
        if run.bold or run.italic:
            span = odf_text.Span(stylename=styles.runs[(run.bold, run.italic)])
            target.addElement(span)
            target = span
        teletype.addTextToElement(target, run.text)


def _odt_text(style, text):
    paragraph = odf_text.P(stylename=style)
    teletype.addTextToElement(paragraph, text)
    return paragraph


def _odt_heading(level, runs, styles):
    heading = odf_text.H(outlinelevel=level, stylename=styles.headings[level])
    _odt_runs(heading, runs, styles)
    return heading


def _odt_rich_text(body, html, styles):
    # Consecutive items make one list; a deeper item opens a list inside the previous item.
    stack = []  # (list element, last item) per depth
    for block in rich_text_blocks(html):
        if block.kind != "li":
            stack = []
            if block.kind == "h":
                body.addElement(_odt_heading(block.level, block.runs, styles))
            else:
                paragraph = odf_text.P(stylename=styles.body)
                _odt_runs(paragraph, block.runs, styles)
                body.addElement(paragraph)
            continue
        depth = min(block.level, len(stack) + 1)
        # An item numbered 1 opens a new list (a bulleted list straight after a numbered one).
        del stack[depth - (block.number == 1) :]
        if len(stack) < depth:
            # Each list its own kind (numbers inside bullets too); the style's deeper levels
            # indent the nested ones.
            element = odf_text.List(stylename=styles.lists[block.ordered])
            (stack[-1][1] if stack else body).addElement(element)
            stack.append([element, None])
        item = odf_text.ListItem()
        paragraph = odf_text.P(stylename=styles.body)
        _odt_runs(paragraph, block.runs, styles)
        item.addElement(paragraph)
        stack[-1][0].addElement(item)
        stack[-1][1] = item


def _odt_table(body, table: Table, number, styles):
    body.addElement(_odt_text(styles.caption, table.caption))
    columns = max([len(table.header)] + [len(row) for row in table.rows])
    grid = odf_table.Table(
        name=f"{pgettext('document object', 'Table')} {number}", stylename=styles.table
    )
    grid.addElement(odf_table.TableColumn(numbercolumnsrepeated=columns))

    def row(cells, cell_style, text_style, number_style):
        element = odf_table.TableRow()
        for index in range(columns):
            text = cells[index] if index < len(cells) else ""
            # A string cell, whatever it reads: "=cmd|..." stays text, never a formula.
            cell = odf_table.TableCell(valuetype="string", stylename=cell_style)
            numeric = index in table.numeric_columns
            cell.addElement(_odt_text(number_style if numeric else text_style, text))
            element.addElement(cell)
        return element

    header = odf_table.TableHeaderRows()
    header.addElement(row(table.header, styles.header_cell, styles.header, styles.header_number))
    grid.addElement(header)
    for cells in table.rows:
        grid.addElement(row(cells, styles.table_cell, styles.cell, styles.number))
    body.addElement(grid)


def _odt_chart(document, body, chart: Chart, number, styles):
    if not chart.rows:
        body.addElement(_odt_text(styles.caption, f"{chart.title}. {chart.description}"))
        body.addElement(_odt_text(styles.body, empty_sentence(chart)))
        return
    svg, height = standalone_svg(chart, id_prefix=f"chart-{number}")
    href = document.addPicture(f"Pictures/chart-{number}.svg", "image/svg+xml", svg.encode())
    # The page's width, unless a long chart (every area of public benefit) would then run past
    # the page's foot: then the page's height.
    ratio = height / CHART_SVG_WIDTH
    frame_width = min(CHART_WIDTH_CM, CHART_HEIGHT_CM / ratio)
    frame = odf_draw.Frame(
        stylename=styles.frame,
        name=f"{pgettext('document object', 'Chart')} {number}",
        anchortype="as-char",
        width=f"{frame_width:.2f}cm",
        height=f"{frame_width * ratio:.2f}cm",
    )
    frame.addElement(odf_draw.Image(href=href, type="simple", show="embed", actuate="onLoad"))
    title = odf_svg.Title()
    title.addText(chart.title)
    frame.addElement(title)
    description = odf_svg.Desc()
    description.addText(chart.description)
    frame.addElement(description)
    holder = odf_text.P(stylename=styles.body)
    holder.addElement(frame)
    body.addElement(holder)
    body.addElement(_odt_text(styles.caption, f"{chart.title}. {chart.description}"))
    _odt_table(body, chart_table(chart), f"{number}a", styles)


def render_odt(document: Document) -> bytes:
    """The document as an OpenDocument text (.odt) the office edits in LibreOffice or Word."""
    with translation.override(document.language):
        odt = OpenDocumentText()
        styles = _OdtStyles(odt, document.language)
        odt.meta.addElement(odf_dc.Title(text=document.title))
        odt.meta.addElement(odf_dc.Language(text=document.language))
        body = odt.text
        body.addElement(_odt_text(styles.title, document.title))
        if document.subtitle:
            body.addElement(_odt_text(styles.subtitle, document.subtitle))
        tables = charts = 0
        for block in document.blocks:
            if isinstance(block, Heading):
                level = min(max(block.level, 1), 4)
                body.addElement(_odt_heading(level, [Run(block.text)], styles))
            elif isinstance(block, Paragraph):
                body.addElement(_odt_text(styles.body, block.text))
            elif isinstance(block, RichText):
                _odt_rich_text(body, block.html, styles)
            elif isinstance(block, Table):
                tables += 1
                _odt_table(body, block, tables, styles)
            elif isinstance(block, Chart):
                charts += 1
                _odt_chart(odt, body, block, charts, styles)
        buffer = io.BytesIO()
        odt.write(buffer)
    return buffer.getvalue()


# Downloads -------------------------------------------------------------------------------------

MEDIA_TYPES = {"pdf": "application/pdf", "odt": "application/vnd.oasis.opendocument.text"}
RENDERERS = {"pdf": render_pdf, "odt": render_odt}


def download(document: Document, kind: str, name: str) -> HttpResponse:
    """The document as a file to save: `kind` "pdf" or "odt", `name` without its extension
    (Polish and Ukrainian letters too: RFC 6266's UTF-8 file name, which browsers read)."""
    response = HttpResponse(RENDERERS[kind](document), content_type=MEDIA_TYPES[kind])
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.{kind}")
    return response
