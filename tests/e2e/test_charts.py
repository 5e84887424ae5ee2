"""A chart with its table (includes/chart.html) in the portal's styles passes axe and scales."""

from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from pages.documents import Chart

from .conftest import run_axe

STYLES = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def chart_page(language):
    chart = Chart(
        title="Kwoty dotacji według sfer",
        description="Najwięcej otrzymała pomoc społeczna.",
        rows=[
            ("pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej", 1250000),
            ("kultura, sztuka, ochrona dóbr kultury i dziedzictwa narodowego", 625000),
            ("<b>sport</b>", 312500),
        ],
        unit="zł",
    )
    years = Chart(
        "Oferty według lat", "Liczba ofert rośnie.", [("2024", 10), ("2025", 25)], kind="column"
    )
    template = Template(
        '{% load charts %}{% chart amounts "amounts" %}{% chart years "years" %}'
        '{% chart empty "empty" %}'
    )
    with translation.override(language):
        figures = template.render(
            Context({"amounts": chart, "years": years, "empty": Chart("Pusty", "Nic.", [])})
        )
    # The page around it as the portal's base template has it: a language, a title, a main.
    return (
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>Sprawozdanie</title><style>{STYLES.read_text()}</style></head>"
        f'<body><main class="container"><h1>Sprawozdanie</h1>{figures}</main></body></html>'
    )


def test_the_charts_pass_axe_in_every_language_and_on_a_phone(page):
    for language, width in (("pl", 1280), ("en", 1280), ("uk", 1280), ("pl", 360)):
        page.set_viewport_size({"width": width, "height": 900})
        page.set_content(chart_page(language))
        assert run_axe(page) == [], (language, width)


def test_the_chart_scales_to_its_column_and_scrolls_on_a_phone(page):
    page.set_content(chart_page("pl"))
    measure = """() => [...document.querySelectorAll('.chart__svg')].map(svg => [
        svg.getBoundingClientRect().width, svg.parentElement.clientWidth,
        svg.parentElement.scrollWidth])"""
    page.set_viewport_size({"width": 1280, "height": 900})
    for svg, column, _scrolled in page.evaluate(measure):
        # clientWidth is rounded to whole pixels.
        assert abs(svg - column) < 1 and svg < 1280
    page.set_viewport_size({"width": 360, "height": 900})
    for svg, column, scrolled in page.evaluate(measure):
        # Text still readable (28rem wide at least): the picture scrolls in its own box.
        assert svg >= 28 * 16 and column < svg and scrolled > column
