"""The issued letter as PDF: the office's letterhead, the number and date, the funder as the
addressee, the text and the signature line of the office's head (a role, no name: whoever heads
the office signs). In Polish, the language of the office's letters; the bundled DejaVu Sans has
the Polish and Ukrainian letters, and everything the organization typed is escaped."""

import io

from django.utils import formats, timezone, translation
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, Spacer
from reportlab.platypus.flowables import KeepTogether

from pages.pdf import escape, page_template, styles

SIGNATORY = "Dyrektor Biura ds. Organizacji Pozarządowych"
KIND_TITLES = {
    "recommendation": "List polecający",
    "intent": "List intencyjny",
    "address": "Zgoda na korzystanie z adresu do korespondencji",
}


def _office():
    from wagtail.models import Site

    from pages.models import OfficeSettings

    site = Site.objects.filter(is_default_site=True).first()
    return OfficeSettings.for_site(site) if site else None


def letter_pdf(letter):
    office = _office()
    sheet = styles()
    right = ParagraphStyle("right", parent=sheet["body"], alignment=TA_RIGHT)
    name = (office.office_name if office else "") or "Urząd Miasta"
    address = ", ".join(
        part
        for part in [
            office.street_address if office else "",
            " ".join(p for p in [office.postal_code, office.city] if p) if office else "",
        ]
        if part
    )
    contact = " · ".join(p for p in [office.email, office.phone] if p) if office else ""
    issued = timezone.localtime(letter.decided_at or timezone.now()).date()
    with translation.override("pl"):
        date = formats.date_format(issued, "j E Y")
    place = (office.city if office else "") or ""
    story = [
        Paragraph(f"<b>{escape(name)}</b>", sheet["body"]),
    ]
    if address:
        story.append(Paragraph(escape(address), sheet["small"]))
    if contact:
        story.append(Paragraph(escape(contact), sheet["small"]))
    story += [
        HRFlowable(width="100%", thickness=0.6, spaceBefore=4, spaceAfter=10),
        Paragraph(f"{escape(place)}{', ' if place else ''}{date} r.", right),
        Paragraph(f"Znak: {escape(letter.number)}", sheet["body"]),
        Spacer(1, 6 * mm),
        Paragraph(f"<b>{escape(letter.funder)}</b>", sheet["body"]),
        Spacer(1, 8 * mm),
        Paragraph(escape(KIND_TITLES.get(letter.kind, "")), sheet["title"]),
        Paragraph(
            f"Dotyczy: {escape(letter.organization.title)} – "
            f"projekt „{escape(letter.project_title)}”",
            sheet["subtitle"],
        ),
    ]
    for paragraph in (letter.letter_text or "").split("\n\n"):
        if paragraph.strip():
            story.append(Paragraph(escape(paragraph.strip()), sheet["body"]))
    story.append(
        KeepTogether(
            [
                Spacer(1, 18 * mm),
                Paragraph("…………………………………………", right),
                Paragraph(SIGNATORY, ParagraphStyle("sign", parent=right, fontSize=8.5)),
            ]
        )
    )
    buffer = io.BytesIO()
    page_template(buffer, title=f"{KIND_TITLES.get(letter.kind, '')} {letter.number}").build(story)
    return buffer.getvalue()
