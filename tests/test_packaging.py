"""Another city installs the reusable apps (pages, blocks, search) from the wheel.

The wheel is built from a clean copy of the tracked files, as a fresh checkout would build it
(a build/ folder left in the worktree could carry files the sources no longer have). pip builds
it in an isolated environment: the venv's own setuptools can be older than the one
pyproject.toml asks for (its SPDX `license` needs setuptools 77), and pip fetches that one from
the configured index.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("pages", "blocks", "search")
LANGUAGES = ("pl", "en", "uk")


def _source_files():
    listed = subprocess.run(
        [shutil.which("git"), "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    for name in _source_files():
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = out.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_carries_every_template_of_the_apps(wheel_names):
    shipped = sorted(
        name
        for name in _source_files()
        if name.split("/")[0] in APPS and "/templates/" in f"/{name}"
    )
    missing = [name for name in shipped if name not in wheel_names]
    assert missing == []
    # Every family, the blocks and the search page: their templates are found by name after
    # installing, whatever the host's own templates folder holds.
    for name in (
        "pages/templates/pages/home/home_page.html",
        "pages/templates/pages/organizations/organization_page.html",
        "pages/templates/pages/volunteering/volunteer_offer_page.html",
        "pages/templates/pages/calendar/event_page.html",
        "pages/templates/pages/trainings/training_page.html",
        "pages/news/templates/ngo_news/news_page.html",
        "pages/templates/includes/form_field.html",
        "blocks/templates/blocks/paragraph_block.html",
        "search/templates/search/search.html",
    ):
        assert name in wheel_names


def test_the_wheel_carries_the_compiled_catalogues_data_and_fonts(wheel_names):
    for language in LANGUAGES:
        assert f"pages/locale/{language}/LC_MESSAGES/django.mo" in wheel_names
        assert f"pages/locale/{language}/LC_MESSAGES/django.po" in wheel_names
    data = {name.name for name in (ROOT / "pages" / "data").glob("*.json")}
    assert data and {f"pages/data/{name}" for name in data} <= wheel_names
    assert "pages/fonts/DejaVuSans.ttf" in wheel_names


def test_the_wheel_leaves_the_host_out(wheel_names):
    tops = {name.split("/")[0] for name in wheel_names}
    assert {top for top in tops if not top.endswith(".dist-info")} == set(APPS)
    assert not any(name.startswith(("portal/", "tests/", "templates/")) for name in wheel_names)


INSPECT_INSTALL = """
import json
from wagtail.models import Locale, Page, Site
from pages.models import AreaOfPublicBenefit, District, HomePage
print(json.dumps({
    "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    "home_pages": HomePage.objects.count(),
    "districts": District.objects.count(),
    "areas": AreaOfPublicBenefit.objects.count(),
    "site_roots": [site.root_page.title for site in Site.objects.all()],
}))
"""


def test_a_host_with_only_the_apps_migrates_and_keeps_its_own_site(tmp_path):
    """Another city's site: its tree, languages and districts stay its own."""
    environ = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    environ.update(
        DJANGO_SETTINGS_MODULE="tests.install.settings",
        INSTALL_DATABASE=str(tmp_path / "city.sqlite3"),
        PYTHONPATH=str(ROOT),
    )
    for command in (["migrate", "--no-input", "-v0"], ["shell", "-c", INSPECT_INSTALL]):
        done = subprocess.run(
            [sys.executable, "-m", "django", *command],
            cwd=tmp_path,
            env=environ,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    # Wagtail's welcome page is the site's root still; no portal home pages, no Poznań.
    assert found["site_roots"] == ["Welcome to your new Wagtail site!"]
    assert found["home_pages"] == 0
    assert found["districts"] == 0
    assert found["locales"] == ["pl"]
    # The national areas of public benefit (art. 4 of the act) come with the app.
    assert found["areas"] == len(
        json.loads((ROOT / "pages/data/areas_of_public_benefit.json").read_text())
    )
