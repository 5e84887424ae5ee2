"""The report's figures as a reader sees them: labels in the page's language, the change against
the year before, the charts as data (`pages.documents.Chart`), and one `Document` that the PDF
and the editable file are both rendered from."""

from decimal import Decimal

from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from pages import report_figures
from pages.consultations.models import ConsultationPage
from pages.documents import Chart, Document, Heading, Paragraph, RichText, Table
from pages.grants.models import GrantMode
from pages.models import AreaOfPublicBenefit
from pages.report_figures import AMOUNT, PERCENT


def number(value, kind):
    """A Decimal, an int or None (a figure the year did not have: no programme, say)."""
    if value is None:
        return None
    return Decimal(value) if kind in (AMOUNT, PERCENT) else int(value)


def shown(value, kind):
    if value is None:
        return "–"
    places = 2 if kind == AMOUNT else (1 if kind == PERCENT else 0)
    return formats.number_format(value, places, use_l10n=True, force_grouping=True)


def change_shown(value, previous, kind):
    if value is None or previous is None:
        return "–"
    change = value - previous
    sign = "+" if change > 0 else ""
    return sign + shown(change, kind)


def sections(snapshot):
    """[{key, heading, rows: [{key, label, value, previous, change}]}] in the page's language."""
    figures = snapshot["figures"]
    result = []
    for section in report_figures.sections():
        shown_rows = []
        for key, label, kind in section.figures:
            if key not in figures:
                continue  # a family installed after the report was frozen
            value = number(figures[key]["value"], kind)
            previous = number(figures[key]["previous"], kind)
            shown_rows.append(
                {
                    "key": key,
                    "label": str(label),
                    "value": value,
                    "previous": previous,
                    "value_shown": shown(value, kind),
                    "previous_shown": shown(previous, kind),
                    "change_shown": change_shown(value, previous, kind),
                }
            )
        if shown_rows:
            result.append({"key": section.key, "heading": str(section.heading), "rows": shown_rows})
    return result


def area_names(locale, keys):
    """{translation_key: name} in the page's language, else in the source language."""
    names = {}
    terms = AreaOfPublicBenefit.objects.filter(translation_key__in=[k for k in keys if k])
    for term in terms.select_related("locale").order_by("locale__language_code"):
        key = str(term.translation_key)
        if term.locale_id == locale.pk or key not in names:
            names[key] = term.name
    return names


def consultation_titles(locale, keys):
    titles = {}
    pages = ConsultationPage.objects.filter(translation_key__in=keys).live()
    for page in pages.values("translation_key", "locale_id", "title"):
        key = str(page["translation_key"])
        if page["locale_id"] == locale.pk or key not in titles:
            titles[key] = page["title"]
    return titles


def charts(page, snapshot):
    year = snapshot["year"]
    by_area = snapshot["amount_by_area"]
    names = area_names(page.locale, by_area.keys())
    result = [
        Chart(
            title=_("Amounts awarded by area of public benefit, %(year)s") % {"year": year},
            description=_(
                "Grants awarded in %(year)s summed by the area of public benefit of the task, "
                "in złoty, the largest first."
            )
            % {"year": year},
            rows=[
                (names.get(key, _("no area given")), Decimal(amount))
                for key, amount in by_area.items()
            ],
            unit="zł",
            kind="bar",
        ),
        Chart(
            title=_("Amounts awarded by year"),
            description=_("Grants awarded in each of the last %(count)s years, in złoty.")
            % {"count": len(snapshot["amount_by_year"])},
            rows=[(y, Decimal(amount)) for y, amount in snapshot["amount_by_year"].items()],
            unit="zł",
            kind="column",
        ),
    ]
    # The breakdowns of the families installed when the figures were counted.
    consultations = snapshot.get("consultations")
    if consultations is not None:
        titles = consultation_titles(page.locale, consultations.keys())
        result.append(
            Chart(
                title=_("Comments in the consultations of %(year)s") % {"year": year},
                description=_("The number of comments each consultation held in %(year)s received.")
                % {"year": year},
                rows=sorted(
                    [(titles.get(key, "–"), counts[0]) for key, counts in consultations.items()],
                    key=lambda row: (-row[1], row[0]),
                ),
                kind="bar",
            )
        )
    months = snapshot.get("centre_by_month")
    if months is not None:
        result.append(
            Chart(
                title=_("Use of the NGO centre by month, %(year)s") % {"year": year},
                description=_(
                    "Approved bookings of rooms and equipment and advice appointments together, "
                    "month by month."
                ),
                rows=[(str(MONTHS[int(month)]), sum(counts)) for month, counts in months.items()],
                kind="column",
            )
        )
    return result


def mode_rows(snapshot):
    return [
        (str(GrantMode(mode).label), Decimal(amount))
        for mode, amount in snapshot["amount_by_mode"].items()
        if mode in GrantMode.values
    ]


def task_rows(page, snapshot):
    """(task, planned, awarded) in the programme's order, titles in the page's language."""
    programme = page.programme
    tasks = list(programme.priority_tasks.all()) if programme is not None else []
    rows = []
    for position, amounts in enumerate(snapshot["tasks"]):
        title = tasks[position].title if position < len(tasks) else f"{position + 1}."
        rows.append(
            (
                title,
                shown(Decimal(amounts["planned"]), AMOUNT),
                shown(Decimal(amounts["awarded"]), AMOUNT),
            )
        )
    return rows


def report_context(page, snapshot):
    return {
        "snapshot": snapshot,
        "sections": sections(snapshot),
        "charts": charts(page, snapshot),
        "modes": [(label, shown(amount, AMOUNT)) for label, amount in mode_rows(snapshot)],
        "tasks": task_rows(page, snapshot),
        "previous_year": snapshot["year"] - 1,
    }


def figure_header(year):
    return [_("Figure"), str(year), str(year - 1), _("Change")]


def build_document(page, snapshot):
    """The report as a `Document`: what the PDF and the editable file both show."""
    year = snapshot["year"]
    programme = page.programme
    document = Document(
        title=page.title,
        subtitle=(
            _("Report on the programme of cooperation adopted by resolution %(number)s")
            % {"number": programme.resolution_number}
            if programme is not None
            else ""
        ),
        language=page.locale.language_code,
    )
    blocks = document.blocks
    if page.summary:
        blocks.append(RichText(expand_db_html(page.summary)))
    for item in page.narrative:
        blocks.append(Heading(item.value["goal"], level=3))
        blocks.append(RichText(item.value["text"].__html__()))
    blocks.append(Heading(_("The figures")))
    blocks.append(
        Paragraph(
            _("Counted from the portal's data on %(date)s.")
            % {"date": snapshot["computed_at"][:10]}
        )
    )
    for section in sections(snapshot):
        blocks.append(Heading(section["heading"], level=3))
        blocks.append(
            Table(
                caption=section["heading"],
                header=figure_header(year),
                rows=[
                    [row["label"], row["value_shown"], row["previous_shown"], row["change_shown"]]
                    for row in section["rows"]
                ],
                numeric_columns={1, 2, 3},
            )
        )
    modes = mode_rows(snapshot)
    if modes:
        blocks.append(
            Table(
                caption=_("Amounts awarded by mode, %(year)s") % {"year": year},
                header=[_("Mode"), _("Amount (PLN)")],
                rows=[[label, shown(amount, AMOUNT)] for label, amount in modes],
                numeric_columns={1},
            )
        )
    tasks = task_rows(page, snapshot)
    if tasks:
        blocks.append(
            Table(
                caption=_("Priority public tasks"),
                header=[_("Public task"), _("Planned (PLN)"), _("Awarded (PLN)")],
                rows=[list(row) for row in tasks],
                numeric_columns={1, 2},
            )
        )
    blocks.extend(charts(page, snapshot))
    return document


CSV_COLUMNS = ["section", "figure", "label", "year", "value", "previous_year", "previous_value"]


def csv_rows(page, snapshot):
    """The figures as rows for a spreadsheet: keys stay stable, labels follow the language."""
    year = snapshot["year"]
    for section in sections(snapshot):
        for row in section["rows"]:
            yield [
                section["key"],
                row["key"],
                row["label"],
                year,
                row["value"],
                year - 1,
                row["previous"],
            ]
    names = area_names(page.locale, snapshot["amount_by_area"].keys())
    for key, amount in snapshot["amount_by_area"].items():
        label = names.get(key, _("no area given"))
        yield ["amount_by_area", key, label, year, Decimal(amount), None, None]
    for mode, amount in snapshot["amount_by_mode"].items():
        yield ["amount_by_mode", mode, label_of_mode(mode), year, Decimal(amount), None, None]
    for y, amount in snapshot["amount_by_year"].items():
        yield ["amount_by_year", y, y, int(y), Decimal(amount), None, None]


def label_of_mode(mode):
    return str(GrantMode(mode).label) if mode in GrantMode.values else mode
