"""The site itself: office settings, the home pages' content and a few content pages."""

from wagtail.models import Site

from pages.models import HomePage, OfficeSettings, StandardPage

HOME_CONTENT = {
    "pl": {
        "hero_title": "Razem dla miasta",
        "hero_text": (
            "Znajdź organizację pozarządową, zostań wolontariuszem, zapisz się na szkolenie "
            "i sprawdź, co dzieje się w Twoim osiedlu."
        ),
        "paragraph": (
            "<p>Portal prowadzi miejskie biuro współpracy z organizacjami pozarządowymi. "
            "Organizacje same aktualizują swoje profile, a my dbamy o to, by informacje "
            "były rzetelne.</p>"
        ),
    },
    "en": {
        "hero_title": "Together for the city",
        "hero_text": (
            "Find a non-governmental organization, volunteer, sign up for a training and see "
            "what is happening in your neighbourhood."
        ),
        "paragraph": (
            "<p>The portal is run by the city's office for cooperation with NGOs. "
            "Organizations keep their own profiles current; we make sure the information "
            "is reliable.</p>"
        ),
    },
    "uk": {
        "hero_title": "Разом для міста",
        "hero_text": (
            "Знайдіть громадську організацію, станьте волонтером, запишіться на навчання "
            "і дізнайтеся, що відбувається у вашому районі."
        ),
        "paragraph": (
            "<p>Портал веде міське бюро співпраці з громадськими організаціями. "
            "Організації самі оновлюють свої профілі, а ми дбаємо про достовірність "
            "інформації.</p>"
        ),
    },
}

ABOUT_PAGES = {
    "pl": ("O portalu", "o-portalu", "<p>Portal łączy mieszkańców, organizacje i urząd.</p>"),
    "en": ("About the portal", "about", "<p>The portal connects residents, NGOs and the city.</p>"),
    "uk": ("Про портал", "pro-portal", "<p>Портал поєднує мешканців, організації та місто.</p>"),
}


def is_loaded():
    return OfficeSettings.objects.exclude(office_name="").exists()


def load(context):
    site = Site.objects.get(is_default_site=True)
    _office_settings(site, context)
    homes = _homes(site)
    for code, home in homes.items():
        content = HOME_CONTENT[code]
        if home.hero_text:
            continue
        home.hero_title = content["hero_title"]
        home.hero_text = content["hero_text"]
        home.body = [("paragraph", content["paragraph"])]
        home.save_revision().publish()
        context.count("site")
    _about_pages(homes, context)


def _homes(site):
    root = site.root_page.specific
    return {
        page.locale.language_code: page
        for page in HomePage.objects.filter(translation_key=root.translation_key).select_related(
            "locale"
        )
    }


def _office_settings(site, context):
    office = OfficeSettings.for_site(site)
    if office.office_name:
        return
    office.office_name = "Biuro Współpracy z Organizacjami Pozarządowymi (demo)"
    office.street_address = "ul. Przykładowa 1"
    office.postal_code = "60-001"
    office.city = "Poznań"
    office.email = "ngo@example.org"
    office.phone = "+48 61 000 00 00"
    office.opening_hours = "pon.–pt. 8:00–16:00"
    office.facebook_url = "https://www.facebook.com/example"
    office.save()
    context.count("site")


def _about_pages(homes, context):
    """The same page in three languages: one translation_key, one tree per locale."""
    translation_key = None
    for code in ("pl", "en", "uk"):
        title, slug, text = ABOUT_PAGES[code]
        home = homes[code]
        existing = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if existing:
            translation_key = existing.translation_key
            continue
        page = StandardPage(title=title, slug=slug, show_in_menus=True, locale=home.locale)
        if translation_key:
            page.translation_key = translation_key
        page.body = [("paragraph", text)]
        home.add_child(instance=page)
        page.save_revision().publish()
        translation_key = page.translation_key
        context.count("site")
