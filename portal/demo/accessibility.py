"""The accessibility statement in three languages (fictional entity data)."""

import datetime

from wagtail.models import Site

from pages.models import AccessibilityStatementPage, HomePage

STATEMENTS = {
    "pl": {
        "title": "Deklaracja dostępności",
        "slug": "deklaracja-dostepnosci",
        "non_compliant_content": (
            "<ul><li>Mapy organizacji nie są w pełni dostępne dla osób niewidomych; te same "
            "dane są dostępne jako lista pod mapą.</li></ul>"
        ),
        "keyboard_shortcuts": "<p>Strona obsługuje standardowe skróty przeglądarki.</p>",
        "enforcement_procedure": (
            "<p>Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony lub "
            "jej elementu. Żądanie rozpatrujemy niezwłocznie, nie później niż w ciągu 7 dni. Na "
            "odmowę przysługuje skarga, a po jej wyczerpaniu wniosek do Rzecznika Praw "
            "Obywatelskich.</p>"
        ),
        "architectural_accessibility": (
            "<p>Do budynku prowadzi wejście bez schodów; na parterze jest toaleta dla osób z "
            "niepełnosprawnościami. Można przyjść z psem asystującym.</p>"
        ),
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "non_compliant_content": (
            "<ul><li>The maps of organizations are not fully accessible to blind people; the "
            "same data is listed below each map.</li></ul>"
        ),
        "keyboard_shortcuts": "<p>The site supports the browser's standard shortcuts.</p>",
        "enforcement_procedure": (
            "<p>Anyone may request the digital accessibility of the website or a part of it. "
            "We answer without delay, within 7 days at the latest. A refusal can be appealed, "
            "and then brought to the Commissioner for Human Rights.</p>"
        ),
        "architectural_accessibility": (
            "<p>The building has a step-free entrance and an accessible toilet on the ground "
            "floor. Assistance dogs are welcome.</p>"
        ),
    },
    "uk": {
        "title": "Декларація доступності",
        "slug": "deklaratsiia-dostupnosti",
        "non_compliant_content": (
            "<ul><li>Мапи організацій не повністю доступні для незрячих людей; ті самі дані "
            "наведено списком під кожною мапою.</li></ul>"
        ),
        "keyboard_shortcuts": "<p>Сайт підтримує стандартні комбінації клавіш браузера.</p>",
        "enforcement_procedure": (
            "<p>Кожен має право вимагати забезпечення цифрової доступності сайту або його "
            "частини. Ми відповідаємо негайно, не пізніше ніж за 7 днів. Відмову можна "
            "оскаржити, а потім звернутися до Уповноваженого з прав людини.</p>"
        ),
        "architectural_accessibility": (
            "<p>До будівлі веде вхід без сходів; на першому поверсі є доступний туалет. "
            "Можна прийти з собакою-помічником.</p>"
        ),
    },
}


def load(context):
    site = Site.objects.get(is_default_site=True)
    homes = {
        home.locale.language_code: home
        for home in HomePage.objects.filter(translation_key=site.root_page.translation_key)
    }
    translation_key = None
    for code in ("pl", "en", "uk"):
        existing = AccessibilityStatementPage.objects.child_of(homes[code]).first()
        if existing:
            translation_key = existing.translation_key
            continue
        content = STATEMENTS[code]
        statement = AccessibilityStatementPage(
            title=content["title"],
            slug=content["slug"],
            locale=homes[code].locale,
            entity_name="Urząd Miasta (demo)",
            site_url="https://ngo.example.org/",
            publication_date=datetime.date(2026, 11, 1),
            last_update_date=datetime.date(2026, 11, 22),
            compliance=AccessibilityStatementPage.Compliance.PARTIAL,
            non_compliant_content=content["non_compliant_content"],
            prepared_on=datetime.date(2026, 11, 22),
            reviewed_on=datetime.date(2026, 11, 22),
            assessment_method=AccessibilityStatementPage.Method.SELF,
            keyboard_shortcuts=content["keyboard_shortcuts"],
            contact_person="Zespół portalu (demo)",
            contact_email="dostepnosc@example.org",
            contact_phone="+48 61 000 00 01",
            enforcement_procedure=content["enforcement_procedure"],
            architectural_accessibility=content["architectural_accessibility"],
        )
        if translation_key:
            statement.translation_key = translation_key
        homes[code].add_child(instance=statement)
        statement.save_revision().publish()
        translation_key = statement.translation_key
        context.count("accessibility")
