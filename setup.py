"""One build step pyproject.toml cannot declare: the interface catalogue goes into `pages`.

The repository keeps one catalogue for the apps and the host at its root (`locale/`, in
LOCALE_PATHS, filled by scripts/i18n.py), so parallel work edits one set of .po files. An
installed `pages` has no root to read it from: the wheel carries a copy as the app's own
`pages/locale/`, which Django finds like any installed app's catalogue.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("pl", "en", "uk")


class BuildPyWithCatalogue(build_py):
    def run(self):
        super().run()
        for language in LANGUAGES:
            source = ROOT / "locale" / language / "LC_MESSAGES"
            target = Path(self.build_lib) / "pages" / "locale" / language / "LC_MESSAGES"
            target.mkdir(parents=True, exist_ok=True)
            for name in ("django.po", "django.mo"):
                shutil.copy2(source / name, target / name)


setup(cmdclass={"build_py": BuildPyWithCatalogue})
