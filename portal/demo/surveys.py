"""The training-needs survey of the current year in three languages: eight topics the office
proposes, open now, the trainings' listing as the year's plan, and the answers of a few demo
organizations (invented needs)."""

import datetime

from django.utils import timezone

from pages.models import AreaOfPublicBenefit, HomePage, OrganizationPage
from pages.surveys.models import SurveyResponse, SurveyTopic, TrainingNeedsSurveyPage
from pages.trainings.models import TrainingIndexPage

TEXTS = {
    "pl": (
        "Ankieta potrzeb szkoleniowych {year}",
        "ankieta-potrzeb-szkoleniowych-{year}",
        "<p>Co roku pytamy organizacje, jakich szkoleń potrzebują. Z odpowiedzi układamy plan "
        "szkoleń Centrum na kolejne miesiące. Każda organizacja odpowiada raz; jej redaktorzy "
        "mogą zmienić odpowiedź do dnia zamknięcia ankiety.</p>",
        "Jakich innych szkoleń potrzebuje Wasza organizacja?",
    ),
    "en": (
        "Training needs survey {year}",
        "training-needs-survey-{year}",
        "<p>Every year we ask organizations which trainings they need, and plan the Centre's "
        "trainings from the answers. Each organization answers once; its editors may change the "
        "answer until the survey closes.</p>",
        "What other trainings does your organization need?",
    ),
    "uk": (
        "Опитування щодо потреб у навчанні {year}",
        "opytuvannia-potreby-navchannia-{year}",
        "<p>Щороку ми запитуємо організації, яких навчань вони потребують, і за відповідями "
        "складаємо план навчань Центру. Кожна організація відповідає один раз; її редактори "
        "можуть змінити відповідь до закриття опитування.</p>",
        "Яких ще навчань потребує ваша організація?",
    ),
}
# (area slug or None, {language: (title, description)})
TOPICS = [
    (
        "wspieranie-organizacji",
        {
            "pl": ("Księgowość małej organizacji", "Pełna i uproszczona ewidencja, sprawozdania."),
            "en": ("Bookkeeping for a small NGO", "Full and simplified records, reports."),
            "uk": ("Бухгалтерія малої організації", "Повний і спрощений облік, звіти."),
        },
    ),
    (
        None,
        {
            "pl": ("Pisanie wniosków grantowych", "Od pomysłu do budżetu w konkursie ofert."),
            "en": ("Writing grant applications", "From the idea to the budget of an offer."),
            "uk": ("Написання грантових заявок", "Від ідеї до бюджету пропозиції."),
        },
    ),
    (
        None,
        {
            "pl": ("RODO w organizacji", "Dane członków, wolontariuszy i uczestników."),
            "en": ("GDPR in an organization", "Data of members, volunteers and participants."),
            "uk": ("GDPR в організації", "Дані членів, волонтерів і учасників."),
        },
    ),
    (
        "wolontariat",
        {
            "pl": ("Współpraca z wolontariuszami", "Rekrutacja, porozumienia, motywowanie."),
            "en": ("Working with volunteers", "Recruiting, agreements, motivation."),
            "uk": ("Співпраця з волонтерами", "Набір, угоди, мотивація."),
        },
    ),
    (
        None,
        {
            "pl": ("Komunikacja i media społecznościowe", "Jak opowiadać o swoich działaniach."),
            "en": ("Communication and social media", "How to tell people about your work."),
            "uk": ("Комунікація та соцмережі", "Як розповідати про свою діяльність."),
        },
    ),
    (
        None,
        {
            "pl": ("Zbiórki publiczne i crowdfunding", "Przepisy i dobre praktyki."),
            "en": ("Public collections and crowdfunding", "Rules and good practice."),
            "uk": ("Публічні збори та краудфандинг", "Правила і добрі практики."),
        },
    ),
    (
        "dzieci-i-mlodziez",
        {
            "pl": ("Praca z młodzieżą w kryzysie", "Bezpieczne zajęcia, współpraca ze szkołą."),
            "en": ("Working with young people in crisis", "Safe activities, working with schools."),
            "uk": ("Робота з молоддю в кризі", "Безпечні заняття, співпраця зі школою."),
        },
    ),
    (
        "osoby-z-niepelnosprawnosciami",
        {
            "pl": ("Dostępność wydarzeń", "Wydarzenia dostępne dla osób z niepełnosprawnościami."),
            "en": ("Accessible events", "Events open to people with disabilities."),
            "uk": ("Доступність заходів", "Заходи, доступні для людей з інвалідністю."),
        },
    ),
]
# (topic numbers, format, time, other needs)
ANSWERS = [
    ([1, 0, 5], "online", "afternoons", "Szkolenie z obsługi sprawozdań w nowym systemie."),
    ([1, 3], "on_site", "weekends", ""),
    ([2, 1, 4], "either", "afternoons", "Mentoring dla nowego zarządu."),
    ([3, 7], "online", "mornings", ""),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    today = timezone.localdate()
    year = today.year
    survey = TrainingNeedsSurveyPage.objects.filter(year=year, locale=homes["pl"].locale).first()
    if survey is None:
        survey = _survey(homes, year, today, context)
    if not survey.responses.exists():
        _answers(survey, context)


def _survey(homes, year, today, context):
    title, slug, intro, question = TEXTS["pl"]
    plan = TrainingIndexPage.objects.child_of(homes["pl"]).first()
    survey = TrainingNeedsSurveyPage(
        title=title.format(year=year),
        slug=slug.format(year=year),
        year=year,
        intro=intro,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=30),
        max_choices=3,
        other_needs_question=question,
        training_plan=plan,
        publish_results=True,
    )
    # The order is the office's (sort_order): added in code, a topic has none of its own, and a
    # database may then return them in any order (PostgreSQL did).
    for position, (area_slug, texts) in enumerate(TOPICS):
        area = (
            AreaOfPublicBenefit.objects.filter(slug=area_slug, locale=homes["pl"].locale).first()
            if area_slug
            else None
        )
        survey.topics.add(
            SurveyTopic(
                title=texts["pl"][0],
                description=texts["pl"][1],
                area=area,
                locale=homes["pl"].locale,
                sort_order=position,
            )
        )
    homes["pl"].add_child(instance=survey)
    survey.save_revision().publish()
    context.count("surveys")
    for code in ("en", "uk"):
        if code not in homes:
            continue
        survey.refresh_from_db()
        translation = survey.copy_for_translation(homes[code].locale)
        title, slug, intro, question = TEXTS[code]
        translation.title = title.format(year=year)
        translation.slug = slug.format(year=year)
        translation.intro = intro
        translation.other_needs_question = question
        for own, (_area, texts) in zip(translation.topics.all(), TOPICS, strict=True):
            own.title, own.description = texts[code]
            own.save()
        translation.save_revision().publish()
        context.count("surveys")
    return survey


def _answers(survey, context):
    organizations = list(
        OrganizationPage.objects.live()
        .filter(locale__language_code="pl")
        .order_by("path")[: len(ANSWERS)]
    )
    topics = list(survey.topics.all())
    for organization, (numbers, fmt, time, other) in zip(organizations, ANSWERS, strict=False):
        response = SurveyResponse.objects.create(
            survey=survey,
            organization=organization,
            preferred_format=fmt,
            preferred_time=time,
            other_needs=other,
        )
        response.topics.set([topics[number] for number in numbers])
        context.count("surveys")
