"""Consultations of draft acts: who may comment when, what others see, the report."""

import datetime
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from pages import roles
from pages.consultations.models import (
    ConsultationComment,
    ConsultationPage,
)
from tests.consultations.factories import (
    ConsultationCommentFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from tests.factories import OrganizationIndexPageFactory, OrganizationPageFactory
from tests.helpers import html

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def tree(homes):
    directory = OrganizationIndexPageFactory(parent=homes["pl"])
    index = ConsultationIndexPageFactory(parent=homes["pl"])
    return {
        "index": index,
        "first": OrganizationPageFactory(parent=directory, title="Fundacja Pierwsza"),
        "second": OrganizationPageFactory(parent=directory, title="Stowarzyszenie Drugie"),
    }


def make_consultation(index, opens=-3, closes=10, residents=False, slug="program"):
    today = timezone.localdate()
    page = ConsultationPageFactory(
        parent=index,
        slug=slug,
        opens_on=today + datetime.timedelta(days=opens),
        closes_on=today + datetime.timedelta(days=closes),
        residents_may_comment=residents,
    )
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def editor_of(organization, name):
    organization.refresh_from_db()
    user = User.objects.create_user(name, f"{name}@example.org", "x-pass-123456")
    user.groups.add(organization.editor_group)
    return user


def paragraph(page, number):
    return next(block.id for block in page.paragraphs if block.value["number"] == number)


def comment_data(page, organization=None, action="submit", **extra):
    data = {
        "paragraph": paragraph(page, "§ 2"),
        "proposed_wording": "Celem jest aktywność obywatelska i sąsiedzka.",
        "justification": "Działania sąsiedzkie są ważne.",
        "action": action,
        **extra,
    }
    if organization is not None:
        data["organization"] = organization.pk
    return data


def test_an_ngo_editor_comments_on_a_paragraph_and_the_moderator_publishes_it(client, tree):
    page = make_consultation(tree["index"])
    client.force_login(editor_of(tree["first"], "pierwsza"))
    response = client.post(page.url, comment_data(page, tree["first"]))
    assert response.status_code == 302 and "stan=wyslano" in response["Location"]
    comment = ConsultationComment.objects.get()
    assert (comment.paragraph_label, comment.organization_id) == ("§ 2", tree["first"].pk)
    assert comment.state == ConsultationComment.State.SUBMITTED

    client.logout()
    assert "sąsiedzka" not in client.get(page.url).content.decode()  # not before moderation

    moderator = User.objects.create_user("moderator", "m@example.org", "x-pass-123456")
    moderator.groups.add(Group.objects.get(name=roles.CITY_MODERATORS))
    client.force_login(moderator)
    client.post(
        f"/admin/consultations/{page.pk}/",
        {
            "comment": comment.pk,
            f"c{comment.pk}-state": "published",
            f"c{comment.pk}-answer": "",
            f"c{comment.pk}-answer_reason": "",
        },
    )
    client.logout()
    published = html(client.get(page.url)).select_one(".comments .comment")
    assert "sąsiedzka" in published.text and "Fundacja Pierwsza" in published.text
    assert "§ 2" in published.text


def test_a_draft_is_seen_by_its_organization_only_until_submitted(client, tree):
    page = make_consultation(tree["index"])
    first_editor = editor_of(tree["first"], "pierwsza")
    client.force_login(first_editor)
    assert (
        "stan=szkic"
        in client.post(page.url, comment_data(page, tree["first"], "draft"))["Location"]
    )
    draft = ConsultationComment.objects.get()
    assert draft.state == ConsultationComment.State.DRAFT
    assert "sąsiedzka" in html(client.get(page.url)).select_one("#drafts-heading").parent.text

    second_editor = editor_of(tree["second"], "druga")
    client.force_login(second_editor)
    assert "sąsiedzka" not in client.get(page.url).content.decode()
    # Nor can another organization submit it.
    refused = client.post(page.url, {"submit_draft": draft.pk})
    assert refused.status_code == 403
    draft.refresh_from_db()
    assert draft.state == ConsultationComment.State.DRAFT

    client.force_login(first_editor)
    client.post(page.url, {"submit_draft": draft.pk})
    draft.refresh_from_db()
    assert draft.state == ConsultationComment.State.SUBMITTED


def test_an_editor_cannot_comment_in_the_name_of_another_organization(client, tree):
    page = make_consultation(tree["index"])
    client.force_login(editor_of(tree["first"], "pierwsza"))
    response = client.post(page.url, comment_data(page, tree["second"]))
    assert response.status_code == 400
    assert ConsultationComment.objects.count() == 0
    assert html(response).select_one("#id_proposed_wording").text.strip().startswith("Celem")


def test_nobody_comments_outside_the_period(client, tree):
    before = make_consultation(tree["index"], opens=2, closes=10, residents=True, slug="przed")
    after = make_consultation(tree["index"], opens=-20, closes=-1, residents=True, slug="po")
    client.force_login(editor_of(tree["first"], "pierwsza"))
    for page in (before, after):
        assert html(client.get(page.url)).select_one("#comment-form-heading") is None
        refused = client.post(page.url, comment_data(page, tree["first"]))
        assert refused.status_code == 403
        assert "tylko w czasie konsultacji" in refused.content.decode()
    assert ConsultationComment.objects.count() == 0


def test_residents_comment_only_where_the_page_allows(client, tree):
    closed_to_residents = make_consultation(tree["index"], slug="tylko-ngo")
    assert html(client.get(closed_to_residents.url)).select_one("#comment-form-heading") is None
    refused = client.post(closed_to_residents.url, comment_data(closed_to_residents))
    assert refused.status_code == 403

    open_to_all = make_consultation(tree["index"], residents=True, slug="dla-wszystkich")
    data = comment_data(
        open_to_all, resident_name="Jan Mieszkaniec", resident_email="jan@example.org", consent="on"
    )
    assert client.post(open_to_all.url, data).status_code == 302
    comment = ConsultationComment.objects.get()
    assert comment.resident_name == "Jan Mieszkaniec"
    assert comment.state == ConsultationComment.State.SUBMITTED


def test_moderation_is_refused_to_anonymous_and_ngo_editors(client, tree):
    page = make_consultation(tree["index"])
    url = f"/admin/consultations/{page.pk}/"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(editor_of(tree["first"], "pierwsza"))
    for response in (client.get(url), client.get("/admin/consultations/")):
        assert response.status_code in (302, 403)
        assert "Konsultacje" not in response.content.decode()


def test_report_lists_every_comment_with_the_answer_as_page_and_pdf(client, tree):
    page = make_consultation(tree["index"], opens=-20, closes=-1)
    for state, wording, answer in [
        (ConsultationComment.State.PUBLISHED, "Dodać zasadę partnerstwa.", "rejected"),
        (ConsultationComment.State.PUBLISHED, "Zmienić kwotę programu.", "partly"),
        (ConsultationComment.State.REJECTED, "Spam spam.", ""),
    ]:
        ConsultationCommentFactory(
            consultation=page,
            proposed_wording=wording,
            organization=tree["first"],
            state=state,
            answer=answer,
            answer_reason="Zasada jest w § 3." if answer == "rejected" else "",
            submitted_at=timezone.now(),
        )
    doc = html(client.get(page.url + "raport/"))
    rows = [" ".join(row.text.split()) for row in doc.select("table.report tbody tr")]
    assert len(rows) == 2
    partnership = next(row for row in rows if "partnerstwa" in row)
    assert "nieuwzględniona: Zasada jest w § 3." in partnership
    assert "uwzględniona częściowo" in next(row for row in rows if "kwotę" in row)
    assert not any("Spam" in row for row in rows)

    pdf = client.get(page.url + "raport/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-", "-"],  # noqa: S607 (poppler's tool from the PATH)
        input=pdf.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    text = " ".join(text.split())
    assert "Raport z konsultacji" in text
    assert "partnerstwa" in text and "Zasada jest w § 3." in text and "Spam" not in text


def test_the_report_waits_for_the_end_of_the_consultation(client, tree):
    page = make_consultation(tree["index"])
    assert client.get(page.url + "raport/").status_code == 404
    assert client.get(page.url + "raport/pdf/").status_code == 404


def test_demo_has_an_open_consultation_with_comments_and_a_closed_one_with_report(client, demo):
    pages = ConsultationPage.objects.filter(locale__language_code="pl")
    open_page = next(page for page in pages if page.is_open)
    closed = next(page for page in pages if page.has_closed)
    assert html(client.get(open_page.url)).select(".comments .comment")
    assert html(client.get(closed.url + "raport/")).select("table.report tbody tr")
