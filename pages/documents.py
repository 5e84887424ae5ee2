"""A document as plain data, rendered to PDF (ReportLab) or to an editable OpenDocument text.

Reports the office finishes by hand (the yearly cooperation report first) are built once as a
`Document` and rendered twice, so the PDF and the editable file never disagree. Charts are data
too (`Chart`): the page draws them as accessible SVG (`pages.charts`), the PDF as ReportLab
drawings and the OpenDocument file as an embedded SVG image, each with the same table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


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


def render_pdf(document: Document) -> bytes:
    raise NotImplementedError("pages.documents.render_pdf: being written (issue 23)")


def render_odt(document: Document) -> bytes:
    raise NotImplementedError("pages.documents.render_odt: being written (issue 23)")
