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


def test_the_charts_pass_axe_in_every_language(page):
    for language in ("pl", "en", "uk"):
        page.set_content(chart_page(language))
        assert run_axe(page) == [], language


def test_the_chart_scales_to_its_column(page):
    page.set_content(chart_page("pl"))
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('.chart__svg')].map(
                svg => [svg.getBoundingClientRect().width, svg.parentElement.clientWidth])"""
        )
        assert len(sizes) == 2
        for svg, column in sizes:
            # clientWidth is rounded to whole pixels.
            assert abs(svg - column) < 1 and svg < width
