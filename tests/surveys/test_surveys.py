"""The yearly training-needs survey: an organization's editors answer once and may change the
answer until the closing date; the office reads the counts, the chart, the other needs and a CSV
in the admin; nobody else sees an organization's answer."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client, TestCase
from django.utils import timezone

from pages.surveys.models import SurveyResponse, SurveyTopic, TrainingNeedsSurveyPage
from tests.factories import OrganizationPageFactory, area
from tests.helpers import html, user_in

pytestmark = pytest.mark.django_db

TOPICS = ["Księgowość organizacji", "Pozyskiwanie grantów", "RODO w organizacji", "Wolontariat"]


def make_survey(home, year=None, days_open=(-5, 20), topics=TOPICS, publish=True, **fields):
    today = timezone.localdate()
    year = year or today.year
    survey = TrainingNeedsSurveyPage(
        title=f"Ankieta potrzeb szkoleniowych {year}",
        slug=f"ankieta-{year}",
        year=year,
        opens_on=today + datetime.timedelta(days=days_open[0]),
        closes_on=today + datetime.timedelta(days=days_open[1]),
        max_choices=2,
        other_needs_question="Jakich innych szkoleń potrzebujecie?",
        **fields,
    )
    for number, title in enumerate(topics):
        survey.topics.add(
            SurveyTopic(
                title=title,
                description="Krótko o temacie.",
                area=area("edukacja") if number == 0 else None,
                locale=home.locale,
                # As the admin's inline panel numbers them: without it PostgreSQL returns the
                # topics in any order.
                sort_order=number,
            )
        )
    home.add_child(instance=survey)
    if publish:
        survey.save_revision().publish()
    return survey


@pytest.fixture
def survey(homes):
    return make_survey(homes["pl"])


def topic(survey, title):
    return survey.topics.get(title=title)


def answer(client, survey, organization=None, **overrides):
    data = {
        "topics": [topic(survey, TOPICS[0]).pk, topic(survey, TOPICS[1]).pk],
        "preferred_format": "online",
        "preferred_time": "afternoons",
        "other_needs": "Szkolenie z obsługi zbiórek publicznych.",
        "response": "",
    }
    data.update(overrides)
    url = survey.url + "odpowiedz/"
    if organization is not None:
        url += f"?organizacja={organization.pk}"
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data)


def test_an_editor_answers_once_and_gets_a_confirmation(client, survey, org_a, editor_a):
    client.force_login(editor_a)
    form = client.get(survey.url + "odpowiedz/")
    assert form.status_code == 200
    assert "Stowarzyszenie Alfa" in html(form).select_one(".survey__organization").text
    response = answer(client, survey)
    assert response.status_code == 200
    assert "zapisana" in html(response).select_one("[role=status]").text
    saved = SurveyResponse.objects.get()
    assert saved.organization == org_a and saved.submitted_by == editor_a
    assert sorted(t.title for t in saved.topics.all()) == sorted(TOPICS[:2])
    (confirmation,) = mail.outbox
    assert confirmation.to == ["alfa@example.org"]
    assert str(survey.year) in confirmation.subject
    assert (
        "Pozyskiwanie grantów" in confirmation.body and "Stowarzyszenie Alfa" in confirmation.body
    )
    assert "Wolontariat" not in confirmation.body


def test_the_answer_is_changed_never_doubled(client, survey, org_a, editor_a):
    client.force_login(editor_a)
    answer(client, survey)
    first = SurveyResponse.objects.get()
    form = client.get(survey.url + "odpowiedz/")
    # The form shows what was saved, and the answer it changes.
    checked = {i["value"] for i in html(form).select("input[name=topics][checked]")}
    assert checked == {str(topic(survey, t).pk) for t in TOPICS[:2]}
    assert html(form).select_one("input[name=response]")["value"] == str(first.pk)
    response = answer(
        client,
        survey,
        response=str(first.pk),
        topics=[topic(survey, "Wolontariat").pk],
        preferred_time="weekends",
    )
    assert response.status_code == 200
    changed = SurveyResponse.objects.get()
    assert changed.pk == first.pk and changed.preferred_time == "weekends"
    assert [t.title for t in changed.topics.all()] == ["Wolontariat"]
    assert len(mail.outbox) == 2


def test_a_second_answer_of_the_organization_is_refused_with_a_message(
    client, survey, org_a, editor_a
):
    colleague = user_in(org_a.editor_group, "alfa2")
    # Both open the empty form; the colleague sends first.
    client.force_login(colleague)
    answer(client, survey, topics=[topic(survey, "Wolontariat").pk])
    client.force_login(editor_a)
    response = answer(client, survey, other_needs="Coś zupełnie innego.")
    assert response.status_code == 409
    errors = html(response).select_one(".error-summary").text
    assert "odpowiedziała już" in errors
    # What was typed stays, and sending it again changes the one answer.
    assert html(response).select_one("textarea[name=other_needs]").text.strip() == (
        "Coś zupełnie innego."
    )
    saved = SurveyResponse.objects.get()
    assert html(response).select_one("input[name=response]")["value"] == str(saved.pk)
    assert saved.other_needs == "Szkolenie z obsługi zbiórek publicznych."
    answer(client, survey, response=str(saved.pk), other_needs="Coś zupełnie innego.")
    assert SurveyResponse.objects.get().other_needs == "Coś zupełnie innego."


def test_the_database_holds_one_answer_per_organization_and_survey(survey, org_a):
    SurveyResponse.objects.create(survey=survey, organization=org_a, preferred_time="weekends")
    with pytest.raises(IntegrityError), transaction.atomic():
        SurveyResponse.objects.create(survey=survey, organization=org_a, preferred_time="mornings")


def test_too_many_topics_or_none_is_named_and_nothing_typed_is_lost(
    client, survey, org_a, editor_a
):
    client.force_login(editor_a)
    too_many = [topic(survey, t).pk for t in TOPICS[:3]]
    response = answer(client, survey, topics=too_many)
    assert response.status_code == 400
    assert "najwyżej 2" in html(response).select_one(".error-summary").text
    checked = {i["value"] for i in html(response).select("input[name=topics][checked]")}
    assert checked == {str(pk) for pk in too_many}
    assert (
        html(response)
        .select_one("textarea[name=other_needs]")
        .text.strip()
        .startswith("Szkolenie z obsługi")
    )
    response = answer(client, survey, topics=[])
    assert response.status_code == 400
    assert "co najmniej jeden" in html(response).select_one(".error-summary").text
    assert not SurveyResponse.objects.exists() and mail.outbox == []


def test_a_topic_of_another_survey_is_not_a_choice(client, survey, homes, editor_a):
    other = make_survey(homes["pl"], year=survey.year - 1, days_open=(-400, -300))
    client.force_login(editor_a)
    response = answer(client, survey, topics=[other.topics.first().pk])
    assert response.status_code == 400 and not SurveyResponse.objects.exists()


def test_after_closing_the_answer_is_read_only(client, homes, org_a, editor_a):
    survey = make_survey(homes["pl"], days_open=(-30, -1))
    saved = SurveyResponse.objects.create(
        survey=survey, organization=org_a, preferred_time="weekends", submitted_by=editor_a
    )
    saved.topics.set([topic(survey, "Wolontariat")])
    client.force_login(editor_a)
    page = client.get(survey.url + "odpowiedz/")
    assert page.status_code == 200
    assert "zamknięta" in html(page).select_one(".survey__closed").text
    assert "Wolontariat" in html(page).select_one(".survey__answer").text
    assert html(page).select("form[method=post] textarea") == []
    response = answer(client, survey, response=str(saved.pk), topics=[topic(survey, TOPICS[0]).pk])
    assert response.status_code == 403
    assert [t.title for t in SurveyResponse.objects.get().topics.all()] == ["Wolontariat"]
    assert mail.outbox == []


def test_before_opening_nobody_answers(client, homes, org_a, editor_a):
    survey = make_survey(homes["pl"], days_open=(3, 30))
    client.force_login(editor_a)
    assert answer(client, survey).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_refused_users(client, survey, org_a, editor_a):
    # Anonymous: to the login, nothing saved.
    response = answer(client, survey)
    assert response.status_code == 302 and "/login/" in response["Location"]
    # A signed-in user who edits no organization.
    client.force_login(user_in_no_group())
    assert client.get(survey.url + "odpowiedz/").status_code == 403
    assert answer(client, survey).status_code == 403
    assert not SurveyResponse.objects.exists()


def user_in_no_group():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("mieszkaniec", "m@example.org", "pass")


def test_an_editor_of_another_organization_cannot_answer_or_read_for_it(
    client, survey, org_a, org_b, editor_a, editor_b
):
    SurveyResponse.objects.create(
        survey=survey,
        organization=org_a,
        preferred_time="weekends",
        other_needs="Tajne potrzeby Alfy",
    )
    client.force_login(editor_b)
    assert client.get(survey.url + f"odpowiedz/?organizacja={org_a.pk}").status_code == 404
    assert answer(client, survey, organization=org_a).status_code == 404
    own = client.get(survey.url + "odpowiedz/").content.decode()
    assert "Tajne potrzeby Alfy" not in own and "Fundacja Beta" in own
    assert SurveyResponse.objects.get().other_needs == "Tajne potrzeby Alfy"


def test_an_editor_of_two_organizations_chooses_which_answers(client, survey, org_a, org_b):
    both = user_in(org_a.editor_group, "obie")
    both.groups.add(org_b.editor_group)
    client.force_login(both)
    choice = html(client.get(survey.url + "odpowiedz/"))
    names = [a.text for a in choice.select(".survey__organizations a")]
    assert names == ["Fundacja Beta", "Stowarzyszenie Alfa"]
    answer(client, survey, organization=org_b)
    answer(client, survey, organization=org_a)
    assert sorted(r.organization.title for r in SurveyResponse.objects.all()) == [
        "Fundacja Beta",
        "Stowarzyszenie Alfa",
    ]


def test_answering_needs_the_csrf_token(survey, editor_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    assert answer(client, survey).status_code == 403
    assert not SurveyResponse.objects.exists()


def test_an_answer_in_english_belongs_to_the_polish_survey(client, survey, homes, editor_a):
    english = survey.copy_for_translation(homes["en"].locale)
    english.title = "Training needs survey"
    for own in english.topics.all():
        own.title = f"EN {own.title}"
        own.save()
    english.save_revision().publish()
    client.force_login(editor_a)
    form = html(client.get(english.url + "odpowiedz/"))
    labels = [label.text.strip() for label in form.select("#id_topics label")]
    assert labels[0] == "EN Księgowość organizacji"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            english.url + "odpowiedz/",
            {
                "topics": [topic(survey, "Wolontariat").pk],
                "preferred_format": "on_site",
                "preferred_time": "mornings",
            },
        )
    assert response.status_code == 200
    saved = SurveyResponse.objects.get()
    assert saved.survey_id == survey.pk and saved.language == "en"
    assert "EN Wolontariat" in mail.outbox[0].body


# The office's results -----------------------------------------------------------------------


def respond(survey, organization, titles, fmt="online", time="mornings", other=""):
    saved = SurveyResponse.objects.create(
        survey=survey,
        organization=organization,
        preferred_format=fmt,
        preferred_time=time,
        other_needs=other,
    )
    saved.topics.set([topic(survey, title) for title in titles])
    return saved


@pytest.fixture
def answered(survey, homes, ngo_directory, org_a, org_b):
    org_c = OrganizationPageFactory(parent=ngo_directory, title="Klub Gamma")
    respond(survey, org_a, ["Pozyskiwanie grantów", "RODO w organizacji"], other="=HYPERLINK(1)")
    respond(survey, org_b, ["Pozyskiwanie grantów"], fmt="on_site", time="weekends")
    respond(survey, org_c, ["Pozyskiwanie grantów", "Wolontariat"], other="Mentoring zarządu")
    # Cases that must not count: last year's survey, with the same topics' titles.
    last_year = make_survey(homes["pl"], year=survey.year - 1, days_open=(-400, -300))
    respond(last_year, org_a, ["Wolontariat", "RODO w organizacji"], other="Zeszłoroczne")
    respond(last_year, org_b, ["Wolontariat"])
    return survey


def test_the_city_reads_the_counts_with_a_chart(client, answered, city_editor):
    client.force_login(city_editor)
    index = client.get("/admin/surveys/")
    assert index.status_code == 200 and answered.title in index.content.decode()
    page = html(client.get(f"/admin/surveys/{answered.pk}/"))
    assert "3" in page.select_one(".survey-results__answered").text
    rows = [
        [cell.text.strip() for cell in row.select("th, td")]
        for row in page.select(".chart__table tbody tr")
    ]
    assert rows == [
        ["Pozyskiwanie grantów", "3"],
        ["RODO w organizacji", "1"],
        ["Wolontariat", "1"],
        ["Księgowość organizacji", "0"],
    ]
    svg = page.select_one("figure.chart svg")
    assert svg is not None and "Pozyskiwanie grantów" in svg.text
    formats = {row.th.text: row.td.text for row in page.select(".survey-results__formats tbody tr")}
    assert formats == {"Stacjonarnie": "1", "Online": "2", "Obojętnie": "0"}
    times = {row.th.text: row.td.text for row in page.select(".survey-results__times tbody tr")}
    assert times["W weekendy"] == "1" and times["W dni robocze rano"] == "2"
    other = page.select_one(".survey-results__other").text
    assert "Klub Gamma" in other and "Mentoring zarządu" in other
    assert "Zeszłoroczne" not in other


def test_the_csv_of_the_answers(client, answered, city_editor):
    client.force_login(city_editor)
    response = client.get(f"/admin/surveys/{answered.pk}/csv/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Fundacja Beta", "Klub Gamma", "Stowarzyszenie Alfa"]
    alfa = rows[3]
    assert alfa[1] == "Pozyskiwanie grantów; RODO w organizacji"
    assert alfa[4] == "'=HYPERLINK(1)"  # a formula is never run by the spreadsheet
    assert "Zeszłoroczne" not in response.content.decode("utf-8-sig")


def html_panel(text):
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html.parser").select_one(".open-training-survey")


def test_ngo_editors_and_others_get_nothing_of_the_results(client, answered, org_a, editor_a):
    for user in (editor_a, None):
        client.logout()
        if user:
            client.force_login(user)
        for url in (
            "/admin/surveys/",
            f"/admin/surveys/{answered.pk}/",
            f"/admin/surveys/{answered.pk}/csv/",
        ):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert "Mentoring zarządu" not in response.content.decode()
    client.force_login(editor_a)
    dashboard = client.get("/admin/").content.decode()
    # Their own survey panel: the open survey, their organization answered, a link to change it.
    panel = html_panel(dashboard)
    assert "Ankieta potrzeb szkoleniowych" in panel.text
    link = panel.select_one("a")
    assert link["href"].endswith(f"odpowiedz/?organizacja={org_a.pk}")
    assert "zmień odpowiedź" in link.text
    assert "/admin/surveys/" not in dashboard  # no results menu item


def test_the_public_page_shows_counts_only_after_closing_when_published(client, homes, org_a):
    survey = make_survey(homes["pl"], days_open=(-30, -1), publish_results=True)
    respond(survey, org_a, ["Wolontariat"], other="Prywatna potrzeba")
    page = client.get(survey.url).content.decode()
    assert "Prywatna potrzeba" not in page and "Stowarzyszenie Alfa" not in page
    rows = [[c.text for c in r.select("th, td")] for r in html_rows(page)]
    assert ["Wolontariat", "1"] in rows
    survey.publish_results = False
    survey.save_revision().publish()
    assert html_rows(client.get(survey.url).content.decode()) == []
    open_survey = make_survey(homes["pl"], year=survey.year + 1, publish_results=True)
    assert html_rows(client.get(open_survey.url).content.decode()) == []


def html_rows(text):
    from bs4 import BeautifulSoup

    return BeautifulSoup(text, "html.parser").select(".chart__table tbody tr")


def test_the_survey_page_links_the_training_plan(client, homes):
    from tests.factories import StandardPageFactory

    plan = StandardPageFactory(parent=homes["pl"], title="Plan szkoleń", slug="plan-szkolen")
    survey = make_survey(homes["pl"], training_plan=plan)
    page = html(client.get(survey.url))
    assert page.select_one(f"a[href='{plan.url}']") is not None
    assert [li.strong.text for li in page.select(".survey__topics li")] == TOPICS


def test_one_survey_a_year(homes, survey):
    from django.core.exceptions import ValidationError

    second = TrainingNeedsSurveyPage(
        title="Druga",
        slug="druga",
        year=survey.year,
        opens_on=survey.opens_on,
        closes_on=survey.closes_on,
        locale=homes["pl"].locale,
    )
    with pytest.raises(ValidationError) as error:
        homes["pl"].add_child(instance=second)
    assert "year" in error.value.message_dict


def test_page_rules(homes):
    from pages.models import HomePage

    assert TrainingNeedsSurveyPage.allowed_parent_page_models() == [HomePage]
    assert TrainingNeedsSurveyPage.allowed_subpage_models() == []
    assert TrainingNeedsSurveyPage.can_create_at(homes["pl"])


def test_the_demo_in_three_languages(homes):
    from portal.demo import load

    load(size=5, only=["site", "organizations", "trainings", "surveys"])
    pages = TrainingNeedsSurveyPage.objects.live()
    assert sorted(p.locale.language_code for p in pages) == ["en", "pl", "uk"]
    polish = pages.get(locale__language_code="pl")
    assert polish.year == timezone.localdate().year and polish.is_open()
    assert polish.topics.count() >= 8
    ukrainian = pages.get(locale__language_code="uk")
    assert ukrainian.topics.count() == polish.topics.count()
    assert ukrainian.topics.first().title == "Бухгалтерія малої організації"
    assert SurveyResponse.objects.filter(survey=polish).count() >= 3
    assert polish.training_plan is not None
