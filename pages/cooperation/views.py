"""The report's exports: its figures as CSV, the whole report as PDF and as an editable file."""

import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation

from pages import csvexport, documents

from .report import CSV_COLUMNS, build_document, csv_rows

CSV_TYPE = "text/csv; charset=utf-8"
KINDS = ("csv", "pdf", "odt")


def export_view(page, request, kind):
    # A draft's figures are not public: whoever may not edit it finds nothing here.
    if not page.may_export(request):
        raise Http404
    snapshot, _frozen = page.current_figures(request)
    name = f"sprawozdanie-{snapshot['year']}-{page.locale.language_code}"
    with translation.override(page.locale.language_code):
        if kind == "csv":
            response = HttpResponse(figures_csv(page, snapshot), content_type=CSV_TYPE)
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        else:
            response = documents.download(build_document(page, snapshot), kind, name)
    if not page.live:
        response["Cache-Control"] = "private, no-store"
    return response


def admin_export_view(request, page_id, kind):
    """The same exports from the admin, also of a draft, with the figures counted now."""
    from .models import CooperationReportPage

    if kind not in KINDS:
        raise Http404
    page = get_object_or_404(CooperationReportPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    # The draft the editor is working on, not the version last published.
    page = page.get_latest_revision_as_object()
    return export_view(page, request, kind)


def figures_csv(page, snapshot):
    out = io.StringIO()
    out.write("\ufeff")  # for spreadsheets that guess the encoding
    writer = csvexport.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(page, snapshot))
    return out.getvalue().encode()
