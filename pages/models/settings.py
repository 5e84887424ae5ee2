"""Site-wide settings city editors change in the admin (Settings > Office)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from pages.layout_cache import layout_cached

postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postal code as NN-NNN."))


class GenerationSiteSetting(BaseSiteSetting):
    """A site setting that pages read once per content generation rather than on every page.

    Safe: a setting is the same for every visitor of a site, and saving it starts a new
    generation (``pages.layout_cache``), so what is read is never older than the row. Only
    ``for_request`` (the pages' and templates' path) is cached; the admin reads ``for_site``.
    """

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        instance = layout_cached(
            "site-setting", (cls._meta.label, site.pk), lambda: cls.for_site(site)
        )
        # As Wagtail's own: the request gives the pages' links their site without a query.
        instance._request = request
        setattr(request, attr_name, instance)
        return instance


@register_setting(icon="home")
class OfficeSettings(GenerationSiteSetting):
    """The office that runs the portal: shown in the footer and the contact page."""

    office_name = models.CharField(_("office name"), max_length=200, blank=True)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(
        _("postal code"), max_length=6, blank=True, validators=[postal_code_validator]
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("linkedin_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("office")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
            ("LinkedIn", self.linkedin_url),
        ]
        return [(name, url) for name, url in links if url]


def office_name():
    """The office's name from the default site's settings, for pages that name an organizer."""
    from django.conf import settings

    def build():
        site = Site.objects.filter(is_default_site=True).first()
        return OfficeSettings.for_site(site).office_name if site else ""

    return layout_cached("office-name", (), build) or settings.WAGTAIL_SITE_NAME


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """The main menu city editors arrange (Settings > Main menu).

    Empty, the menu shows the home page's children marked "show in menus". Page links follow the
    reader's language: each points to the page's translation, titled in that language unless the
    item gives its own label.
    """

    panels = [InlinePanel("items", heading=_("Menu items"), label=_("menu item"))]

    class Meta:
        verbose_name = _("main menu")


class NavigationItem(Orderable):
    settings = ParentalKey(NavigationSettings, related_name="items", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("or an address"), blank=True)
    label_pl = models.CharField(
        _("label (Polish)"),
        max_length=60,
        blank=True,
        help_text=_("Empty: the page's title in the reader's language."),
    )
    label_en = models.CharField(_("label (English)"), max_length=60, blank=True)
    label_uk = models.CharField(_("label (Ukrainian)"), max_length=60, blank=True)

    panels = [
        FieldPanel("page"),
        FieldPanel("url"),
        FieldRowPanel([FieldPanel("label_pl"), FieldPanel("label_en"), FieldPanel("label_uk")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("menu item")
        verbose_name_plural = _("menu items")

    def clean(self):
        if bool(self.page_id) == bool(self.url):
            raise ValidationError(_("Choose a page or give an address (one of the two)."))
        if self.url and not self.label_pl:
            raise ValidationError({"label_pl": _("A link to an address needs a label.")})

    def label_for(self, language):
        return getattr(self, f"label_{language}", "") or self.label_pl
