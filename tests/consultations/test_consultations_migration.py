"""A database made before the consultations had an app of their own keeps them after migrate.

The consultations' models moved from ``pages`` to ``ngo_consultations`` (pages 0031,
ngo_consultations 0001) without touching their tables: the pages, their comments with the
office's answers, a permission handed out by model (the comments' screen) and the portal
search's entry must all be there, under the new app, after migrating forward.
"""

from django.contrib.auth.models import Group, Permission, User
from wagtail.models import Page

from pages import roles
from search.models import SearchEntry
from tests.helpers import html
from tests.migrations import hand_out, migrate_to_the_end, old_home, old_page, old_search_entry

# The last pages migration before the consultations moved (the coordinator renumbers it).
BEFORE = ("pages", "0030_grants_moved_to_ngo_grants")


def test_the_consultations_made_before_the_move_are_there_after_it(client, before_the_move):
    old = before_the_move
    home = old_home(old)
    index = old_page(old, home, "ConsultationIndexPage", "Konsultacje", "konsultacje")
    consultation = old_page(
        old,
        index,
        "ConsultationPage",
        "Regulamin małych grantów",
        "regulamin",
        lead="Projekt regulaminu.",
        consulted="organizacje pozarządowe",
        opens_on="2026-01-05",
        closes_on="2026-01-25",
    )
    comment = old.get_model("pages", "ConsultationComment").objects.create(
        consultation_id=consultation.pk,
        paragraph_label="§ 1",
        proposed_wording="Termin 30 dni.",
        justification="Więcej czasu na wnioski.",
        resident_name="Anna Mieszkanka",
        state="published",
        answer="accepted",
        answer_reason="Przyjęto.",
    )
    hand_out(old, "change_consultationcomment", "Konsultacje: moderacja")
    old_search_entry(consultation, "pages.consultationpage")

    migrate_to_the_end()

    from pages.consultations.models import ConsultationComment, ConsultationPage

    moved = ConsultationPage.objects.get(pk=consultation.pk)
    for page in (index, consultation):
        assert Page.objects.get(pk=page.pk).specific.content_type.app_label == "ngo_consultations"
    assert list(moved.comments.all()) == [ConsultationComment.objects.get(pk=comment.pk)]

    # The listing, the page and its report (HTML and PDF) still answer.
    listing = html(client.get(Page.objects.get(pk=index.pk).specific.url))
    assert [a.get_text(strip=True) for a in listing.select(".card__title a")] == [
        "Regulamin małych grantów"
    ]
    assert client.get(moved.url).status_code == 200
    report = client.get(moved.url + "raport/").content.decode()
    assert "Termin 30 dni." in report and "Przyjęto." in report
    assert client.get(moved.url + "raport/pdf/").content.startswith(b"%PDF")

    # Handed out by model, the permission still opens the comments' screen.
    group = Group.objects.get(name="Konsultacje: moderacja")
    assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
        ("ngo_consultations", "change_consultationcomment")
    ]
    assert not Permission.objects.filter(
        content_type__app_label="pages", codename="change_consultationcomment"
    ).exists()
    user = User.objects.create_user("moderuje", "m@example.org", "x-pass-123456", is_staff=True)
    user.groups.add(group)
    assert roles.can_run(User.objects.get(pk=user.pk), "consultations")
    # The search names the page's type by the new label.
    entry = SearchEntry.objects.get(page_id=consultation.pk)
    assert entry.content_type == "ngo_consultations.consultationpage"
    assert list(entry.facets.filter(facet="type").values_list("value", flat=True)) == [
        "ngo_consultations.consultationpage"
    ]
