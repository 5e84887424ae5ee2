from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """The knowledge base: guides, regulations, research results and templates for NGOs
    (a feature app)."""

    name = "pages.knowledge"
    label = "ngo_knowledge"
    verbose_name = _("knowledge base")
    default_auto_field = "django.db.models.BigAutoField"
