"""Factories of the Public Benefit Council (wagtail-factories): its page. Its members, meetings,
terms and resolutions are the page's inline rows: pass them as lists
(``CouncilPageFactory(parent=home, members=[CouncilMember(...)])``)."""

import wagtail_factories

from pages.council.models import CouncilPage


class CouncilPageFactory(wagtail_factories.PageFactory):
    title = "Rada Pożytku"
    slug = "rada"

    class Meta:
        model = CouncilPage
