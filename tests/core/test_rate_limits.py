"""Every public form answers a flood with 429 and a message, keeping what was typed."""

import pytest

from pages.centre.models import Advisor, CentrePage, Resource
from pages.consultations.models import ConsultationPage
from pages.leaders.models import LeaderProfile, LeadersIndexPage
from pages.models import PatronageRequestPage
from pages.newsletter.models import NewsletterPage
from tests.helpers import html


@pytest.mark.django_db
def test_every_public_form_refuses_a_flood_with_429_and_keeps_the_input(client, demo, settings):
    settings.PORTAL_APPLICATION_RATE = "2/h"
    pl = {"locale__language_code": "pl"}
    centre = CentrePage.objects.get(**pl)
    leaders = LeadersIndexPage.objects.get(**pl)
    consultation = next(c for c in ConsultationPage.objects.filter(**pl) if c.is_open)
    leader = LeaderProfile.objects.filter(state="approved").first()
    forms = [
        PatronageRequestPage.objects.get(**pl).url,
        NewsletterPage.objects.get(**pl).url,
        leaders.url + "zglos-sie/",
        f"{leaders.url}{leader.pk}/kontakt/",
        f"{centre.url}rezerwacja/{Resource.objects.first().pk}/",
        f"{centre.url}doradztwo/{Advisor.objects.first().pk}/",
        consultation.url,  # residents may comment on the open demo consultation
    ]
    for url in forms:
        data = {
            "full_name": "Ola Próbna",
            "name": "Ola Próbna",
            "email": "ola@example.org",
            "resident_email": "ola@example.org",
        }
        for _attempt in range(2):
            assert client.post(url, data).status_code != 429, url
        refused = client.post(url, data)
        assert refused.status_code == 429, url
        doc = html(refused)
        assert "Zbyt wiele" in doc.select_one(".error-summary").text, url
        typed = doc.select_one("#id_email, #id_resident_email")
        assert typed is not None and typed["value"] == "ola@example.org", url
