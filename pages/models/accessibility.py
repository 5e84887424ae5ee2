"""The accessibility statement (deklaracja dostępności) the law on digital accessibility asks for.

Fields follow the statement template of the Act of 4 April 2019 on the digital accessibility of
public bodies' websites and mobile applications; the template renders the headings and element
ids of that template (a11y-...), which monitoring tools look for.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from .base import BasePage

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AccessibilityStatementPage(BasePage):
    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("self-assessment by the entity")
        EXTERNAL = "external", _("assessment by an external entity")

    entity_name = models.CharField(_("name of the public entity"), max_length=250)
    site_url = models.URLField(_("address of the website"))
    publication_date = models.DateField(_("date the website was published"))
    last_update_date = models.DateField(_("date of the last major update"))
    compliance = models.CharField(
        _("compliance status"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
    )
    non_compliant_content = RichTextField(
        _("inaccessible content and why"), blank=True, features=TEXT_FEATURES
    )
    exemptions = RichTextField(
        _("exemptions and their reasons"), blank=True, features=TEXT_FEATURES
    )
    prepared_on = models.DateField(_("date the statement was prepared"))
    reviewed_on = models.DateField(_("date of the last review"), null=True, blank=True)
    assessment_method = models.CharField(
        _("how it was assessed"), max_length=10, choices=Method.choices, default=Method.SELF
    )
    keyboard_shortcuts = RichTextField(_("keyboard shortcuts"), blank=True, features=TEXT_FEATURES)
    contact_person = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)
    enforcement_procedure = RichTextField(
        _("requests, complaints and enforcement"), features=TEXT_FEATURES
    )
    architectural_accessibility = RichTextField(
        _("accessibility of the building"), blank=True, features=TEXT_FEATURES
    )
    mobile_apps = RichTextField(_("mobile applications"), blank=True, features=TEXT_FEATURES)

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("entity_name"),
                FieldPanel("site_url"),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("last_update_date")]),
            ],
            heading=_("The website"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("non_compliant_content"),
                FieldPanel("exemptions"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("reviewed_on")]),
                FieldPanel("assessment_method"),
            ],
            heading=_("Preparation of the statement"),
        ),
        FieldPanel("keyboard_shortcuts"),
        MultiFieldPanel(
            [
                FieldPanel("contact_person"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("enforcement_procedure"),
            ],
            heading=_("Feedback and contact"),
        ),
        FieldPanel("architectural_accessibility"),
        FieldPanel("mobile_apps"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "pages/accessibility/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
