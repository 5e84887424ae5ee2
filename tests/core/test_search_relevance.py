"""What a resident's query must bring first: a relevance test set over pages of every family.

Each row is (language, query, the title that must come first or None, titles that must be among
the first ``top`` results). A change of analysis or weighting that pushes one of them down fails
here with every row that broke, not only the first. Rows come from issue 19: "wolontariat" found
no offer, "szkolenie" no training, "seniorow" fewer pages than "seniorów".
"""

import datetime

import pytest
from django.utils import timezone

from pages.models import StandardPage
from pages.volunteering.models import OfferMode
from tests.calendar.factories import CalendarPageFactory, EventPageFactory
from tests.factories import publish_page
from tests.helpers import html
from tests.trainings.factories import TrainingIndexPageFactory, make_training
from tests.volunteering.factories import VolunteerOfferIndexPageFactory, VolunteerOfferPageFactory

pytestmark = pytest.mark.django_db

SEARCH_PATHS = {"pl": "/pl/szukaj/", "en": "/en/search/", "uk": "/uk/poshuk/"}

RELEVANCE = [
    # Family names: a listing titled with the word comes first, the family's pages right after.
    ("pl", "wolontariat", "Wolontariat", ["Pomoc w hospicjum", "Festyn na Jeżycach"], 3),
    ("pl", "oferta wolontariatu", None, ["Pomoc w hospicjum", "Festyn na Jeżycach"], 3),
    ("pl", "oferty wolontariatu", None, ["Pomoc w hospicjum", "Festyn na Jeżycach"], 3),
    # A page with the word in its title outranks pages found by their family's name only.
    ("pl", "wolontariusz", "Jak zostać wolontariuszem", ["Pomoc w hospicjum"], 3),
    ("pl", "szkolenie", None, ["Jak napisać wniosek"], 2),
    ("pl", "szkolenia", None, ["Jak napisać wniosek"], 2),
    ("pl", "warsztaty", "Jak napisać wniosek", [], 1),
    ("pl", "wydarzenie", None, ["Piknik sąsiedzki"], 2),
    ("pl", "wydarzenia", None, ["Piknik sąsiedzki"], 2),
    # Words of the page itself.
    ("pl", "hospicjum", "Pomoc w hospicjum", [], 1),
    ("pl", "piknik", "Piknik sąsiedzki", [], 1),
    ("pl", "seniorów", "Klub seniorów", ["Gimnastyka", "Poradnik opiekuna"], 3),
    ("pl", "seniorow", "Klub seniorów", ["Gimnastyka", "Poradnik opiekuna"], 3),
    ("pl", "zolw", "Żółw błotny", [], 1),
    ("pl", "wniosek o dotację", "Jak napisać wniosek", [], 1),
    # English and Ukrainian pages are found by their family's name in their own language.
    ("en", "volunteering", "Volunteering", ["Help at the hospice"], 2),
    ("en", "volunteer offer", None, ["Help at the hospice"], 2),
    ("en", "hospice", "Help at the hospice", [], 1),
    ("uk", "волонтерство", "Волонтерство", ["Допомога в хоспісі"], 2),
    ("uk", "волонтерська пропозиція", None, ["Допомога в хоспісі"], 1),
    ("uk", "хоспіс", "Допомога в хоспісі", [], 1),
]

# Queries a resident types without Polish letters find what the spelled-out ones find.
FOLDED_PAIRS = [
    ("seniorow", "seniorów"),
    ("zolw", "żółw"),
    ("zolwi", "żółwi"),
    ("zolw blotny", "Żółw błotny"),
    ("festyn na jezycach", "festyn na Jeżycach"),
]


def standard(parent, title, text):
    page = StandardPage(title=title)
    page.body = [("paragraph", f"<p>{text}</p>")]
    parent.add_child(instance=page)
    return publish_page(page)


@pytest.fixture
def pages(homes):
    """A small portal: each family in Polish, volunteer offers in English and Ukrainian."""
    pl = homes["pl"]
    offers = VolunteerOfferIndexPageFactory(parent=pl)
    publish_page(
        VolunteerOfferPageFactory(
            parent=offers,
            title="Pomoc w hospicjum",
            slug="hospicjum",
            lead="Czytanie książek pacjentom.",
            tasks="Rozmowy i spacery.",
        )
    )
    publish_page(
        VolunteerOfferPageFactory(
            parent=offers, title="Festyn na Jeżycach", slug="festyn", mode=OfferMode.ONLINE
        )
    )
    trainings = TrainingIndexPageFactory(parent=pl)
    make_training(trainings, title="Jak napisać wniosek", slug="wniosek")
    calendar = CalendarPageFactory(parent=pl)
    start = timezone.now() + datetime.timedelta(days=20)
    publish_page(
        EventPageFactory(
            parent=calendar,
            title="Piknik sąsiedzki",
            start=start,
            end=start + datetime.timedelta(hours=3),
        )
    )
    standard(pl, "Jak zostać wolontariuszem", "Kilka rad na początek.")
    standard(pl, "Klub seniorów", "Spotkania przy kawie.")
    standard(pl, "Gimnastyka", "Zajęcia dla seniorów i seniorek.")
    standard(pl, "Poradnik opiekuna", "Jak pomagać seniorom w domu.")
    standard(pl, "Żółw błotny", "Ochrona żółwi w dolinie Warty.")
    for language, index_title, slug, title, lead in [
        ("en", "Volunteering", "volunteering", "Help at the hospice", "Reading to patients."),
        ("uk", "Волонтерство", "volonterstvo", "Допомога в хоспісі", "Читання пацієнтам."),
    ]:
        index = VolunteerOfferIndexPageFactory(parent=homes[language], title=index_title, slug=slug)
        publish_page(
            VolunteerOfferPageFactory(
                parent=index, title=title, slug=f"{slug}-1", lead=lead, tasks=lead
            )
        )


def result_titles(client, language, query):
    response = client.get(SEARCH_PATHS[language], {"q": query})
    assert response.status_code == 200
    return [a.get_text() for a in html(response).select(".search-result__title a")]


def test_each_query_brings_its_pages_first(client, pages):
    broken = []
    for language, query, first, among, top in RELEVANCE:
        found = result_titles(client, language, query)
        if first is not None and found[:1] != [first]:
            broken.append(f"{language} {query!r}: first {found[:1]}, expected {first!r}")
        missing = [title for title in among if title not in found[:top]]
        if missing:
            broken.append(f"{language} {query!r}: {missing} not in the first {top}: {found}")
    assert not broken, "\n".join(broken)


def test_a_query_without_polish_letters_finds_the_same_pages(client, pages):
    for folded, spelled in FOLDED_PAIRS:
        found = result_titles(client, "pl", spelled)
        assert found, spelled
        assert result_titles(client, "pl", folded) == found, (folded, spelled)


def test_a_family_name_never_outranks_a_title_match(client, pages):
    """ "wolontariusz" is a word of every offer's family, and the title of one article: the
    article comes first, the offers follow."""
    found = result_titles(client, "pl", "wolontariusz")

    assert found[0] == "Jak zostać wolontariuszem"
    assert {"Pomoc w hospicjum", "Festyn na Jeżycach"} <= set(found[1:])


def test_every_facet_value_has_a_label_in_the_visitors_language(client, pages):
    """A resident narrowing the results reads "na miejscu", never "on_site"."""
    for language, query, expected in [
        ("pl", "oferta wolontariatu", {"na miejscu", "online"}),
        ("uk", "волонтерство", {"на місці"}),
    ]:
        response = client.get(SEARCH_PATHS[language], {"q": query})
        doc = html(response)
        mode = doc.select_one('[data-facet="mode"]')
        assert mode is not None, language
        labels = {
            label.get_text(" ", strip=True).rsplit(" (", 1)[0] for label in mode.select("label")
        }
        assert labels == expected
        for label in doc.select(".search-facet li label"):
            value = label.find("input")["value"]
            text = label.get_text(" ", strip=True)
            if "_" in value or "." in value:
                assert value not in text, (language, value, text)
