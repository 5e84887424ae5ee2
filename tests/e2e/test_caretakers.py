"""An informal group reads the incubation path and asks to be incubated, in a real browser: a
missing consent is named and what was typed is kept; the centre then has the group."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_a_group_reads_the_path_and_asks_for_incubation(site_with_demo, page):
    from pages.caretakers.models import IncubatedGroup, IncubationPage

    target = IncubationPage.objects.live().get(locale__language_code="pl")
    page.goto(site_with_demo.url + target.url)
    titles = page.locator(".incubation-step h3").all_inner_texts()
    assert titles == [title for _id, title in target.step_list()] and len(titles) >= 3
    assert run_axe(page) == []
    screenshot(page, "incubation-path")
    page.click("main a.button:has-text('Zgłoś grupę do inkubatora')")
    page.fill("#id_name", "Miłośnicy Przykładowego Lasu")
    page.select_option("#id_legal_form", "foundation")
    page.fill("#id_activity", "Sadzimy drzewa i uczymy dzieci o lesie.")
    page.fill("#id_contact_name", "Osoba Testowa")
    page.fill("#id_contact_email", "las-e2e@example.org")
    page.click("form button:has-text('Wyślij')")
    page.locator(".error-summary").wait_for(state="visible")
    assert page.input_value("#id_activity") == "Sadzimy drzewa i uczymy dzieci o lesie."
    assert page.input_value("#id_name") == "Miłośnicy Przykładowego Lasu"
    assert run_axe(page) == []
    page.check("#id_consent")
    page.click("form button:has-text('Wyślij')")
    page.wait_for_selector("text=Zgłoszenie dotarło do Centrum")
    group = IncubatedGroup.objects.get(name="Miłośnicy Przykładowego Lasu")
    assert group.legal_form == "foundation" and group.status == "new"
    assert group.page_id == target.pk
