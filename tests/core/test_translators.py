"""Translators at work, from their side: finding Polish pages, starting and updating
translations, and what publishing the Polish page brings to the translations."""

import json

import pytest
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Locale, Page

from pages import roles
from pages.identifiers import fictional_nip, fictional_regon
from pages.models import OrganizationPage
from tests.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.core.test_workflows import act, current, submit, user_in
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory
from tests.helpers import html
from tests.volunteering.factories import VolunteerOfferPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(homes):
    index = OrganizationIndexPageFactory(parent=homes["pl"])
    index.save_revision().publish()
    profile = OrganizationPageFactory(
        parent=index,
        title="Fundacja Srebrny Wiek",
        slug="srebrny-wiek",
        nip=fictional_nip(1),
        regon=fictional_regon(1),
        phone="+48 000 100 100",
        description=[("paragraph", "<p>Pomagamy seniorom w codziennych sprawach.</p>")],
    )
    profile.save_revision().publish()
    return index, profile


@pytest.fixture
def translator(db):
    return user_in(roles.TRANSLATORS, "tlumaczka")


def explore(client, page):
    return html(client.get(reverse("wagtailadmin_explore", args=[page.pk])))


def row_of(doc, title):
    for row in doc.select("tbody tr"):
        if title in row.get_text():
            return row
    return None


def translate_links(row):
    return [a["href"] for a in row.select("a[href*='/localize/submit/page/']")]


def translate_with_localize(page, locale, user, prefix):
    """What the translator does in wagtail-localize's editor: translate every string, publish."""
    from wagtail_localize.models import StringSegment, StringTranslation, Translation
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(user, [locale]).create_translations(page)
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale
    )
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": f"{prefix} {segment.string.data}"},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=user, publish=True)
    return page.get_translation(locale).specific


# 1. Finding and starting translations.


def test_a_translator_finds_a_polish_profile_and_starts_its_translation(
    client, homes, directory, translator
):
    index, profile = directory
    client.force_login(translator)
    # The Polish tree is there in the explorer: the home, the directory, the profile.
    root = explore(client, Page.get_first_root_node())
    assert row_of(root, homes["pl"].title) is not None
    row = row_of(explore(client, index), "Fundacja Srebrny Wiek")
    assert row is not None, "the translator sees the Polish profile in the page listing"
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[profile.pk])
    assert translate_links(row) == [submit_url]

    form = client.get(submit_url)
    assert form.status_code == 200
    english = homes["en"].locale
    response = client.post(submit_url, {"locales": [english.pk]})
    translated = profile.get_translation(english)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[translated.pk])
    editor = client.get(response.url)
    assert editor.status_code == 200
    # The edit view of a translation is wagtail-localize's translation editor.
    props = json.loads(html(editor).select_one(".js-translation-editor")["data-props"])
    assert props["object"]["title"] == "Fundacja Srebrny Wiek"
    assert props["locale"]["code"] == "en"
    # Once translated into English, the Ukrainian translation is still to start.
    row = row_of(explore(client, index), "Fundacja Srebrny Wiek")
    assert translate_links(row) == [submit_url]


def test_a_translator_still_cannot_edit_or_publish_the_polish_page(client, directory, translator):
    index, profile = directory
    client.force_login(translator)
    row = row_of(explore(client, index), "Fundacja Srebrny Wiek")
    edit_url = reverse("wagtailadmin_pages:edit", args=[profile.pk])
    assert not row.select(f"a[href='{edit_url}']"), "no edit link on the Polish profile"
    refused = client.get(edit_url)
    assert refused.status_code == 302 and refused.url == "/admin/"
    client.post(edit_url, {"title": "Zmieniona", "slug": "srebrny-wiek", "action-publish": "1"})
    assert OrganizationPage.objects.get(pk=profile.pk).title == "Fundacja Srebrny Wiek"
    add_child = client.get(reverse("wagtailadmin_pages:add_subpage", args=[index.pk]))
    assert add_child.status_code in (302, 403)


def test_an_ngo_editor_does_not_see_the_translate_action(client, directory):
    index, profile = directory
    ngo = user_in(profile.editor_group, "ngo")
    offer = VolunteerOfferPageFactory(parent=profile, title="Spacery z seniorami")
    offer.save_revision().publish()
    client.force_login(ngo)
    # Its own profile (the header's actions) and its offer (a row): nothing to translate.
    listing = explore(client, profile)
    assert row_of(listing, "Spacery z seniorami") is not None
    assert not listing.select("a[href*='/localize/submit/page/']")
    header = client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk])).content.decode()
    assert "/localize/submit/page/" not in header
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[profile.pk])
    assert client.get(submit_url).status_code in (302, 403)
    english = Locale.objects.get(language_code="en")
    client.post(submit_url, {"locales": [english.pk]})
    assert profile.get_translations().count() == 0
    # The Polish tree stays the NGO editor's own subtree only.
    assert row_of(explore(client, Page.get_first_root_node()), "NGO portal") is None


def test_the_dashboard_lists_pages_to_translate_with_a_link_to_start(
    client, homes, locales, directory, translator
):
    _index, profile = directory
    client.force_login(translator)
    dashboard = html(client.get(reverse("wagtailadmin_home")))
    panel = dashboard.find(id="untranslated-pages-heading").find_parent("section")
    link = panel.find(
        "a", href=reverse("wagtail_localize:submit_page_translation", args=[profile.pk])
    )
    assert link is not None and "Fundacja Srebrny Wiek" in link.find_parent("li").get_text()

    for code in ("en", "uk"):
        translate_with_localize(profile, locales[code], translator, code.upper())
    dashboard = html(client.get(reverse("wagtailadmin_home")))
    heading = dashboard.find(id="untranslated-pages-heading")
    listed = heading.find_parent("section").get_text() if heading else ""
    assert "Fundacja Srebrny Wiek" not in listed


# 2. Synchronized fields reach every translation when the source is published.


def test_a_published_change_of_nip_and_phone_reaches_every_translation(
    client, locales, directory, translator
):
    _index, profile = directory
    english = translate_with_localize(profile, locales["en"], translator, "EN")
    ukrainian = translate_with_localize(profile, locales["uk"], translator, "UK")
    editor = user_in(roles.CITY_EDITORS, "redaktorka")

    profile = OrganizationPage.objects.get(pk=profile.pk)
    profile.nip = fictional_nip(2)
    profile.phone = "+48 000 200 200"
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile.save_revision(user=editor).publish(user=editor)

    for translated in (english, ukrainian):
        page = client.get(translated.url)
        text = page.content.decode()
        assert page.status_code == 200
        assert fictional_nip(2) in text and "+48 000 200 200" in text
        assert fictional_nip(1) not in text and "+48 000 100 100" not in text
        revision = OrganizationPage.objects.get(pk=translated.pk).latest_revision
        assert revision.user == editor
    # The translator's description stays translated.
    assert "EN Pomagamy seniorom" in client.get(english.url).content.decode()
    assert "UK Pomagamy seniorom" in client.get(ukrainian.url).content.decode()
    # The Polish profile was published once: the translations' publication did not loop back.
    assert profile.revisions.count() == 2


def test_an_approved_change_reaches_the_translations_under_the_approvers_name(
    client, locales, directory, translator
):
    _index, profile = directory
    english = translate_with_localize(profile, locales["en"], translator, "EN")
    ngo = user_in(profile.editor_group, "ngo")
    moderator = user_in(roles.CITY_MODERATORS, "moderatorka")
    second = user_in(roles.CITY_EDITORS, "redaktorka")

    profile = OrganizationPage.objects.get(pk=profile.pk)
    profile.phone = "+48 000 300 300"
    state = submit(profile, ngo)
    act(state.current_task_state, moderator, "approve")
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(current(state).current_task_state, second, "approve")

    assert current(state).status == "approved"
    assert "+48 000 300 300" in client.get(english.url).content.decode()
    assert OrganizationPage.objects.get(pk=english.pk).latest_revision.user == second


def test_a_draft_translation_stays_a_draft_after_the_source_is_published(
    client, locales, directory, translator
):
    from wagtail_localize.operations import TranslationCreator

    _index, profile = directory
    TranslationCreator(translator, [locales["en"]]).create_translations(profile)
    english = profile.get_translation(locales["en"])
    assert not english.live

    profile = OrganizationPage.objects.get(pk=profile.pk)
    profile.phone = "+48 000 400 400"
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile.save_revision().publish()

    english = OrganizationPage.objects.get(pk=english.pk)
    assert not english.live
    assert english.phone == "+48 000 400 400"  # the draft has it, for the translator's preview
    assert client.get(f"/en/{english.url_path.split('/', 2)[2]}").status_code == 404


def test_the_dashboard_names_a_translation_whose_source_brought_new_text(
    client, locales, directory, translator
):
    _index, profile = directory
    translate_with_localize(profile, locales["en"], translator, "EN")
    client.force_login(translator)
    heading = html(client.get(reverse("wagtailadmin_home"))).find(
        id="outdated-translations-heading"
    )
    assert heading is None

    profile = OrganizationPage.objects.get(pk=profile.pk)
    profile.description = [("paragraph", "<p>Od maja także dla rodzin.</p>")]
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile.save_revision().publish()
    dashboard = html(client.get(reverse("wagtailadmin_home")))
    panel = dashboard.find(id="outdated-translations-heading").find_parent("section")
    english = profile.get_translation(locales["en"])
    assert panel.find("a", href=reverse("wagtailadmin_pages:edit", args=[english.pk]))


# 3. The translation editor's page chooser reads the admin API.


def test_the_translation_editors_page_chooser_gets_the_chosen_organization(
    client, locales, directory, translator
):
    _index, profile = directory
    offer = VolunteerOfferPageFactory(parent=profile, title="Spacery z seniorami")
    offer.save_revision().publish()
    from wagtail_localize.operations import TranslationCreator

    TranslationCreator(translator, [locales["en"]]).create_translations(offer)
    english_offer = offer.get_translation(locales["en"])
    client.force_login(translator)
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english_offer.pk]))
    props = json.loads(html(editor).select_one(".js-translation-editor")["data-props"])
    choosers = [
        segment
        for segment in props["segments"]
        if segment["type"] == "synchronised_value"
        and segment["location"]["widget"]["type"] == "page_chooser"
    ]
    assert choosers, "the offer's organization is a page chooser in the translation editor"
    for segment in choosers:
        # What the editor's JavaScript fetches: `${adminBaseUrl}api/main/pages/${id}/`.
        url = f"{props['adminBaseUrl']}api/main/pages/{segment['value']}/"
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json"
        assert response.json()["id"] == segment["value"]


def test_a_page_the_admin_api_does_not_have_is_a_404_not_a_public_page(client, translator):
    client.force_login(translator)
    response = client.get("/admin/api/main/pages/999999/")
    # Not a redirect to /pl/admin/api/main/pages/999999/ (the public site's HTML 404 page).
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    # Public addresses without their language still find it.
    assert client.get("/organizacje/").status_code == 302


# 4. Editor forms list the terms of the page's language.


def checkbox_labels(doc, name):
    return [
        box.find_parent("label").get_text(strip=True)
        for box in doc.select(f"input[type=checkbox][name={name}]")
    ]


def test_the_organization_edit_form_lists_each_area_once_in_polish(admin_client, directory):
    from pages.models import AreaOfPublicBenefit, District

    _index, profile = directory
    doc = html(admin_client.get(reverse("wagtailadmin_pages:edit", args=[profile.pk])))
    areas = checkbox_labels(doc, "areas")
    polish = AreaOfPublicBenefit.objects.filter(locale__language_code="pl")
    assert len(areas) == polish.count() == len(set(areas))
    assert sorted(areas) == sorted(area.name for area in polish)
    assert AreaOfPublicBenefit.objects.count() > polish.count()  # the other languages exist
    districts = [
        option.get_text(strip=True) for option in doc.select("select[name=districts] option")
    ]
    polish = District.objects.filter(locale__language_code="pl")
    assert sorted(districts) == sorted(district.name for district in polish)


def term_choices(doc, name):
    """The labels a field offers, as checkboxes or as a list to choose from."""
    boxes = doc.select(f"input[type=checkbox][name={name}]")
    if boxes:
        return sorted(box.find_parent("label").get_text(strip=True) for box in boxes)
    options = doc.select(f"select[name={name}] option")
    return sorted(option.get_text(strip=True) for option in options if option.get("value"))


def names_in(model, code):
    return sorted(model.objects.filter(locale__language_code=code).values_list("name", flat=True))


def test_every_family_offers_the_terms_of_its_language(admin_client, homes, directory):
    from pages.models import AreaOfPublicBenefit

    _index, profile = directory
    offer = VolunteerOfferPageFactory(parent=profile, title="Spacery z seniorami")
    calendar = CalendarPageFactory(parent=homes["pl"])
    event = EventPageFactory(parent=calendar, title="Piknik sąsiedzki")
    for page, fields in (
        # (A district or a category is chosen in Wagtail's snippet chooser, which has a
        # language filter of its own.)
        (offer, {"areas": AreaOfPublicBenefit}),
        (event, {"areas": AreaOfPublicBenefit}),
    ):
        doc = html(admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
        for name, model in fields.items():
            assert term_choices(doc, name) == names_in(model, "pl"), (page, name)
    # A new event in the English calendar: the English terms.
    english_calendar = CalendarPageFactory(parent=homes["en"], slug="calendar")
    add_url = reverse(
        "wagtailadmin_pages:add", args=["ngo_calendar", "eventpage", english_calendar.pk]
    )
    doc = html(admin_client.get(add_url))
    assert term_choices(doc, "areas") == names_in(AreaOfPublicBenefit, "en")


def test_a_translated_profile_edited_in_the_form_keeps_its_areas(admin_client, homes, directory):
    from pages.models import AreaOfPublicBenefit

    _index, profile = directory
    chosen = AreaOfPublicBenefit.objects.filter(locale__language_code="pl").order_by("pk")[:2]
    profile.areas.set(chosen)
    profile.save_revision().publish()
    english = profile.copy_for_translation(homes["en"].locale, copy_parents=True)
    assert set(english.areas.all()) == set(chosen)  # synchronized: the Polish terms

    doc = html(admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk])))
    assert term_choices(doc, "areas") == names_in(AreaOfPublicBenefit, "en")
    checked = sorted(
        box.find_parent("label").get_text(strip=True)
        for box in doc.select("input[type=checkbox][name=areas][checked]")
    )
    # Shown as their English translations, so saving the form keeps them.
    assert checked == sorted(
        AreaOfPublicBenefit.objects.filter(
            locale__language_code="en", translation_key__in=[a.translation_key for a in chosen]
        ).values_list("name", flat=True)
    )


def test_a_translation_in_review_gets_the_new_nip_without_its_pending_text_going_public(
    client, locales, directory, translator
):
    from wagtail.models import Workflow

    _index, profile = directory
    english = translate_with_localize(profile, locales["en"], translator, "EN")
    # The translator's next version waits in the city's review: its title changed in the
    # translation editor (wagtail-localize keeps it as the title's translation) and in a revision.
    from wagtail_localize.models import StringTranslation

    StringTranslation.objects.filter(locale=locales["en"], data="EN Fundacja Srebrny Wiek").update(
        data="EN Pending title"
    )
    english = OrganizationPage.objects.get(pk=english.pk)
    english.title = "EN Pending title"
    english.save_revision(user=translator)
    state = Workflow.objects.get(name=roles.CITY_PUBLICATION_WORKFLOW).start(english, translator)

    profile = OrganizationPage.objects.get(pk=profile.pk)
    profile.nip = fictional_nip(2)
    with TestCase.captureOnCommitCallbacks(execute=True):
        profile.save_revision().publish()

    text = client.get(english.url).content.decode()
    assert fictional_nip(2) in text and fictional_nip(1) not in text
    assert "EN Pending title" not in text
    # Approved later, the version written before the change keeps the new NIP.
    editor = user_in(roles.CITY_EDITORS, "redaktorka")
    with TestCase.captureOnCommitCallbacks(execute=True):
        act(state.current_task_state, editor, "approve")
    text = client.get(OrganizationPage.objects.get(pk=english.pk).url).content.decode()
    assert "EN Pending title" in text
    assert fictional_nip(2) in text and fictional_nip(1) not in text
