"""Fill the gaps in Wagtail's (and its companions') Polish and Ukrainian catalogues.

Wagtail's own translations lag behind its releases: in Wagtail 8 about 250 of its admin strings
have no Polish and 570 no Ukrainian, so a Polish editor read "0 Images", "Schedule to publish"
or "The page could not be saved…" in an otherwise Polish admin. The portal carries the missing
entries itself, in a catalogue of its own that Django reads before the apps' catalogues
(settings.LOCALE_PATHS):

    locale/upstream/django.json     {"context|msgid": {"pl": ..., "uk": ...}}  (lists for plurals)
    locale/upstream/djangojs.json   the same for the JavaScript catalogues
    locale/upstream/<lang>/LC_MESSAGES/<domain>.po/.mo   written from them by this script

An entry in the JSON files also wins over an upstream translation that is wrong for the portal
(wagtail-localize's "Publish in " is "Opublikuj w" with the space lost, which glued the verb to
the language's name). Kept apart from locale/<lang>/ because `makemessages --no-obsolete` would
drop msgids that the portal's own code does not use.

    python scripts/upstream_i18n.py            write the catalogues
    python scripts/upstream_i18n.py --missing  print the strings that still have no translation,
                                               as a JSON skeleton to translate
An upgrade of Wagtail that adds strings makes tests/core/test_i18n.py fail until they are added
here.
"""

import json
import os
import re
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "locale" / "upstream"
LANGUAGES = ["pl", "uk"]
DOMAINS = ["django", "djangojs"]
# Apps whose admin screens the portal's users see. Django's own catalogues are complete.
PACKAGES = ("wagtail", "wagtail_localize", "taggit", "django_filters", "axes")
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[sdif]|\{[a-z_]*\}")


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def key(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def translated(entry):
    if entry.obsolete or "fuzzy" in entry.flags:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def app_locale_dirs():
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.split(".")[0] in PACKAGES:
            folder = Path(config.path) / "locale"
            if folder.is_dir():
                yield folder


def upstream_entries(domain):
    """Every msgid the installed apps ask for (their English catalogue) and which languages
    their own catalogues translate it into."""
    wanted, done = {}, {language: set() for language in LANGUAGES}
    for folder in app_locale_dirs():
        source = folder / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not source.exists():
            continue
        for entry in polib.pofile(str(source)):
            if not entry.obsolete:
                wanted.setdefault(key(entry), entry)
        for language in LANGUAGES:
            path = folder / language / "LC_MESSAGES" / f"{domain}.po"
            if path.exists():
                done[language] |= {key(e) for e in polib.pofile(str(path)) if translated(e)}
    return wanted, done


def load(domain):
    path = UPSTREAM / f"{domain}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def problems(domain):
    """Strings without a translation, and translations whose placeholders differ from the
    msgid's (Django would raise KeyError at render time)."""
    wanted, done = upstream_entries(domain)
    ours = load(domain)
    missing, broken = {}, []
    for name, entry in wanted.items():
        for language in LANGUAGES:
            text = ours.get(name, {}).get(language)
            if text is None:
                if name not in done[language]:
                    missing.setdefault(name, (entry, []))[1].append(language)
                continue
            forms = text if isinstance(text, list) else [text]
            expected = placeholders(entry.msgid_plural or entry.msgid)
            for form in forms:
                # A plural's singular form may drop the number ("1 strona" reads "strona").
                found = placeholders(form)
                if found and found != expected and found != placeholders(entry.msgid):
                    broken.append(f"{language}: {name!r} -> {form!r}")
    return missing, broken


def header(language):
    own = polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
    return {
        "Project-Id-Version": "portal (gaps in Wagtail's catalogues)",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": own.metadata["Plural-Forms"],
    }


def write(domain):
    wanted, _done = upstream_entries(domain)
    ours = load(domain)
    for language in LANGUAGES:
        po = polib.POFile(wrapwidth=100)
        po.metadata = header(language)
        for name in sorted(ours):
            text = ours[name].get(language)
            source = wanted.get(name)
            if text is None or source is None:
                continue
            entry = polib.POEntry(msgctxt=source.msgctxt, msgid=source.msgid)
            if source.msgid_plural:
                entry.msgid_plural = source.msgid_plural
                entry.msgstr_plural = dict(enumerate(text))
            else:
                entry.msgstr = text
            po.append(entry)
        folder = UPSTREAM / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        po.save(str(folder / f"{domain}.po"))
        po.save_as_mofile(str(folder / f"{domain}.mo"))


def skeleton(missing):
    out = {}
    for name, (entry, languages) in missing.items():
        out[name] = {
            language: ["", "", "", ""] if entry.msgid_plural else "" for language in languages
        }
        if entry.msgid_plural:
            out[name]["plural"] = entry.msgid_plural
    return out


def main():
    setup_django()
    failed, todo = False, {}
    for domain in DOMAINS:
        missing, broken = problems(domain)
        if "--missing" in sys.argv:
            todo[domain] = skeleton(missing)
            continue
        write(domain)
        for line in broken:
            failed = True
            print(f"{domain}: placeholders differ: {line}", file=sys.stderr)
        if missing:
            print(f"{domain}: {len(missing)} strings without a translation", file=sys.stderr)
    if todo:
        print(json.dumps(todo, ensure_ascii=False, indent=1))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
