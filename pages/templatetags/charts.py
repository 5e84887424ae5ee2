"""`{% chart chart "id-prefix" %}`: a `pages.documents.Chart` as a figure with its table."""

from django import template
from django.utils.text import slugify

from pages.charts import render_chart
from pages.documents import chart_table

register = template.Library()


@register.inclusion_tag("includes/chart.html")
def chart(chart, id_prefix=""):
    # The ids of <title> and <desc> must be unique in the page: a page with two charts of the
    # same title passes its own prefixes.
    prefix = id_prefix or f"chart-{slugify(chart.title, allow_unicode=True)[:40]}"
    return {
        "chart": chart,
        "id_prefix": prefix,
        "picture": render_chart(chart, id_prefix=prefix),
        "table": chart_table(chart) if chart.rows else None,
    }
