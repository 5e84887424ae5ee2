"""Roles and workflows from the side of each person: NGO editors, moderators, translators."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from wagtail.models import TaskState, Workflow, WorkflowState

from pages import roles
from pages.models import OrganizationPage, StandardPage
from pages.volunteering.models import VolunteerOfferPage
from tests.factories import (
    OrganizationIndexPageFactory,
    OrganizationPageFactory,
    StandardPageFactory,
)
from tests.helpers import html
from tests.volunteering.factories import VolunteerOfferIndexPageFactory, VolunteerOfferPageFactory


def user_in(group_name_or_group, username):
    user = User.objects.create_user(username, f"{username}@example.org", "x" * 12)
    group = (
        group_name_or_group
        if isinstance(group_name_or_group, Group)
        else Group.objects.get(name=group_name_or_group)
    )
    user.groups.add(group)
    return user


@pytest.fixture
def directory(homes):
    index = OrganizationIndexPageFactory(parent=homes["pl"])
    index.save_revision().publish()
    first = OrganizationPageFactory(parent=index, title="Fundacja Pierwsza")
    first.save_revision().publish()
    second = OrganizationPageFactory(parent=index, title="Fundacja Druga")
    second.save_revision().publish()
    return index, first, second


@pytest.fixture
def people(directory):
    _index, first, second = directory
    return {
        "ngo": user_in(first.editor_group, "ngo"),
        "other_ngo": user_in(second.editor_group, "inna"),
        "moderator": user_in(roles.CITY_MODERATORS, "moderator"),
        "editor": user_in(roles.CITY_EDITORS, "redaktor"),
        "translator": user_in(roles.TRANSLATORS, "tlumacz"),
    }


def submit(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


def act(task_state, user, action, comment=""):
    task_state = TaskState.objects.get(pk=task_state.pk).specific
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


def current(workflow_state):
    return WorkflowState.objects.get(pk=workflow_state.pk)


@pytest.mark.django_db
def test_a_first_time_organization_gets_a_second_review_then_one(directory, people):
    _index, first, _second = directory
    state = submit(first, people["ngo"])
    assert state.workflow.name == roles.NGO_REVIEW_WORKFLOW
    assert state.current_task_state.task.name == roles.NGO_REVIEW_TASK

    act(state.current_task_state, people["moderator"], "approve")
    state = current(state)
    assert state.status == "in_progress"
    assert state.current_task_state.task.name == roles.FIRST_TIME_TASK
    act(state.current_task_state, people["editor"], "approve")
    assert current(state).status == "approved"

    # The organization's next submission, an offer beneath its profile: one review only.
    offer = VolunteerOfferPageFactory(parent=first, live=False)
    state = submit(offer, people["ngo"])
    assert state.workflow.name == roles.NGO_REVIEW_WORKFLOW
    act(state.current_task_state, people["moderator"], "approve")
    assert current(state).status == "approved"
    assert VolunteerOfferPage.objects.get(pk=offer.pk).live


@pytest.mark.django_db
def test_a_rejection_reaches_the_ngo_with_the_comment(directory, people):
    _index, first, _second = directory
    state = submit(first, people["ngo"])
    mail.outbox.clear()
    act(state.current_task_state, people["moderator"], "reject", comment="Uzupełnij adres.")
    assert current(state).status == "needs_changes"
    to_ngo = [m for m in mail.outbox if people["ngo"].email in m.to]
    assert to_ngo, "the NGO editor is told by e-mail"
    assert TaskState.objects.get(pk=state.current_task_state.pk).comment == "Uzupełnij adres."


@pytest.mark.django_db
def test_an_ngo_editor_cannot_approve_their_own_submission(client, directory, people):
    _index, first, _second = directory
    state = submit(first, people["ngo"])
    client.force_login(people["ngo"])
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[first.pk, "approve", state.current_task_state.pk],
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    assert current(state).current_task_state.status == "in_progress"
    assert current(state).status == "in_progress"


@pytest.mark.django_db
def test_an_ngo_editor_cannot_reach_another_organization(client, directory, people):
    _index, first, second = directory
    client.force_login(people["ngo"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[first.pk])).status_code == 200
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[second.pk]))
    assert refused.status_code == 302 and refused.url == "/admin/"
    history = client.get(reverse("wagtailadmin_pages:history", args=[second.pk]))
    assert history.status_code in (302, 403)


@pytest.mark.django_db
def test_translators_work_on_translations_only(client, homes, locales, people):
    source = StandardPageFactory(parent=homes["pl"], title="Źródło", slug="zrodlo")
    source.save_revision().publish()
    translation = source.copy_for_translation(locales["uk"])
    translation.save_revision().publish()
    client.force_login(people["translator"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[translation.pk])).status_code == 200
    refused = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))
    assert refused.status_code == 302 and refused.url == "/admin/"
    # Publishing the Polish source by a direct POST changes nothing.
    client.post(
        reverse("wagtailadmin_pages:edit", args=[source.pk]),
        {"title": "Zmienione", "slug": "zrodlo", "action-publish": "1"},
    )
    assert StandardPage.objects.get(pk=source.pk).title == "Źródło"
    assert people["translator"].has_perm("wagtail_localize.submit_translation")


@pytest.mark.django_db
def test_city_pages_go_through_city_publication(homes, people):
    page = StandardPageFactory(parent=homes["pl"])
    assert page.get_workflow().name == roles.CITY_PUBLICATION_WORKFLOW
    english = StandardPageFactory(parent=homes["en"])
    assert english.get_workflow().name == roles.CITY_PUBLICATION_WORKFLOW


@pytest.mark.django_db
def test_roles_are_made_once(homes):
    roles.ensure_roles()
    roles.ensure_roles()
    assert Workflow.objects.filter(name=roles.NGO_REVIEW_WORKFLOW).count() == 1
    assert Workflow.objects.filter(name=roles.CITY_PUBLICATION_WORKFLOW).count() == 1
    assert Group.objects.filter(name=roles.TRANSLATORS).count() == 1


@pytest.mark.django_db
def test_drafts_never_reach_anonymous_visitors(client, homes, directory):
    _index, first, _second = directory
    listing = VolunteerOfferIndexPageFactory(parent=homes["pl"])
    listing.save_revision().publish()
    draft = VolunteerOfferPageFactory(parent=first, live=False, title="Tajny szkic oferty")
    draft.save_revision()
    assert client.get(draft.url or f"{first.url}{draft.slug}/").status_code == 404
    for path in [
        listing.url,
        listing.url + "kanal/",
        "/pl/szukaj/?q=szkic",
    ]:
        assert "Tajny szkic" not in client.get(path).content.decode(), path
    assert f"/{draft.slug}/" not in client.get("/sitemap-pages.xml").content.decode()


@pytest.mark.django_db
def test_machine_translation_is_a_draft_a_translator_reviews(
    client, homes, locales, people, settings
):
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource

    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
        "OPTIONS": {},
    }
    source = StandardPageFactory(parent=homes["pl"], title="Dobry sąsiad pomaga", slug="sasiad")
    source.save_revision().publish()
    translation_source, _ = TranslationSource.get_or_create_from_instance(source)
    translation = Translation.objects.create(source=translation_source, target_locale=locales["uk"])
    translation.save_target(publish=False)

    client.force_login(people["translator"])
    response = client.post(reverse("wagtail_localize:machine_translate", args=[translation.pk]))
    assert response.status_code == 302
    drafted = StringTranslation.objects.filter(locale=locales["uk"])
    assert drafted.filter(data="pomaga sąsiad Dobry").exists()  # the dummy reverses the words
    assert drafted.first().translation_type == "machine"
    # Nothing reaches residents until the translator publishes.
    target = source.get_translation(locales["uk"])
    assert not target.live


def test_machine_translation_is_configured_from_the_environment(monkeypatch):
    from portal.settings import env

    monkeypatch.delenv("MACHINE_TRANSLATION", raising=False)
    assert env.machine_translator("MACHINE_TRANSLATION") is None
    monkeypatch.setenv("MACHINE_TRANSLATION", "libretranslate")
    monkeypatch.setenv("MACHINE_TRANSLATION_URL", "https://translate.example.org")
    config = env.machine_translator("MACHINE_TRANSLATION")
    assert config["OPTIONS"]["LIBRETRANSLATE_URL"] == "https://translate.example.org"
    monkeypatch.setenv("MACHINE_TRANSLATION", "deepl")
    monkeypatch.delenv("MACHINE_TRANSLATION_KEY", raising=False)
    with pytest.raises(env.ConfigurationError, match="MACHINE_TRANSLATION_KEY"):
        env.machine_translator("MACHINE_TRANSLATION")
    monkeypatch.setenv("MACHINE_TRANSLATION", "google-ish")
    with pytest.raises(env.ConfigurationError, match="one of"):
        env.machine_translator("MACHINE_TRANSLATION")


@pytest.mark.django_db
def test_translators_see_which_translations_are_out_of_date(client, homes, locales, people):
    source = StandardPageFactory(parent=homes["pl"], title="Godziny otwarcia", slug="godziny")
    source.save_revision().publish()
    translation = source.copy_for_translation(locales["en"])
    translation.title = "Opening hours"
    translation.save_revision().publish()
    client.force_login(people["translator"])
    assert "Opening hours" not in client.get("/admin/").content.decode()

    source.title = "Godziny otwarcia (zmienione)"
    source.save_revision().publish()
    dashboard = client.get("/admin/").content.decode()
    assert "Opening hours" in dashboard
    # Another role does not get the translators' panel.
    client.force_login(people["ngo"])
    assert "Opening hours" not in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_a_translator_translates_an_offer_into_ukrainian(client, homes, locales, directory, people):
    from wagtail_localize.models import (
        String,
        StringSegment,
        StringTranslation,
        Translation,
        TranslationSource,
    )
    from wagtail_localize.operations import TranslationCreator

    _index, first, _second = directory
    offer = VolunteerOfferPageFactory(parent=first, title="Spacery z psami")
    offer.save_revision().publish()

    TranslationCreator(people["translator"], [locales["uk"]]).create_translations(offer)
    source = TranslationSource.objects.get(object_id=offer.translation_key)
    translation = Translation.objects.get(source=source, target_locale=locales["uk"])
    translation.save_target(user=people["translator"], publish=False)
    target = offer.get_translation(locales["uk"])
    # A new translation waits for the translator: nothing half-translated goes live.
    assert not target.live
    assert client.get(target.url).status_code == 404

    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            locale=locales["uk"],
            context=segment.context,
            defaults={"data": f"UK {segment.string.data}"},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(user=people["translator"], publish=True)
    target.refresh_from_db()
    assert target.live and target.title == "UK Spacery z psami"

    uk_page = client.get(target.url)
    assert uk_page.status_code == 200
    alternates = {
        link["hreflang"]: link["href"]
        for link in html(uk_page).find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates["pl"].endswith(offer.url)
    pl_page = client.get(offer.url)
    back = {
        link["hreflang"]: link["href"]
        for link in html(pl_page).find_all("link", rel="alternate", hreflang=True)
    }
    assert back["uk"].endswith(target.url)
    assert String.objects.exists()


def edit_data(page, **changes):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = {
        "title": page.title,
        "slug": page.slug,
        "short_name": page.short_name,
        "legal_form": page.legal_form,
        "krs": page.krs,
        "nip": page.nip,
        "regon": page.regon,
        "postal_code": page.postal_code,
        "city": page.city,
        "email": page.email,
        "description": streamfield([]),
        "tags": "",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.django_db
def test_a_moderator_cannot_publish_a_first_time_organization_past_the_second_review(
    client, directory, people
):
    index, _first, _second = directory
    newcomer = OrganizationPageFactory(parent=index, title="Fundacja Nowa", live=False)
    state = submit(newcomer, people["ngo"])
    client.force_login(people["moderator"])
    edit = reverse("wagtailadmin_pages:edit", args=[newcomer.pk])
    form = client.get(edit)
    assert form.status_code == 200
    assert "action-publish" not in form.content.decode()  # no "Opublikuj" button
    assert 'data-workflow-action-name="approve"' in form.content.decode()  # but "Zatwierdź"

    # A direct POST of the publish action saves a draft and publishes nothing.
    client.post(
        edit, edit_data(newcomer, title="Fundacja Nowa i Lepsza", **{"action-publish": "1"})
    )
    page = OrganizationPage.objects.get(pk=newcomer.pk)
    assert page.get_latest_revision().object_str == "Fundacja Nowa i Lepsza"  # the form was valid
    assert not page.live and page.live_revision is None

    # The workflow still publishes: the moderator's review, then a city editor's second one.
    approve = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[newcomer.pk, "approve", current(state).current_task_state.pk],
    )
    client.post(approve, {"comment": ""})
    assert current(state).current_task_state.task.name == roles.FIRST_TIME_TASK
    assert current(state).status == "in_progress"
    assert not OrganizationPage.objects.get(pk=newcomer.pk).live
    act(current(state).current_task_state, people["editor"], "approve")
    assert current(state).status == "approved"
    assert OrganizationPage.objects.get(pk=newcomer.pk).live


@pytest.mark.django_db
def test_a_moderators_single_review_still_publishes_a_known_organizations_offer(directory, people):
    _index, first, _second = directory
    state = submit(first, people["ngo"])
    act(state.current_task_state, people["moderator"], "approve")
    act(current(state).current_task_state, people["editor"], "approve")
    offer = VolunteerOfferPageFactory(parent=first, live=False)
    state = submit(offer, people["ngo"])
    act(state.current_task_state, people["moderator"], "approve")
    assert current(state).status == "approved"
    assert VolunteerOfferPage.objects.get(pk=offer.pk).live


@pytest.mark.django_db
def test_moderators_lose_the_publish_permission_a_database_gave_them(homes):
    from wagtail.models import GroupPagePermission, Page

    moderators = Group.objects.get(name=roles.CITY_MODERATORS)
    GroupPagePermission.objects.get_or_create(
        group=moderators,
        page=Page.get_first_root_node(),
        permission=roles.permission("wagtailcore", "publish_page"),
    )
    roles.ensure_roles()
    assert not GroupPagePermission.objects.filter(
        group=moderators, permission__codename="publish_page"
    ).exists()


@pytest.mark.django_db
def test_a_database_with_english_role_names_gets_the_polish_ones(homes):
    # Wagtail shows group, workflow and task names as stored, inside Polish buttons and mails.
    Group.objects.filter(name=roles.CITY_EDITORS).update(name="City editors")
    Workflow.objects.filter(name=roles.NGO_REVIEW_WORKFLOW).update(name="NGO content review")
    roles.ensure_roles()
    assert not Group.objects.filter(name="City editors").exists()
    assert Group.objects.filter(name="Redaktorzy miasta").count() == 1
    assert list(
        Workflow.objects.filter(name__startswith="Przegląd").values_list("name", flat=True)
    ) == ["Przegląd treści organizacji"]


@pytest.mark.django_db
def test_an_ngo_editor_submits_to_a_workflow_named_in_polish(client, directory, people):
    _index, first, _second = directory
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(people["ngo"])
    UserProfile.objects.filter(user=people["ngo"]).update(preferred_language="pl")
    client.force_login(people["ngo"])
    page = html(client.get(reverse("wagtailadmin_pages:edit", args=[first.pk])))
    button = "Prześlij do akceptacji: Przegląd treści organizacji"
    assert button in " ".join(page.get_text().split())
