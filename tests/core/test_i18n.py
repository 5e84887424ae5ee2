"""The committed catalogues are complete and compiled."""

from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_every_interface_string_is_translated(language):
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


@pytest.mark.parametrize("language", ["pl", "en", "uk"])
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE_DIR / language / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    mo = polib.mofile(str(folder / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        assert (entry.msgctxt, entry.msgid) in compiled, f"{entry.msgid!r}: run make messages"
        msgstr, plural = compiled[(entry.msgctxt, entry.msgid)]
        if entry.msgid_plural:
            assert {int(k): v for k, v in plural.items()} == {
                int(k): v for k, v in entry.msgstr_plural.items()
            }
        else:
            assert msgstr == entry.msgstr


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_no_translation_is_a_gettext_guess(language):
    # makemessages marks a guess from a similar string with "#|"; such a guess is usually wrong.
    po = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in po if entry.previous_msgid] == []


def _upstream():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "upstream_i18n", LOCALE_DIR.parent / "scripts" / "upstream_i18n.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_wagtail_admin_has_no_english_left_in_polish_or_ukrainian(domain):
    # Wagtail's own catalogues lag behind it; the portal fills the gaps (locale/upstream/). A
    # Wagtail upgrade that adds strings fails here until they are translated.
    missing, broken = _upstream().problems(domain)
    assert sorted(missing) == [] and broken == []


@pytest.mark.parametrize("language", ["pl", "uk"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_upstream_gaps_are_compiled(language, domain):
    folder = LOCALE_DIR / "upstream" / language / "LC_MESSAGES"
    entries = _upstream().load(domain)
    compiled = {e.msgid: e for e in polib.mofile(str(folder / f"{domain}.mo"))}
    for name, text in entries.items():
        if language not in text:
            continue
        msgid = name.split("|", 1)[-1]
        assert msgid in compiled, f"{msgid!r}: run scripts/upstream_i18n.py"


@pytest.mark.django_db
def test_polish_editor_reads_wagtail_in_polish(client, django_user_model):
    from django.utils import translation

    admin = django_user_model.objects.create_superuser("redaktor", "r@example.org", "x")
    from wagtail.users.models import UserProfile

    UserProfile.get_for_user(admin).__class__.objects.filter(user=admin).update(
        preferred_language="pl"
    )
    client.force_login(admin)
    dashboard = client.get("/admin/").content.decode()
    # The dashboard's summary read "0 Images" before the gaps were filled.
    summary = dashboard[dashboard.index('href="/admin/images/"') :].split("</a>")[0]
    assert "Images" not in summary and "0 obrazów" in summary
    catalogue = client.get("/admin/localize/jsi18n/").content.decode()
    # The translation editor's publish button: the verb and the language's name apart.
    assert "Opublikuj wersj\\u0119 j\\u0119zykow\\u0105: " in catalogue or (
        "Opublikuj wersję językową: " in catalogue
    )
    with translation.override("pl"):
        from wagtail.models import Locale

        assert Locale.objects.get(language_code="uk").get_display_name() == "ukraiński"
