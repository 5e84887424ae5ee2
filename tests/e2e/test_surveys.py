"""The training-needs survey in a real browser: an organization's editor signs in from the survey
page and answers (too many topics is named and the choices kept), then a city editor opens the
results in the admin and sees the organization counted."""

import pytest

from .conftest import run_axe, screenshot

pytestmark = pytest.mark.django_db


def test_an_editor_answers_and_the_city_sees_the_count(site_with_demo, page):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from pages import roles
    from pages.models import OrganizationPage
    from pages.surveys.models import SurveyResponse, TrainingNeedsSurveyPage

    survey = TrainingNeedsSurveyPage.objects.live().get(locale__language_code="pl")
    answered = SurveyResponse.objects.filter(survey=survey)
    organization = (
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl", editor_group__isnull=False)
        .exclude(pk__in=answered.values("organization"))
        .order_by("pk")
        .last()
    )
    before = answered.count()
    users = get_user_model().objects
    editor = users.create_user("ankieta-e2e", "ankieta-e2e@example.org", "e2e-pass-123456")
    editor.groups.add(organization.editor_group)

    page.goto(site_with_demo.url + survey.url)
    assert run_axe(page) == []
    page.click("a:has-text('Odpowiedz w imieniu organizacji')")
    page.fill("#id_username", "ankieta-e2e")
    page.fill("#id_password", "e2e-pass-123456")
    page.click("button[type='submit']")
    page.wait_for_url("**/odpowiedz/")
    assert organization.title in page.inner_text(".survey__organization")
    boxes = page.locator("input[name='topics']")
    for index in range(4):
        boxes.nth(index).check()
    page.check("input[name='preferred_time'][value='weekends']")
    page.fill("#id_other_needs", "Szkolenie z prowadzenia zbiórek.")
    page.click("form button:has-text('Wyślij odpowiedź')")
    page.locator(".error-summary").wait_for(state="visible")
    assert "najwyżej 3" in page.inner_text(".error-summary")
    assert page.input_value("#id_other_needs") == "Szkolenie z prowadzenia zbiórek."
    assert boxes.nth(3).is_checked()
    assert run_axe(page) == []
    screenshot(page, "survey-answer")
    boxes.nth(3).uncheck()
    page.click("form button:has-text('Wyślij odpowiedź')")
    page.wait_for_selector("text=została zapisana")
    saved = SurveyResponse.objects.get(survey=survey, organization=organization)
    assert saved.topics.count() == 3 and saved.preferred_time == "weekends"

    page.context.clear_cookies()
    city = users.create_user("ankieta-miasto-e2e", "miasto-e2e@example.org", "e2e-pass-123456")
    city.groups.add(Group.objects.get(name=roles.CITY_EDITORS))
    page.goto(f"{site_with_demo.url}/admin/login/?next=/admin/surveys/{survey.pk}/")
    page.fill("#id_username", "ankieta-miasto-e2e")
    page.fill("#id_password", "e2e-pass-123456")
    page.click("button[type='submit']")
    page.wait_for_url(f"**/admin/surveys/{survey.pk}/")
    assert str(before + 1) in page.inner_text(".survey-results__answered")
    assert page.locator("figure.chart svg").count() == 1
    first_topic = saved.topics.order_by("sort_order").first().title
    row = page.locator(".chart__table tbody tr", has_text=first_topic)
    assert int(row.locator("td").inner_text()) >= 1
    assert organization.title in page.inner_text(".survey-results__other")
    screenshot(page, "survey-results-admin")
