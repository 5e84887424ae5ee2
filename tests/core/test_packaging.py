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

ROOT = Path(__file__).resolve().parents[2]
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
def wheel(tmp_path_factory):
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
    (built_wheel,) = out.glob("*.whl")
    return built_wheel


@pytest.fixture(scope="module")
def wheel_names(wheel):
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
        "pages/volunteering/templates/ngo_volunteering/volunteer_offer_page.html",
        "pages/calendar/templates/ngo_calendar/event_page.html",
        "pages/trainings/templates/ngo_trainings/training_page.html",
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
import pages
from wagtail.models import Locale, Page, Site
from pages.models import AreaOfPublicBenefit, District, HomePage
print(json.dumps({
    "pages_from": pages.__file__,
    "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
    "home_pages": HomePage.objects.count(),
    "districts": District.objects.count(),
    "areas": AreaOfPublicBenefit.objects.count(),
    "site_roots": [site.root_page.title for site in Site.objects.all()],
}))
"""

# The city makes its home page the site's root, then one page of each feature it took beneath;
# each script prints the URLs to ask for.
BUILD_HOME = """
from wagtail.models import Page, Site
from pages.models import HomePage

home = Page.get_first_root_node().add_child(
    instance=HomePage(title="Strona miasta", slug="miasto", hero_title="Witamy w mieście")
)
home.save_revision().publish()
Site.objects.update(root_page=home)
urls = [home.url]
"""

FEATURE_PAGES = {
    "pages.news": """
from pages.news.models import NewsIndexPage, NewsPage
index = home.add_child(instance=NewsIndexPage(title="Aktualności miasta", slug="aktualnosci"))
index.save_revision().publish()
news = index.add_child(instance=NewsPage(title="Nabór do rady", slug="nabor", lead="Krótko."))
news.save_revision().publish()
urls += [index.url, news.url]
""",
    "pages.calendar": """
import datetime
from django.utils import timezone
from pages.calendar.models import CalendarPage, EventPage
calendar = home.add_child(instance=CalendarPage(title="Kalendarz miasta", slug="kalendarz"))
calendar.save_revision().publish()
start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
event = EventPage(title="Festyn sąsiedzki", slug="festyn", start=start,
                  end=start + datetime.timedelta(hours=3))
calendar.add_child(instance=event)
event.save_revision().publish()
urls += [calendar.url, event.url]
""",
    "pages.volunteering": """
import datetime
from pages.volunteering.models import VolunteerOfferIndexPage, VolunteerOfferPage
index = home.add_child(instance=VolunteerOfferIndexPage(title="Wolontariat", slug="wolontariat"))
index.save_revision().publish()
offer = index.add_child(instance=VolunteerOfferPage(
    title="Spacery z seniorami", slug="spacery", lead="Krótko.", tasks="Spacer po parku.",
    city="Miasto", start_date=datetime.date.today(),
))
offer.save_revision().publish()
urls += [index.url, offer.url]
""",
}

SERVE = """
import json
from django.test import Client

client = Client()
print(json.dumps({url: [response.status_code, response.content.decode()] for url, response in
                  ((url, client.get(url)) for url in urls)}))
"""


@pytest.fixture(scope="module")
def city_venv(wheel, tmp_path_factory):
    """A fresh virtual environment holding the wheel and no checkout: the apps are found in its
    own site-packages. The libraries come from the test's environment (a .pth line naming its
    site-packages) so that no download is needed; the portal's folders are not on its path."""
    where = tmp_path_factory.mktemp("city")
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    libraries = [path for path in sys.path if path.endswith("site-packages")]
    Path(own, "libraries.pth").write_text("\n".join(libraries) + "\n")
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "-q",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # The host: a copy of tests/install as a package of its own, outside the checkout.
    shutil.copytree(ROOT / "tests" / "install", where / "host" / "city")
    return python, where / "host"


def run_in_city(city_venv, tmp_path, features, script):
    python, host = city_venv
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "PYTHONPATH", "DJANGO_SETTINGS_MODULE")
    }
    environ.update(
        DJANGO_SETTINGS_MODULE="city.settings",
        INSTALL_DATABASE=str(tmp_path / "city.sqlite3"),
        INSTALL_FEATURES=",".join(features),
    )
    outputs = []
    for command in (["migrate", "--no-input", "-v0"], ["shell", "-c", script]):
        done = subprocess.run(
            [str(python), "-m", "django", *command],
            cwd=host,
            env=environ,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    return json.loads(outputs[-1].strip().splitlines()[-1])


def test_a_host_with_only_the_apps_migrates_and_keeps_its_own_site(city_venv, tmp_path):
    """Another city's site, installed from the wheel: its tree, languages and districts stay
    its own."""
    found = run_in_city(city_venv, tmp_path, [], INSPECT_INSTALL)
    # From the wheel in the city's environment, not from this checkout.
    assert str(city_venv[0].parent.parent) in found["pages_from"]
    assert not found["pages_from"].startswith(str(ROOT))
    # Wagtail's welcome page is the site's root still; no portal home pages, no Poznań.
    assert found["site_roots"] == ["Welcome to your new Wagtail site!"]
    assert found["home_pages"] == 0
    assert found["districts"] == 0
    assert found["locales"] == ["pl"]
    # The national areas of public benefit (art. 4 of the act) come with the app.
    assert found["areas"] == len(
        json.loads((ROOT / "pages/data/areas_of_public_benefit.json").read_text())
    )


@pytest.mark.parametrize("features", [(), *((name,) for name in FEATURE_PAGES)], ids=str)
def test_a_city_takes_one_feature_from_the_wheel_and_serves_its_pages(
    city_venv, tmp_path, features
):
    """Core alone, or core and one feature: it migrates, and its pages are served in the
    city's own layout (its base.html) with the apps' templates from the wheel."""
    script = BUILD_HOME + "".join(FEATURE_PAGES[name] for name in features) + SERVE
    served = run_in_city(city_venv, tmp_path, features, script)
    assert len(served) == 1 + 2 * len(features)
    for url, (status, html) in served.items():
        assert status == 200, (url, html[:2000])
        assert "| Another city</title>" in html
    home_html = served["/pl/"][1]
    assert "Witamy w mieście" in home_html
    if "pages.news" in features:
        assert "Nabór do rady" in served["/pl/aktualnosci/nabor/"][1]
    if "pages.calendar" in features:
        # Listed from the calendar's stored dates: core's registry writes them in this host too.
        assert "Festyn sąsiedzki" in served["/pl/kalendarz/"][1]
    if "pages.volunteering" in features:
        assert "Spacery z seniorami" in served["/pl/wolontariat/"][1]
        assert "Spacer po parku." in served["/pl/wolontariat/spacery/"][1]
