"""Fictional local leaders: a few approved, one waiting for approval (invented throughout)."""

from pages.leaders.models import LeaderProfile, LeadersIndexPage
from pages.models import AreaOfPublicBenefit, District, HomePage

from .stories import _index_pages

INDEX = {
    "pl": ("Lokalni liderzy", "liderzy", "<p>Mieszkańcy, którzy pomagają innym działać.</p>"),
    "en": ("Local leaders", "local-leaders", "<p>Residents who help others take action.</p>"),
    "uk": ("Місцеві лідери", "mistsevi-lidery", "<p>Мешканці, які допомагають іншим діяти.</p>"),
}
LEADERS = [
    (
        "Katarzyna Sąsiedzka",
        "wspolnoty-lokalne",
        "Założenie rady osiedla, organizacja pikników.",
        "approved",
    ),
    ("Marek Pomocny", "seniorzy", "Klub seniora, wolontariat sąsiedzki.", "approved"),
    (
        "Zofia Zielona",
        "ekologia-i-ochrona-zwierzat",
        "Ogrody społeczne, zbiórki elektrośmieci.",
        "approved",
    ),
    ("Adam Nowicjusz", "kultura-i-sztuka", "Kino plenerowe na podwórku.", "pending"),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    _index_pages(homes, LeadersIndexPage, INDEX, context)
    if LeaderProfile.objects.exists():
        return
    districts = list(District.objects.filter(locale__language_code="pl")[:10])
    for number, (name, area, help_text, state) in enumerate(LEADERS):
        leader = LeaderProfile.objects.create(
            full_name=name,
            email=f"lider{number}@example.org",
            district=districts[number % len(districts)] if districts else None,
            can_help_with=help_text,
            state=state,
        )
        leader.areas.set(AreaOfPublicBenefit.objects.filter(slug=area, locale__language_code="pl"))
        context.count("leaders")
