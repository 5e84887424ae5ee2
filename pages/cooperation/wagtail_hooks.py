"""A draft report's exports, for whoever may edit it: the office reads the PDF and finishes the
editable file before it publishes; the public routes answer only once the report is live."""

from django.urls import path
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_cooperation_urls():
    return [
        path(
            "cooperation/report/<int:page_id>/<str:kind>/",
            views.admin_export_view,
            name="cooperation_report_export",
        )
    ]
