"""Official documents as PDF: what they share (a date written out, the dotted line to fill in
by hand, the A4 page with the bundled DejaVu Sans, which has every Polish letter) and the report
of a closed consultation. They are in Polish, the language of the law. A volunteer's agreement
and certificate (art. 44 of the Act on volunteering) are volunteering's:
``pages.volunteering.paperwork``.
"""

import io

from django.utils import formats, timezone
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from pages.pdf import escape as _escape
from pages.pdf import page_template
from pages.pdf import styles as _styles

BLANK = "…………………………………………"


def _date(value):
    return formats.date_format(value, "j E Y") if value else BLANK


def _build(story, title):
    buffer = io.BytesIO()
    document = page_template(buffer, title=title)
    document.build(story)
    return buffer.getvalue()


def consultation_report_pdf(consultation, comments):
    """The report of a closed consultation: every comment with the office's answer."""
    from django.utils import translation

    from pages.models.consultations import ConsultationComment

    styles = _styles()
    # The report is an official document: in Polish, whatever the reader's language.
    with translation.override("pl"):
        answers = {value: str(label) for value, label in ConsultationComment.Answer.choices}
    story = [
        Paragraph("Raport z konsultacji", styles["title"]),
        Paragraph(_escape(consultation.title), styles["subtitle"]),
        Paragraph(
            f"Konsultacje trwały od {_date(consultation.opens_on)} do "
            f"{_date(consultation.closes_on)}. Konsultowani: {_escape(consultation.consulted)}.",
            styles["body"],
        ),
        Paragraph(f"Liczba uwag: {len(comments)}.", styles["body"]),
        Spacer(1, 6 * mm),
    ]
    header = [
        Paragraph(f"<b>{label}</b>", styles["small"])
        for label in (
            "Lp.",
            "Jednostka redakcyjna",
            "Zgłaszający",
            "Proponowane brzmienie i uzasadnienie",
            "Stanowisko urzędu",
        )
    ]
    rows = [header]
    for number, comment in enumerate(comments, start=1):
        answer = str(answers.get(comment.answer, "bez odpowiedzi"))
        if comment.answer_reason:
            answer += ": " + comment.answer_reason
        rows.append(
            [
                Paragraph(str(number), styles["small"]),
                Paragraph(_escape(comment.paragraph_label or "całość"), styles["small"]),
                Paragraph(_escape(comment.author_display), styles["small"]),
                Paragraph(
                    f"{_escape(comment.proposed_wording)}<br/><i>{_escape(comment.justification)}</i>",
                    styles["small"],
                ),
                Paragraph(_escape(answer), styles["small"]),
            ]
        )
    table = Table(rows, colWidths=[10 * mm, 22 * mm, 30 * mm, 60 * mm, 44 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, "#777777"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(f"Sporządzono {_date(timezone.localdate())}.", styles["small"]))
    return _build(story, f"Raport z konsultacji: {consultation.title}")
