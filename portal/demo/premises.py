"""Municipal premises offered to NGOs (invented addresses and figures): two available, one
rented; the first translated into English and Ukrainian."""

import datetime

from django.utils import timezone

from pages.models import District, HomePage
from pages.premises.models import PremisesIndexPage, PremisesPage

from .stories import _index_pages

INDEX = {
    "pl": (
        "Lokale dla organizacji",
        "lokale",
        "<p>Lokale miejskie wynajmowane organizacjom na preferencyjnych warunkach.</p>",
    ),
    "en": (
        "Premises for NGOs",
        "premises",
        "<p>Municipal premises rented to NGOs on preferential terms.</p>",
    ),
    "uk": (
        "Приміщення для організацій",
        "prymishchennia",
        "<p>Міські приміщення, які орендують організаціям на пільгових умовах.</p>",
    ),
}
# (title, slug, address, m², rooms, step-free, rent, status, lat, lon, translations)
PREMISES = [
    (
        "Lokal użytkowy przy ul. Przykładowej",
        "ul-przykladowa-5",
        "ul. Przykładowa 5",
        "64.50",
        3,
        True,
        "5 zł/m² miesięcznie",
        "available",
        "52.408300",
        "16.934200",
        {
            "en": ("Premises on Przykładowa Street", "PLN 5/m² a month"),
            "uk": ("Приміщення на вул. Пшикладовій", "5 зл/м² на місяць"),
        },
    ),
    (
        "Pracownia na parterze przy ul. Testowej",
        "ul-testowa-12",
        "ul. Testowa 12",
        "38.00",
        1,
        False,
        "3 zł/m² miesięcznie",
        "available",
        "52.397100",
        "16.911800",
        {},
    ),
    (
        "Świetlica przy os. Wzorcowym",
        "os-wzorcowe-3",
        "os. Wzorcowe 3",
        "120.00",
        4,
        True,
        "4 zł/m² miesięcznie",
        "rented",
        "52.425600",
        "16.955300",
        {},
    ),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = _index_pages(homes, PremisesIndexPage, INDEX, context)
    if PremisesPage.objects.exists():
        return
    districts = list(District.objects.filter(locale__language_code="pl").order_by("pk")[:5])
    today = timezone.localdate()
    for number, row in enumerate(PREMISES):
        title, slug, address, area, rooms, step_free, rent, status, lat, lon, translations = row
        unit = PremisesPage(
            title=title,
            slug=slug,
            address=address,
            district=districts[number % len(districts)] if districts else None,
            floor_area=area,
            rooms=rooms,
            step_free=step_free,
            rent=rent,
            terms="<p>Umowa najmu na 3 lata; media według zużycia.</p>",
            status=status,
            available_from=today + datetime.timedelta(days=30),
            latitude=lat,
            longitude=lon,
        )
        indexes["pl"].add_child(instance=unit)
        unit.save_revision().publish()
        context.count("premises")
        for code, (translated_title, translated_rent) in translations.items():
            if code not in indexes:
                continue
            unit.refresh_from_db()
            translation = unit.copy_for_translation(indexes[code].locale)
            translation.title, translation.rent = translated_title, translated_rent
            translation.save_revision().publish()
            context.count("premises")
