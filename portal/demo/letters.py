"""Letters for NGOs: the request page in Polish, English and Ukrainian (not in the main menu; the
patronage page links to it), and two invented requests of demo organizations, one issued."""

import datetime

from django.utils import timezone

from pages.letters.models import LetterRequest, LetterRequestPage, proposed_text
from pages.models import HomePage, OrganizationPage, PatronageRequestPage

PAGES = {
    "pl": (
        "Listy poparcia i intencyjne",
        "listy-poparcia",
        "<p>Organizacja, która ubiega się o dofinansowanie spoza miasta, może poprosić o list "
        "polecający, list intencyjny albo zgodę na adres Centrum Organizacji Pozarządowych "
        "do korespondencji.</p>",
        "<ul><li>do kogo składacie wniosek i w jakim programie,</li><li>tytuł i krótki opis "
        "projektu,</li><li>termin składania wniosków u grantodawcy (co najmniej tydzień "
        "wcześniej).</li></ul>",
        "<p>Potrzebujecie listu polecającego lub intencyjnego do wniosku o dofinansowanie? "
        '<a linktype="page" id="{id}">Poproście o list poparcia</a>.</p>',
    ),
    "en": (
        "Letters of recommendation and intent",
        "letters",
        "<p>An organization applying for outside funding may ask for a letter of "
        "recommendation, a letter of intent or the consent to use the NGO centre's address "
        "for mail.</p>",
        "<ul><li>the funder and its programme,</li><li>the project's title and a short "
        "summary,</li><li>the funder's deadline (at least a week ahead).</li></ul>",
        "<p>Need a letter of recommendation or intent for a funding application? "
        '<a linktype="page" id="{id}">Ask for a letter</a>.</p>',
    ),
    "uk": (
        "Рекомендаційні листи та листи про наміри",
        "lysty",
        "<p>Організація, яка подає заявку на зовнішнє фінансування, може попросити "
        "рекомендаційний лист, лист про наміри або згоду використовувати адресу Центру "
        "громадських організацій для листування.</p>",
        "<ul><li>донор і програма,</li><li>назва і короткий опис проєкту,</li><li>кінцевий "
        "термін подання у донора (щонайменше за тиждень).</li></ul>",
        "<p>Потрібен рекомендаційний лист або лист про наміри до заявки на фінансування? "
        '<a linktype="page" id="{id}">Попросіть лист</a>.</p>',
    ),
}
# (kind, funder, project, summary, amount, issued)
REQUESTS = [
    (
        "recommendation",
        "Fundacja Przykładowa, program Lokalne Inicjatywy",
        "Sąsiedzka pracownia rowerowa",
        "Warsztaty naprawy rowerów dla młodzieży z osiedla, raz w tygodniu przez rok.",
        "30000.00",
        True,
    ),
    (
        "intent",
        "Fundusz Wzorcowy, program Razem dla Klimatu",
        "Zielone podwórka",
        "Nasadzenia i ogrody deszczowe na trzech podwórkach we współpracy z mieszkańcami.",
        None,
        False,
    ),
]


def _pages(homes, context):
    pages = {}
    translation_key = None
    for code in ("pl", "en", "uk"):
        if code not in homes:
            continue
        page = LetterRequestPage.objects.child_of(homes[code]).first()
        if page is None:
            title, slug, intro, need, _link = PAGES[code]
            page = LetterRequestPage(
                title=title,
                slug=slug,
                intro=intro,
                what_we_need=need,
                show_in_menus=False,
                locale=homes[code].locale,
            )
            if translation_key:
                page.translation_key = translation_key
            homes[code].add_child(instance=page)
            page.save_revision().publish()
            context.count("letters")
        translation_key = page.translation_key
        pages[code] = page
    return pages


def _link_from_patronage(homes, pages):
    """NGOs visit the patronage page: its introduction points to the letters (no menu item)."""
    for code, page in pages.items():
        patronage = PatronageRequestPage.objects.child_of(homes[code]).first()
        if patronage is None or f'id="{page.pk}"' in (patronage.intro or ""):
            continue
        patronage.intro = (patronage.intro or "") + PAGES[code][4].format(id=page.pk)
        patronage.save_revision().publish()


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    pages = _pages(homes, context)
    _link_from_patronage(homes, pages)
    if LetterRequest.objects.exists():
        return
    organizations = list(
        OrganizationPage.objects.live().filter(locale__language_code="pl").order_by("pk")[:2]
    )
    today = timezone.localdate()
    for number, row in enumerate(REQUESTS):
        if not organizations:
            return
        kind, funder, project, summary, amount, issued = row
        organization = organizations[number % len(organizations)]
        letter = LetterRequest.objects.create(
            page=pages["pl"],
            kind=kind,
            organization=organization,
            funder=funder,
            project_title=project,
            project_summary=summary,
            amount=amount,
            deadline=today + datetime.timedelta(days=21 + 7 * number),
            email=f"biuro{number + 1}@example.org",
            letter_text=proposed_text(kind, organization, funder, project, amount),
        )
        if issued:
            letter.status = LetterRequest.Status.ISSUED
            letter.decided_at = timezone.now()
            letter.save(update_fields=["status", "decided_at"])
            letter.assign_number(today)
        context.count("letters")
