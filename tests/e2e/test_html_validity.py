"""Every public page type is valid HTML by the Nu HTML Checker (vnu), in pl, en and uk.

An invalid page is one that assistive technology and browsers may each repair differently (a
label inside a label, a heading that is also a live region, an empty `for`). The pages are those
of the accessibility test, plus the forms it does not open; their HTML is saved to files and vnu
runs once over all of them (a JVM per page would be slow). Skipped when Java or vnu-jar (npm) is
missing.
"""

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request

import pytest

from .conftest import ROOT
from .test_accessibility import PAGES

pytestmark = pytest.mark.django_db

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")

# Forms the accessibility test does not open, found by the first link to them on these pages
# (their ids are the demo's primary keys, which no test may assume).
LINKED_PAGES = {
    "/pl/centrum/": r"/pl/centrum/rezerwacja/\d+/",
    "/pl/centrum/doradztwo/": r"/pl/centrum/doradztwo/\d+/",
    "/pl/liderzy/": r"/pl/liderzy/\d+/kontakt/",
    "/pl/rady-osiedli/": r"/pl/rady-osiedli/rada-[\w-]+/",
}

# A page no checker may call valid: the same run proves that vnu reports what it finds.
INVALID = '<!DOCTYPE html><html lang="pl"><title>x</title><label>a<label>b</label></label></html>'

needs_vnu = pytest.mark.skipif(
    not (JAVA and VNU.exists()),
    reason="the Nu HTML Checker needs Java (apt-get install default-jre-headless) and "
    "vnu-jar (npm ci)",
)


def _fetch(url):
    # The Ukrainian pages' queries are Cyrillic: sent percent-encoded, as a browser does.
    url = urllib.parse.quote(url, safe=":/?&=%")
    try:
        with urllib.request.urlopen(url) as response:  # noqa: S310 (the test's own server)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _run_vnu(files):
    """vnu's messages of type "error", per file name."""
    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report to stderr and exits 1 when it found errors.
    report = json.loads(result.stderr)
    errors = {}
    for message in report["messages"]:
        if message.get("type") != "error":
            continue
        name = message.get("url", "").rsplit("/", 1)[-1]
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} [{extract}]"
        )
    return errors


@needs_vnu
def test_every_page_type_is_valid_html(site_with_demo, tmp_path):
    paths = [path for language_paths in PAGES.values() for path in language_paths]
    for page, pattern in LINKED_PAGES.items():
        found = re.search(f'href="({pattern})"', _fetch(site_with_demo.url + page)[1].decode())
        assert found, (page, pattern)
        paths.append(found.group(1))
    pages = {}
    for path in dict.fromkeys(paths):
        status, body = _fetch(site_with_demo.url + path)
        assert status in (200, 404), (path, status)
        name = f"page{len(pages):03d}.html"
        (tmp_path / name).write_bytes(body)
        pages[name] = path
    (tmp_path / "invalid.html").write_text(INVALID)

    errors = _run_vnu(sorted(tmp_path.iterdir()))

    # The checker ran and reports errors (a run that checked nothing would pass below).
    assert errors.get("invalid.html"), errors
    found = [f"{pages[name]} {line}" for name in pages for line in errors.get(name, [])]
    assert found == [], "\n".join(found)
