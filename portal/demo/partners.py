"""Fictional business partners (invented names; example.org addresses): a printing house
offering pro bono work, a software company with employee volunteering, a bank branch sponsoring,
a university; two translated into English and Ukrainian."""

from pages.models import AreaOfPublicBenefit, HomePage
from pages.partners.models import PartnerPage, PartnersIndexPage

from .stories import _index_pages

INDEX = {
    "pl": (
        "Partnerzy biznesowi",
        "partnerzy",
        "<p>Firmy i instytucje, które pomagają organizacjom: wiedzą, czasem pracowników, "
        "sponsoringiem.</p>",
    ),
    "en": (
        "Business partners",
        "partners",
        "<p>Companies and institutions that help NGOs with know-how, staff time and "
        "sponsorship.</p>",
    ),
    "uk": (
        "Бізнес-партнери",
        "partnery",
        "<p>Компанії та установи, які допомагають організаціям знаннями, часом працівників і "
        "спонсорством.</p>",
    ),
}
# (title, slug, kind, lead, offers, area, translations {code: (title, lead)})
PARTNERS = [
    (
        "Drukarnia Przykładowa sp. z o.o.",
        "drukarnia-przykladowa",
        "company",
        "Drukujemy ulotki i plakaty organizacjom po kosztach materiałów.",
        ["pro_bono", "in_kind"],
        "kultura-i-sztuka",
        {
            "en": ("Example Printing House Ltd", "We print leaflets and posters for NGOs at cost."),
            "uk": (
                "Друкарня «Приклад»",
                "Друкуємо листівки та плакати для організацій за собівартістю.",
            ),
        },
    ),
    (
        "Softwarehouse Testowy S.A.",
        "softwarehouse-testowy",
        "company",
        "Nasi programiści dwa dni w roku pracują jako wolontariusze przy stronach organizacji.",
        ["volunteering", "pro_bono"],
        "wspolnoty-lokalne",
        {
            "en": (
                "Test Software House plc",
                "Our developers volunteer two days a year on NGOs' websites.",
            ),
            "uk": (
                "Софтверна компанія «Тест»",
                "Наші програмісти два дні на рік волонтерять над сайтами організацій.",
            ),
        },
    ),
    (
        "Bank Fikcyjny, oddział miejski",
        "bank-fikcyjny",
        "company",
        "Wspieramy lokalne inicjatywy dla seniorów w konkursie grantowym oddziału.",
        ["sponsorship"],
        "seniorzy",
        {},
    ),
    (
        "Uniwersytet Wzorcowy",
        "uniwersytet-wzorcowy",
        "science",
        "Studenci i badacze pomagają organizacjom w badaniach potrzeb i ewaluacji projektów.",
        ["pro_bono", "volunteering"],
        "edukacja",
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
    indexes = _index_pages(homes, PartnersIndexPage, INDEX, context)
    if PartnerPage.objects.exists():
        return
    for number, (title, slug, kind, lead, offers, area, translations) in enumerate(PARTNERS):
        partner = PartnerPage(
            title=title,
            slug=slug,
            partner_kind=kind,
            lead=lead,
            website=f"https://{slug}.example.org/",
            contact_email=f"partnerstwa{number}@example.org",
            **{f"offers_{offer}": True for offer in offers},
        )
        indexes["pl"].add_child(instance=partner)
        partner.areas.set(AreaOfPublicBenefit.objects.filter(slug=area, locale__language_code="pl"))
        partner.save_revision().publish()
        context.count("partners")
        for code, (translated_title, translated_lead) in translations.items():
            if code not in indexes:
                continue
            partner.refresh_from_db()
            translation = partner.copy_for_translation(indexes[code].locale)
            translation.title, translation.lead = translated_title, translated_lead
            translation.save_revision().publish()
            context.count("partners")
