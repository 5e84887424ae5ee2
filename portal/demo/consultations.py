"""Fictional consultations: an open one with comments, a closed one with its report."""

import datetime

from django.utils import timezone

from pages.consultations.models import (
    ConsultationComment,
    ConsultationIndexPage,
    ConsultationPage,
)
from pages.models import (
    HomePage,
    OrganizationIndexPage,
    OrganizationPage,
)

from .stories import _index_pages

INDEX = {
    "pl": ("Konsultacje", "konsultacje", "<p>Projekty aktów prawa miejscowego do konsultacji.</p>"),
    "en": ("Consultations", "consultations", "<p>Draft local acts open to consultation.</p>"),
    "uk": ("Консультації", "konsultatsii", "<p>Проєкти місцевих актів на консультаціях.</p>"),
}
PARAGRAPHS = [
    ("§ 1", "Program określa cele i formy współpracy miasta z organizacjami pozarządowymi."),
    ("§ 2", "Celem głównym programu jest wzmacnianie aktywności obywatelskiej mieszkańców."),
    ("§ 3", "Współpraca odbywa się na zasadach pomocniczości, suwerenności stron i jawności."),
    ("§ 4", "Na realizację programu przeznacza się środki w wysokości określonej w budżecie."),
]
COMMENTS = [
    (
        1,
        "Celem głównym programu jest wzmacnianie aktywności obywatelskiej i sąsiedzkiej.",
        "Działania sąsiedzkie są ważną częścią pracy organizacji.",
        "accepted",
        "Przyjęto brzmienie.",
    ),
    (
        3,
        "Na realizację programu przeznacza się nie mniej niż w roku poprzednim.",
        "Organizacje potrzebują przewidywalnego finansowania.",
        "partly",
        "Kwota wynika z uchwały budżetowej; dodano zapis o planowaniu wieloletnim.",
    ),
    (
        2,
        "Dodać zasadę partnerstwa.",
        "Brakuje jej w projekcie.",
        "rejected",
        "Zasada partnerstwa jest w § 3 ust. 2 projektu.",
    ),
]


def load(context):
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(depth=2).select_related("locale")
    }
    if "pl" not in homes:
        return
    indexes = _index_pages(homes, ConsultationIndexPage, INDEX, context)
    pl = homes["pl"].locale
    today = timezone.localdate()
    directory = OrganizationIndexPage.objects.child_of(homes["pl"]).first()
    organizations = (
        list(OrganizationPage.objects.child_of(directory).live().order_by("path")[:4])
        if directory
        else []
    )
    for slug, title, opens, closes, answered in [
        (
            "program-wspolpracy",
            "Projekt programu współpracy z organizacjami pozarządowymi",
            today - datetime.timedelta(days=5),
            today + datetime.timedelta(days=21),
            False,
        ),
        (
            "regulamin-malych-grantow",
            "Projekt regulaminu małych grantów",
            today - datetime.timedelta(days=60),
            today - datetime.timedelta(days=30),
            True,
        ),
    ]:
        if ConsultationPage.objects.child_of(indexes["pl"]).filter(slug=slug).exists():
            continue
        page = ConsultationPage(
            title=title,
            slug=slug,
            lead="Zapraszamy organizacje do zgłaszania uwag do projektu.",
            consulted="Organizacje pozarządowe i podmioty z art. 3 ust. 3 ustawy",
            opens_on=opens,
            closes_on=closes,
            residents_may_comment=not answered,
            report_intro="<p>Dziękujemy za wszystkie uwagi.</p>" if answered else "",
            locale=pl,
        )
        page.paragraphs = [("paragraph", {"number": n, "text": t}) for n, t in PARAGRAPHS]
        indexes["pl"].add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        blocks = list(page.paragraphs)
        for number, (index, wording, why, answer, reason) in enumerate(COMMENTS):
            comment = ConsultationComment(
                consultation=page,
                paragraph_id=blocks[index].id,
                paragraph_label=blocks[index].value["number"],
                proposed_wording=wording,
                justification=why,
                organization=organizations[number % len(organizations)] if organizations else None,
                resident_name="" if organizations else "Mieszkanka Przykładowa",
                state=ConsultationComment.State.PUBLISHED,
                submitted_at=timezone.now() - datetime.timedelta(days=2),
                answer=answer if answered else "",
                answer_reason=reason if answered else "",
            )
            comment.save()
        context.count("consultations")
