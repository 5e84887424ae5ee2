from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    """The yearly programme of cooperation with NGOs and the report on it (a feature app)."""

    name = "pages.cooperation"
    label = "ngo_cooperation"
    verbose_name = _("Programme of cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .models import CooperationReportPage, keep_snapshot_in_revision

        page_published.connect(
            keep_snapshot_in_revision,
            sender=CooperationReportPage,
            dispatch_uid="cooperation-report-snapshot",
        )
