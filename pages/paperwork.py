"""Official documents as PDF: what they share (a date written out, the dotted line to fill in
by hand, the A4 page with the bundled DejaVu Sans, which has every Polish letter) and the report
of a closed consultation. They are in Polish, the language of the law. A volunteer's agreement
and certificate (art. 44 of the Act on volunteering) are volunteering's:
``pages.volunteering.paperwork``.
"""

import io

from django.utils import formats

from pages.pdf import page_template

BLANK = "…………………………………………"


def _date(value):
    return formats.date_format(value, "j E Y") if value else BLANK


def _build(story, title):
    buffer = io.BytesIO()
    document = page_template(buffer, title=title)
    document.build(story)
    return buffer.getvalue()
