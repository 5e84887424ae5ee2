"""Factories of the advisory bodies (wagtail-factories): the bodies' list and a body's page. Its
terms, members, meetings and resolutions are the page's inline rows: pass them as lists
(``AdvisoryBodyPageFactory(parent=home, members=[AdvisoryBodyMember(...)])``)."""

import wagtail_factories

from pages.council.models import AdvisoryBodyIndexPage, AdvisoryBodyPage


class AdvisoryBodyIndexPageFactory(wagtail_factories.PageFactory):
    title = "Ciała doradcze"
    slug = "ciala-doradcze"

    class Meta:
        model = AdvisoryBodyIndexPage


class AdvisoryBodyPageFactory(wagtail_factories.PageFactory):
    title = "Rada Pożytku"
    slug = "rada"

    class Meta:
        model = AdvisoryBodyPage
