"""Refresh the pl/en/uk catalogues: extract strings, fill empty ones, compile.

1. `manage.py makemessages` extracts every gettext string (needs GNU gettext's xgettext);
   skipped with --no-extract.
2. Polish and Ukrainian entries are set from locale/translations/*.json, files of
   {"msgid": {"pl": "...", "uk": "..."}} ("context|msgid" for a string with a context, a list
   of four forms for a plural). Each feature adds its strings in a file of its own, so parallel
   work does not collide in the .po files. The JSON files win for the strings they hold; a
   string none of them holds keeps what its .po file says (gettext's fuzzy guesses excepted).
3. The .mo files are compiled with polib (no msgfmt needed).
"""

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["pl", "en", "uk"]


def load_translations():
    merged = {}
    for path in sorted((ROOT / "locale" / "translations").glob("*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def key(entry):
    return f"{entry.msgctxt}|{entry.msgid}" if entry.msgctxt else entry.msgid


def fill(language, translations):
    path = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        done = entry.msgstr or any(entry.msgstr_plural.values())
        if "fuzzy" in entry.flags or entry.previous_msgid:
            # gettext's guess from a similar string: never keep it, translate anew.
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            done = False
        if language == "en":
            continue
        text = translations.get(key(entry), {}).get(language)
        if text is None:
            if not done:
                missing.append(key(entry))
        elif entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(text))
        else:
            entry.msgstr = text
    po.metadata["Language"] = language
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    return missing


def main():
    if "--no-extract" not in sys.argv:
        args = [sys.executable, "manage.py", "makemessages", "--no-obsolete"]
        args += [f"-l{code}" for code in LANGUAGES]
        args += ["--ignore=.venv", "--ignore=var", "--ignore=tests"]
        subprocess.run(args, cwd=ROOT, check=True)
    translations = load_translations()
    failed = False
    for language in LANGUAGES:
        missing = fill(language, translations)
        for msgid in missing:
            failed = True
            print(f"{language}: no translation for {msgid!r}", file=sys.stderr)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
