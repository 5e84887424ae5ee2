"""The law's paperwork for an accepted volunteer, as PDF: the agreement and the certificate.

Art. 44 of the Act on public benefit activity and volunteering (ustawa z dnia 24 kwietnia 2003 r.
o działalności pożytku publicznego i o wolontariacie) asks for an agreement (porozumienie) that
names the scope, the manner and the time of the work and how either side may end it; in writing
when the work lasts over 30 days or when the volunteer asks. Art. 44 ust. 5 gives the volunteer
a written certificate (zaświadczenie) of the work done.

The documents are in Polish (the language of the law) and use the bundled DejaVu Sans, which
has every Polish letter; ReportLab's built-in fonts do not. What the portal does not collect
(address, identity document) is left as dotted lines to fill in by hand.
"""

from django.utils import formats, timezone, translation
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogether

from pages.paperwork import BLANK, _build, _date
from pages.pdf import escape as _escape
from pages.pdf import styles as _styles


def _organizer_lines(offer):
    organization = offer.organization
    lines = [f"<b>{_escape(offer.organizer_display_name)}</b>"]
    if organization is not None:
        address = " ".join(
            part
            for part in [organization.street_address, organization.postal_code, organization.city]
            if part
        )
        if address:
            lines.append(_escape(address))
        ids = ", ".join(
            f"{label} {value}"
            for label, value in [("KRS", organization.krs), ("NIP", organization.nip)]
            if value
        )
        if ids:
            lines.append(ids)
    lines.append(f"osoba reprezentująca: {BLANK}")
    return "<br/>".join(lines)


def _hours_genitive(hours):
    """'1 godziny', '4 godzin', '4,5 godziny': a number of hours after 'w wymiarze' or
    'około', which take the genitive. The forms are Polish legal documents (no other
    language), so the rule is written here; a fraction takes the singular genitive."""
    value = float(hours)
    if value.is_integer():
        number = int(value)
        return f"{number} {'godziny' if number == 1 else 'godzin'}"
    # Polish decimals have a comma and no trailing zeros: 24,5 not 24.50.
    with translation.override("pl"):
        text = formats.number_format(round(value, 2), decimal_pos=2, use_l10n=True)
    text = text.rstrip("0").rstrip(",.")
    return f"{text} godziny"


def _signatures(styles):
    table = Table(
        [
            [Paragraph(BLANK, styles["body"]), Paragraph(BLANK, styles["body"])],
            [
                Paragraph("Korzystający (organizator)", styles["small"]),
                Paragraph("Wolontariusz", styles["small"]),
            ],
        ],
        colWidths=[80 * mm, 80 * mm],
    )
    table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, 0), 28)]))
    return KeepTogether([Spacer(1, 10 * mm), table])


def agreement_pdf(application):
    """Porozumienie o wykonywaniu świadczeń przez wolontariusza, filled from the offer and the
    application."""
    from .models import OfferMode, OfferSchedule

    offer = application.offer
    s = _styles()
    today = timezone.localdate()
    period_end = offer.end_date or (
        offer.start_date if offer.schedule == OfferSchedule.ONE_OFF else None
    )
    if offer.mode == OfferMode.ONLINE:
        place = "zdalnie (online)"
    else:
        place = ", ".join(part for part in [offer.street_address, offer.city] if part) or BLANK
    story = [
        Paragraph("POROZUMIENIE WOLONTARIACKIE", s["title"]),
        Paragraph(
            "o wykonywaniu świadczeń przez wolontariusza, zawarte na podstawie art. 44 ustawy "
            "z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie",
            s["subtitle"],
        ),
        Paragraph(f"zawarte w dniu {_date(today)} pomiędzy:", s["body"]),
        Paragraph(_organizer_lines(offer), s["body"]),
        # "(dalej: ...)" agrees with any organizer and any volunteer ("zwanym" did not agree with
        # a fundacja, nor with a volunteer who is a woman).
        Paragraph("(dalej: <b>Korzystający</b>), a", s["body"]),
        Paragraph(
            f"<b>{_escape(application.full_name)}</b><br/>adres zamieszkania: {BLANK}<br/>"
            f"e-mail: {_escape(application.email)}"
            + (f", telefon: {_escape(application.phone)}" if application.phone else "")
            + (
                f"<br/>data urodzenia: {_date(application.date_of_birth)}"
                if application.date_of_birth
                else ""
            ),
            s["body"],
        ),
        Paragraph("(dalej: <b>Wolontariusz</b>).", s["body"]),
        Paragraph("§ 1. Zakres świadczeń", s["heading"]),
        Paragraph(
            f"Wolontariusz wykonuje dobrowolnie i bez wynagrodzenia świadczenia w ramach "
            f"oferty „{_escape(offer.title)}”, polegające na:<br/>{_escape(offer.tasks)}",
            s["body"],
        ),
        Paragraph("§ 2. Sposób i czas wykonywania świadczeń", s["heading"]),
        Paragraph(
            f"Miejsce: {_escape(place)}.<br/>"
            f"Okres: od {_date(offer.start_date)} do "
            f"{_date(period_end) if period_end else 'odwołania'}."
            + (f"<br/>Czas: {_escape(offer.time_description)}." if offer.time_description else "")
            + (
                f"<br/>Wymiar: około {_hours_genitive(offer.hours_per_week)} tygodniowo."
                if offer.hours_per_week
                else ""
            ),
            s["body"],
        ),
        Paragraph("§ 3. Obowiązki Korzystającego", s["heading"]),
        Paragraph(
            "Korzystający informuje Wolontariusza o ryzyku dla zdrowia i bezpieczeństwa związanym "
            "z wykonywanymi świadczeniami oraz o zasadach ochrony przed zagrożeniami, zapewnia "
            "bezpieczne i higieniczne warunki wykonywania świadczeń, w tym odpowiednie środki "
            "ochrony indywidualnej, a na zasadach ustawy pokrywa koszty podróży służbowych "
            "i diet oraz koszty szkoleń niezbędnych do wykonywania świadczeń."
            + (
                " Korzystający zapewnia Wolontariuszowi ubezpieczenie od następstw nieszczęśliwych "
                "wypadków."
                if offer.offers_insurance
                else ""
            ),
            s["body"],
        ),
        Paragraph("§ 4. Zaświadczenie i opinia", s["heading"]),
        Paragraph(
            "Na wniosek Wolontariusza Korzystający wydaje pisemne zaświadczenie o wykonaniu "
            "świadczeń oraz pisemną opinię o ich wykonywaniu.",
            s["body"],
        ),
        Paragraph("§ 5. Rozwiązanie porozumienia", s["heading"]),
        Paragraph(
            "Każda ze stron może rozwiązać porozumienie z zachowaniem 7-dniowego okresu "
            "wypowiedzenia, a z ważnych przyczyn bez wypowiedzenia. Wypowiedzenie wymaga formy "
            "pisemnej lub elektronicznej.",
            s["body"],
        ),
        Paragraph("§ 6. Postanowienia końcowe", s["heading"]),
        Paragraph(
            "W sprawach nieuregulowanych porozumieniem stosuje się przepisy ustawy o działalności "
            "pożytku publicznego i o wolontariacie oraz Kodeksu cywilnego. Porozumienie "
            "sporządzono w dwóch jednobrzmiących egzemplarzach, po jednym dla każdej ze stron.",
            s["body"],
        ),
    ]
    if application.is_minor:
        story += [
            Paragraph("Zgoda przedstawiciela ustawowego", s["heading"]),
            Paragraph(
                f"Jako przedstawiciel ustawowy małoletniego Wolontariusza "
                f"({_escape(application.guardian_name) or BLANK}) wyrażam zgodę na zawarcie "
                f"niniejszego porozumienia i wykonywanie przez niego świadczeń.",
                s["body"],
            ),
            Paragraph(f"{BLANK}<br/>podpis przedstawiciela ustawowego", s["small"]),
        ]
    story.append(_signatures(s))
    return _build(story, f"Porozumienie wolontariackie – {offer.title}")


def certificate_pdf(application):
    """Zaświadczenie o wykonywaniu świadczeń przez wolontariusza (art. 44 ust. 5)."""
    offer = application.offer
    s = _styles()
    hours = application.hours_worked
    hours_text = _hours_genitive(hours) if hours is not None else f"{BLANK} godzin"
    story = [
        Paragraph(
            _organizer_lines(offer).replace(f"<br/>osoba reprezentująca: {BLANK}", ""), s["small"]
        ),
        Spacer(1, 12 * mm),
        Paragraph("ZAŚWIADCZENIE", s["title"]),
        Paragraph(
            "o wykonywaniu świadczeń przez wolontariusza (art. 44 ust. 5 ustawy z dnia "
            "24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie)",
            s["subtitle"],
        ),
        Paragraph(
            f"Zaświadcza się, że <b>{_escape(application.full_name)}</b> wykonywał(a) "
            f"świadczenia jako wolontariusz(ka) w okresie od {_date(application.service_from)} "
            f"do {_date(application.service_to)}, w łącznym wymiarze {hours_text}, w ramach "
            f"oferty „{_escape(offer.title)}”. Korzystający (organizator): "
            f"{_escape(offer.organizer_display_name)}.",
            s["body"],
        ),
        Paragraph("Zakres wykonywanych świadczeń:", s["heading"]),
        Paragraph(_escape(application.work_description or offer.tasks), s["body"]),
        Spacer(1, 8 * mm),
        Paragraph(f"{offer.city or BLANK}, {_date(timezone.localdate())}", s["body"]),
        Spacer(1, 14 * mm),
        Paragraph(f"{BLANK}<br/>podpis osoby reprezentującej Korzystającego", s["small"]),
    ]
    return _build(story, f"Zaświadczenie – {application.full_name}")
