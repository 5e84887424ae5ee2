"""Charts drawn on the server as inline SVG: no JavaScript, readable by a screen reader.

A chart is an image with a name (`<title>`) and a description (`<desc>`) that `aria-labelledby`
points at; every bar carries its label and its value as text, so the picture can be read
without guessing lengths, and the page shows the same figures as a table beside it
(`includes/chart.html`). The same SVG, standalone, is the image of the OpenDocument file.

Sizes are in the viewBox's units: the SVG scales to its container's width. Colours are the
portal's (`static/css/portal.css`): the accent on white is 8.2:1, well above the 3:1 WCAG AA asks
of graphics, and the text is the portal's ink.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    # Only named: pages.documents draws its charts with this module.
    from pages.documents import Chart

INK = "#1a1a1a"
ACCENT = "#0b4f8a"
MUTED = "#4a4a4a"
FONT_FAMILY = "system-ui, 'DejaVu Sans', 'Noto Sans', sans-serif"
WIDTH = 640
FONT_SIZE = 15
LINE = 20
# A label longer than this many characters wraps onto the next line (areas of public benefit
# run to eighty characters and more).
LABEL_CHARACTERS = 68
BAR_HEIGHT = 22
# Room kept right of the longest bar for its value ("1 250 000 zł").
VALUE_ROOM = 150
COLUMN_AREA = 240
# Room left and right of the columns for the values centred over the outer ones.
COLUMN_MARGIN = 24
STAGGER = 14


def format_value(value, unit=""):
    """A figure as the active language writes it: 1 250 000,50 zł in Polish, 1,250,000.50 zł
    in English; whole numbers without decimals."""
    number = Decimal(str(value))
    decimals = 0 if number == number.to_integral_value() else 2
    text = formats.number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{text}\N{NO-BREAK SPACE}{unit}" if unit else text


def empty_sentence(chart: Chart) -> str:
    return _("No data to show in the chart “%(title)s”.") % {"title": chart.title}


def render_chart(chart: Chart, *, id_prefix: str) -> SafeString:
    """The chart as inline SVG for a page, or a sentence when it has no rows."""
    if not chart.rows:
        return format_html('<p class="chart__empty">{}</p>', empty_sentence(chart))
    return mark_safe(chart_svg(chart, id_prefix=id_prefix))


def chart_svg(chart: Chart, *, id_prefix: str) -> str:
    """The SVG markup for a page. Every piece of text is escaped: labels are what editors and
    organizations typed."""
    return _svg(chart, id_prefix, standalone=False)[0]


def standalone_svg(chart: Chart, *, id_prefix: str) -> tuple[str, float]:
    """An SVG file of its own (the OpenDocument file's picture) and its height for WIDTH."""
    return _svg(chart, id_prefix, standalone=True)


def _svg(chart: Chart, id_prefix: str, standalone: bool):
    draw = _columns if chart.kind == "column" else _bars
    height, shapes = draw(chart)
    size = f' width="{WIDTH}" height="{height}"' if standalone else ""
    prefix = escape(id_prefix)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg"'
        f' viewBox="0 0 {WIDTH} {height}"{size} role="img"'
        f' aria-labelledby="{prefix}-title {prefix}-desc"'
        f' font-family="{FONT_FAMILY}" font-size="{FONT_SIZE}" fill="{INK}">'
        f'<title id="{prefix}-title">{escape(chart.title)}</title>'
        f'<desc id="{prefix}-desc">{escape(chart.description)}</desc>'
        f"{''.join(shapes)}</svg>"
    )
    if standalone:
        svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + svg
    return svg, height


def _largest(chart: Chart):
    # Negative figures are not what these charts show (counts, amounts): they draw no bar but
    # keep their value as text.
    return max((float(value) for _label, value in chart.rows), default=0) or 1


def _bars(chart: Chart):
    """Horizontal bars, each under its label: a long label gets the full width, not a margin."""
    largest = _largest(chart)
    room = WIDTH - VALUE_ROOM
    y = 0
    shapes = []
    for label, value in chart.rows:
        lines = textwrap.wrap(str(label), LABEL_CHARACTERS) or [""]
        text = "".join(
            f'<tspan x="0" dy="{LINE if index else 0}">{escape(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        y += LINE - 4
        shapes.append(f'<text class="chart__label" x="0" y="{y}">{text}</text>')
        y += LINE * (len(lines) - 1) + 6
        length = round(max(float(value), 0) / largest * room, 2)
        shapes.append(
            f'<rect class="chart__bar" x="0" y="{y}" width="{length}" height="{BAR_HEIGHT}"'
            f' fill="{ACCENT}"/>'
        )
        shapes.append(
            f'<text class="chart__value" x="{length + 6}" y="{y + BAR_HEIGHT - 6}"'
            f' font-weight="bold">{escape(format_value(value, chart.unit))}</text>'
        )
        y += BAR_HEIGHT + 12
    return y, shapes


def _columns(chart: Chart):
    """Vertical columns over short labels (years, months), the value above each column."""
    largest = _largest(chart)
    slot = (WIDTH - 2 * COLUMN_MARGIN) / len(chart.rows)
    width = round(min(slot * 0.7, 90), 2)
    # Many columns (twelve months) leave little room: the text is smaller and every other label
    # and value moves one line further out, so neighbours never overlap.
    stagger = slot < 70
    size = 12 if stagger else FONT_SIZE
    top = LINE + 4 + (STAGGER if stagger else 0)
    baseline = top + COLUMN_AREA
    shapes = [
        f'<line class="chart__axis" x1="0" x2="{WIDTH}" y1="{baseline}" y2="{baseline}"'
        f' stroke="{MUTED}" stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(chart.rows):
        shift = STAGGER if stagger and index % 2 else 0
        centre = round(COLUMN_MARGIN + slot * index + slot / 2, 2)
        length = round(max(float(value), 0) / largest * COLUMN_AREA, 2)
        shapes.append(
            f'<rect class="chart__bar" x="{round(centre - width / 2, 2)}" y="{baseline - length}"'
            f' width="{width}" height="{length}" fill="{ACCENT}"/>'
        )
        shapes.append(
            f'<text class="chart__value" x="{centre}" y="{baseline - length - 6 - shift}"'
            f' text-anchor="middle" font-size="{size}" font-weight="bold">'
            f"{escape(format_value(value, chart.unit))}</text>"
        )
        shapes.append(
            f'<text class="chart__label" x="{centre}" y="{baseline + LINE + shift}"'
            f' text-anchor="middle" font-size="{size}">{escape(label)}</text>'
        )
    return baseline + LINE + 8 + (STAGGER if stagger else 0), shapes
