"""``{% district_councils_page as councils %}``: the district councils' list in the reader's
language (the host's footer links it), read once per content generation."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

from pages.layout_cache import layout_cached

from ..models import DistrictCouncilIndexPage

register = template.Library()


@register.simple_tag
def district_councils_page():
    return layout_cached(
        "district-councils",
        (get_language(),),
        lambda: (
            DistrictCouncilIndexPage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .first()
        ),
    )
