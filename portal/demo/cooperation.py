"""Last year's programme of cooperation and the report on it, from the demo data (invented
wording in the shape of a real programme: goals, their forms of cooperation, priority tasks)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from pages.cooperation.models import CooperationProgrammePage, CooperationReportPage, PriorityTask
from pages.grants.models import GrantCallPage
from pages.models import AreaOfPublicBenefit, HomePage

GOALS = [
    (
        "Większa rola organizacji w realizacji zadań publicznych miasta",
        [
            "zlecanie zadań publicznych w otwartych konkursach ofert, w trybie pozakonkursowym "
            "i przez regranting",
            "udział przedstawicieli organizacji w komisjach oceniających oferty",
        ],
    ),
    (
        "Lepsza komunikacja między urzędem a organizacjami",
        [
            "portal organizacji pozarządowych, baza organizacji i newsletter",
            "portal wolontariatu z ofertami organizacji",
        ],
    ),
    (
        "Większy udział organizacji w konsultacjach",
        [
            "działalność Rady Działalności Pożytku Publicznego",
            "konsultowanie projektów aktów prawa miejscowego z organizacjami",
        ],
    ),
    (
        "Rozwój i stabilność organizacji",
        [
            "doradztwo i szkolenia w centrum organizacji pozarządowych",
            "udostępnianie sal i sprzętu na spotkania organizacji",
        ],
    ),
]
TASKS = [
    ("Aktywizacja i integracja seniorów", ["seniorzy"], "120000.00", ["seniorzy-aktywni"]),
    (
        "Edukacja pozaszkolna dzieci i młodzieży",
        ["edukacja", "dzieci-i-mlodziez"],
        "180000.00",
        ["edukacja-pozaszkolna"],
    ),
    ("Inicjatywy sąsiedzkie", ["wspolnoty-lokalne"], "60000.00", ["male-granty-sasiedzkie"]),
]
TITLES = {
    "pl": ("Program współpracy z organizacjami pozarządowymi na {year} rok", "program-{year}"),
    "en": ("Programme of cooperation with NGOs for {year}", "programme-{year}"),
    "uk": ("Програма співпраці з громадськими організаціями на {year} рік", "prohrama-{year}"),
}
REPORT_TITLES = {
    "pl": ("Sprawozdanie z realizacji programu współpracy za {year} rok", "sprawozdanie"),
    "en": ("Report on the programme of cooperation for {year}", "report"),
    "uk": ("Звіт про виконання програми співпраці за {year} рік", "zvit"),
}
SUMMARY = {
    "pl": "<p>Miasto współpracowało z organizacjami we wszystkich formach, które przewiduje "
    "program. Dane liczbowe pochodzą z portalu.</p>",
    "en": "<p>The city cooperated with NGOs in every form the programme provides for. The "
    "figures come from the portal.</p>",
    "uk": "<p>Місто співпрацювало з організаціями в усіх формах, які передбачає програма. "
    "Цифрові дані взято з порталу.</p>",
}


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    year = timezone.localdate().year - 1
    programme_key = report_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        home = homes[code]
        programme = (
            CooperationProgrammePage.objects.child_of(home).filter(year=year).first()
        ) or _programme(home, code, year, programme_key, context)
        programme_key = programme.translation_key
        report = CooperationReportPage.objects.child_of(programme).first()
        if report is None:
            title, slug = REPORT_TITLES[code]
            report = CooperationReportPage(
                title=title.format(year=year),
                slug=slug,
                year=year,
                summary=SUMMARY[code],
                narrative=[
                    ("goal", {"goal": goal, "text": "<p>Zadania realizowano zgodnie z planem.</p>"})
                    for goal, _forms in GOALS
                ]
                if code == "pl"
                else [],
                locale=home.locale,
                live=False,
            )
            if report_key:
                report.translation_key = report_key
            programme.add_child(instance=report)
            report.save_revision().publish()
            context.count("cooperation")
        report_key = report.translation_key


def _programme(home, code, year, translation_key, context):
    title, slug = TITLES[code]
    programme = CooperationProgrammePage(
        title=title.format(year=year),
        slug=slug.format(year=year),
        year=year,
        resolution_number=f"XX/{300 + year % 100}/IX/{year - 1}",
        resolution_date=datetime.date(year - 1, 11, 20),
        planned_amount=Decimal("400000.00"),
        goals=[("goal", {"goal": goal, "forms_of_cooperation": forms}) for goal, forms in GOALS],
        locale=home.locale,
        live=False,
    )
    if translation_key:
        programme.translation_key = translation_key
    areas = {a.slug: a for a in AreaOfPublicBenefit.objects.filter(locale=home.locale)}
    tasks = []
    for task_title, task_areas, planned, call_slugs in TASKS:
        task = PriorityTask(title=task_title, planned_amount=Decimal(planned))
        task.areas = [areas[slug] for slug in task_areas if slug in areas]
        task.grant_calls = list(
            GrantCallPage.objects.filter(slug__in=call_slugs, locale__language_code="pl")
        )
        tasks.append(task)
    programme.priority_tasks = tasks
    home.add_child(instance=programme)
    programme.save_revision().publish()
    context.count("cooperation")
    return CooperationProgrammePage.objects.get(pk=programme.pk)
