"""The report's exports: its figures as CSV, the whole report as PDF and as an editable file."""

import io

from django.http import Http404, HttpResponse
from django.utils import translation

from pages import csvexport, documents

from .report import CSV_COLUMNS, build_document, csv_rows

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "odt": "application/vnd.oasis.opendocument.text",
}


def export_view(page, request, kind):
    # A draft's figures are not public: whoever may not edit it finds nothing here.
    if not page.may_export(request):
        raise Http404
    snapshot, _frozen = page.current_figures(request)
    with translation.override(page.locale.language_code):
        if kind == "csv":
            body = figures_csv(page, snapshot)
        elif kind == "pdf":
            body = documents.render_pdf(build_document(page, snapshot))
        else:
            body = documents.render_odt(build_document(page, snapshot))
    response = HttpResponse(body, content_type=CONTENT_TYPES[kind])
    filename = f"sprawozdanie-{snapshot['year']}-{page.locale.language_code}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if not page.live:
        response["Cache-Control"] = "private, no-store"
    return response


def figures_csv(page, snapshot):
    out = io.StringIO()
    out.write("\ufeff")  # for spreadsheets that guess the encoding
    writer = csvexport.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(page, snapshot))
    return out.getvalue().encode()
