"""A database made before volunteering had an app of its own keeps its offers and applications.

The models moved from ``pages`` to ``ngo_volunteering`` (pages 0030 and ngo_volunteering 0001)
without touching their tables: the listing and an offer made by the old migrations, its area and
tag, a volunteer's application (and the signed link in their e-mail, which names its token), a
permission handed out by model and the portal search's entry must all be there, under the new
app, after migrating forward.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from wagtail.models import Page

from pages.volunteering.emails import application_link_token
from pages.volunteering.models import VolunteerApplication, VolunteerOfferPage
from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import migrate_to_the_end, old_home, old_page

# The last pages migration before volunteering moved (the coordinator renumbers it at merge).
BEFORE = ("pages", "0036_council_moved_to_ngo_council")
LABEL = "ngo_volunteering"


def test_offers_and_applications_made_before_the_move_are_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    index = old_page(
        old,
        home,
        "VolunteerOfferIndexPage",
        "Wolontariat",
        "wolontariat-przed",
        intro="<p>Pomóż.</p>",
    )
    offer = old_page(
        old,
        index,
        "VolunteerOfferPage",
        "Spacery z seniorami",
        "spacery",
        lead="Godzina spaceru w tygodniu.",
        tasks="Spacer po parku.",
        mode="on_site",
        city="Poznań",
        schedule="regular",
        start_date=datetime.date.today(),
        volunteers_needed=3,
    )
    area = old.get_model("pages", "AreaOfPublicBenefit").objects.get(
        slug="seniorzy", locale__language_code="pl"
    )
    old.get_model("pages", "VolunteerOfferPage").areas.through.objects.create(
        volunteerofferpage_id=offer.pk, areaofpublicbenefit_id=area.pk
    )
    taggit = old.get_model("taggit", "Tag").objects.get_or_create(name="seniorzy", slug="seniorzy")
    old.get_model("pages", "OfferTag").objects.create(content_object_id=offer.pk, tag=taggit[0])
    application = old.get_model("pages", "VolunteerApplication").objects.create(
        offer_id=offer.pk,
        full_name="Ola Przykładowa",
        email="ola@example.org",
        consent_text="Zgoda.",
        status="accepted",
        token="stary-token",
    )
    # The applications handed to someone outside the city editors, by model.
    # (Made if missing: the test database is built at the end of the migrations, and going back
    # is what gives the content types back to pages.)
    content_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="pages", model="volunteerapplication"
    )
    permission, _ = old.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type,
        codename="change_volunteerapplication",
        defaults={"name": "Can change volunteer application"},
    )
    group = old.get_model("auth", "Group").objects.create(name="Wolontariat: koordynatorzy")
    group.permissions.add(permission)
    # The portal search's entry, under the old label (its table did not change).
    entry = SearchEntry.objects.create(
        page_id=offer.pk, language="pl", content_type="pages.volunteerofferpage", title="Spacery"
    )
    entry.facets.create(facet="type", value="pages.volunteerofferpage")

    migrate_to_the_end()

    moved = VolunteerOfferPage.objects.get(pk=offer.pk)
    assert [a.slug for a in moved.areas.all()] == ["seniorzy"]
    assert [t.slug for t in moved.tags.all()] == ["seniorzy"]
    assert moved.places_left == 2  # the accepted application counts
    for page in (index, offer):
        assert Page.objects.get(pk=page.pk).specific.content_type.app_label == LABEL

    listing = Page.objects.get(pk=index.pk).specific.url
    doc = html(client.get(listing + "?area=seniorzy&mode=on_site"))
    assert [a.get_text(strip=True) for a in doc.select(".card__title a")] == ["Spacery z seniorami"]
    assert "Spacery z seniorami" in client.get(listing + "kanal/").content.decode()
    assert client.get(moved.url).status_code == 200

    # The volunteer's link from before the move still opens their application.
    kept = VolunteerApplication.objects.get(pk=application.pk)
    assert (kept.full_name, kept.token, kept.offer_id) == (
        "Ola Przykładowa",
        "stary-token",
        offer.pk,
    )
    response = client.get(moved.url + "zgloszenie/", {"klucz": application_link_token(kept)})
    assert "Ola Przykładowa" in html(response).text

    # Handed out by model, the permission still gives its right under the new label.
    group = Group.objects.get(name="Wolontariat: koordynatorzy")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        (LABEL, "change_volunteerapplication")
    ]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_volunteerapplication"
    ).exists()
    # The search names the page's type by the new label: its filter and label still work.
    entry = SearchEntry.objects.get(page_id=offer.pk)
    assert entry.content_type == f"{LABEL}.volunteerofferpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        entry.content_type
    ]
