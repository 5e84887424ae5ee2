"""Charts as accessible SVG, and a document rendered as PDF and as an editable OpenDocument text."""

import io
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from django.template import Context, Template
from django.utils import translation
from odf import opendocument
from odf import table as odf_table
from odf import text as odf_text
from odf.namespaces import DRAWNS, SVGNS, TABLENS, TEXTNS, XLINKNS

from pages.charts import render_chart
from pages.documents import (
    Chart,
    Document,
    Heading,
    Paragraph,
    RichText,
    Table,
    download,
    render_odt,
    render_pdf,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> =cmd|' /C calc'!A0"
LONG_AREA = (
    "pomoc społeczna, w tym pomoc rodzinom i osobom w trudnej sytuacji życiowej oraz "
    "wyrównywanie szans tych rodzin i osób"
)


def amounts(**kwargs):
    return Chart(
        title="Kwoty dotacji według sfer",
        description="Najwięcej otrzymała pomoc społeczna.",
        rows=[(LONG_AREA, Decimal("1250000.50")), ("kultura", 625000), ("sport", 312500)],
        unit="zł",
        **kwargs,
    )


def parse(svg):
    return ElementTree.fromstring(str(svg))


def test_the_chart_is_an_image_with_a_name_and_a_description():
    with translation.override("pl"):
        root = parse(render_chart(amounts(), id_prefix="kwoty"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    # It scales to its container: a viewBox and no fixed size.
    assert root.get("viewBox").startswith("0 0 ") and root.get("width") is None
    named = {element.get("id"): element for element in root.iter() if element.get("id")}
    title_id, desc_id = root.get("aria-labelledby").split()
    assert named[title_id].tag == f"{SVG}title"
    assert named[title_id].text == "Kwoty dotacji według sfer"
    assert named[desc_id].tag == f"{SVG}desc"
    assert named[desc_id].text == "Najwięcej otrzymała pomoc społeczna."


def test_every_bar_reads_its_label_and_its_value_in_the_page_language():
    with translation.override("pl"):
        polish = " ".join(parse(render_chart(amounts(), id_prefix="a")).itertext())
    with translation.override("en"):
        english = " ".join(parse(render_chart(amounts(), id_prefix="a")).itertext())
    polish = polish.replace("\xa0", " ")
    assert "1 250 000,50 zł" in polish and "625 000 zł" in polish
    assert "1,250,000.50" in english.replace("\xa0", " ")
    # The long area is all there, wrapped onto lines rather than cut.
    assert " ".join(polish.split()).count(LONG_AREA) == 1


def test_a_hostile_label_is_text_not_markup():
    chart = Chart(title=HOSTILE, description=HOSTILE, rows=[(HOSTILE, 3), ('" onload="x', 1)])
    svg = str(render_chart(chart, id_prefix='x" onload="y'))
    assert "<script" not in svg
    root = parse(svg)
    assert not [element for element in root.iter() if "script" in element.tag]
    assert not [element for element in root.iter() if element.get("onload") is not None]
    texts = list(root.itertext())
    assert HOSTILE in texts and '" onload="x' in texts


def test_bar_lengths_are_proportional_to_the_values():
    rows = [("a", 100), ("b", 50), ("c", 25), ("d", 0)]
    for kind, size in (("bar", "width"), ("column", "height")):
        root = parse(render_chart(Chart("t", "d", rows, kind=kind), id_prefix="p"))
        bars = [float(rect.get(size)) for rect in root.iter(f"{SVG}rect")]
        assert len(bars) == 4 and bars[0] > 0
        assert [round(bar / bars[0], 3) for bar in bars] == [1, 0.5, 0.25, 0]


def test_a_chart_without_rows_says_so_in_a_sentence():
    with translation.override("pl"):
        html = str(render_chart(Chart("Konsultacje", "Udział.", []), id_prefix="k"))
    assert "<svg" not in html
    assert "Brak danych do pokazania na wykresie „Konsultacje”." in html


def test_the_include_shows_the_figure_and_the_same_figures_as_a_table():
    template = Template('{% load charts %}{% chart chart "amounts-2025" %}')
    with translation.override("pl"):
        html = template.render(Context({"chart": amounts()}))
    assert html.count("<figure") == 1 and "<figcaption" in html
    assert 'aria-labelledby="amounts-2025-title amounts-2025-desc"' in html
    table = html[html.index("<table") : html.index("</table>")]
    assert "<caption>Dane wykresu „Kwoty dotacji według sfer”</caption>" in table
    assert '<th scope="col">Pozycja</th>' in table
    assert "Wartość (zł)" in table
    assert f'<th scope="row">{LONG_AREA}</th>' in table
    assert "1\xa0250\xa0000,50</td>" in table


def test_the_include_of_an_empty_chart_has_no_table():
    html = Template("{% load charts %}{% chart chart %}").render(
        Context({"chart": Chart("Pusty", "Nic.", [])})
    )
    assert "<table" not in html and "<svg" not in html and "Pusty" in html


def report():
    return Document(
        title="Sprawozdanie z realizacji programu – Звіт",
        subtitle="Zażółć gęślą jaźń",
        language="pl",
        blocks=[
            Heading("Cele programu", level=1),
            Paragraph(f"Uwaga mieszkańca: {HOSTILE}"),
            RichText(
                '<p>Tekst <b>pogrubiony</b>, <i>pochylony</i> i <a href="https://example.org/'
                'program">program</a><br/>w&nbsp;nowej linii.</p>'
                "<h3>Formy współpracy</h3><ol><li>zlecanie zadań</li><li>konsultacje</li></ol>"
                "<ul><li>wsparcie lokalowe<ol><li>sale</li></ol></li></ul><script>stolen()</script>"
                '<p><a href="javascript:stolen()">bez linku</a></p>'
            ),
            Heading("Dotacje", level=2),
            Table(
                caption="Oferty i umowy",
                header=["Konkurs", "Oferty"],
                rows=[[f"Konkurs {number}", str(number * 7)] for number in range(1, 70)]
                + [[HOSTILE, "1"]],
                numeric_columns={1},
            ),
            amounts(),
            Chart(
                "Oferty według lat",
                "Liczba ofert rośnie.",
                [("2024", 10), ("2025", 25)],
                kind="column",
            ),
        ],
    )


def _pdf_text(content, *options):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        [shutil.which("pdftotext"), *options, "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    ).stdout.decode()


def test_the_pdf_reads_as_the_document():
    content = render_pdf(report())
    assert content.startswith(b"%PDF")
    text = _pdf_text(content, "-layout")
    for expected in [
        "Sprawozdanie z realizacji programu – Звіт",
        "Zażółć gęślą jaźń",
        "Cele programu",
        "Formy współpracy",
        "1. zlecanie zadań",
        "2. konsultacje",
        "• wsparcie lokalowe",
        "1. sale",
        "Konkurs 69",
        "483",
        HOSTILE,
        "Kwoty dotacji według sfer Najwięcej otrzymała pomoc społeczna.",
        "1 250 000,50 zł",
        "Strona 1 z",
    ]:
        assert expected in text.replace("\xa0", " "), expected
    assert "stolen" not in text and "bez linku" in text
    assert b"javascript" not in content and b"https://example.org/program" in content
    # The long table goes on over a page break with its header row again on top.
    assert len(re.findall(r"^\f?Konkurs +Oferty$", text, re.MULTILINE)) >= 2


def test_a_chart_of_every_area_of_public_benefit_fits_the_pages():
    areas = [f"sfera pożytku publicznego nr {number}, jak w ustawie" for number in range(34)]
    chart = Chart("Sfery", "Wszystkie sfery.", [(area, 1000 + n) for n, area in enumerate(areas)])
    document = Document("Sprawozdanie", blocks=[chart])
    text = " ".join(_pdf_text(render_pdf(document)).split())
    # Every bar drawn (its value beside it) and the table after them.
    assert text.count("1 033") == 2 and text.count("sfera pożytku publicznego nr 33,") == 2
    content, archive, odt = _odt(document)
    frame = ElementTree.fromstring(archive.read("content.xml")).find(f".//{{{DRAWNS}}}frame")
    assert float(frame.get(f"{{{SVGNS}}}height").removesuffix("cm")) <= 22


def test_the_pdf_carries_its_title_and_language():
    content = render_pdf(report())
    if not shutil.which("pdfinfo"):
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    info = subprocess.run(
        [shutil.which("pdfinfo"), "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert "Sprawozdanie z realizacji programu – Звіт" in info
    assert b"/Lang (pl)" in content
    # The headings are the reader's bookmarks.
    assert b"/Outlines" in content and content.count(b"/Title (Dotacje)") == 1


def test_the_pdf_in_ukrainian_numbers_its_pages_in_ukrainian():
    document = report()
    document.language = "uk"
    assert "Сторінка 1 з" in _pdf_text(render_pdf(document))


def _odt(document):
    content = render_odt(document)
    archive = zipfile.ZipFile(io.BytesIO(content))
    return content, archive, opendocument.load(io.BytesIO(content))


def test_the_odt_is_an_opendocument_text_with_real_headings():
    content, archive, odt = _odt(report())
    assert archive.testzip() is None
    assert archive.namelist()[0] == "mimetype"
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert "content.xml" in archive.namelist()
    headings = {
        str(heading): heading.getAttrNS(TEXTNS, "outline-level")
        for heading in odt.getElementsByType(odf_text.H)
    }
    assert headings == {"Cele programu": "1", "Formy współpracy": "3", "Dotacje": "2"}
    styles = archive.read("styles.xml").decode()
    assert 'style:display-name="Heading 1"' in styles


def test_the_odt_has_the_tables_with_header_rows_and_the_chart_as_a_picture():
    content, archive, odt = _odt(report())
    tables = odt.getElementsByType(odf_table.Table)
    # The table of the document and the table beside each chart.
    assert len(tables) == 3
    header = tables[0].getElementsByType(odf_table.TableHeaderRows)[0]
    assert [str(cell) for cell in header.getElementsByType(odf_table.TableCell)] == [
        "Konkurs",
        "Oferty",
    ]
    assert "1 250 000,50" in str(tables[1]).replace("\xa0", " ")
    content_xml = ElementTree.fromstring(archive.read("content.xml"))
    frames = list(content_xml.iter(f"{{{DRAWNS}}}frame"))
    assert len(frames) == 2
    frame = frames[0]
    assert frame.find(f"{{{SVGNS}}}title").text == "Kwoty dotacji według sfer"
    assert frame.find(f"{{{SVGNS}}}desc").text == "Najwięcej otrzymała pomoc społeczna."
    picture = frame.find(f"{{{DRAWNS}}}image").get(f"{{{XLINKNS}}}href")
    svg = ElementTree.fromstring(archive.read(picture))
    assert svg.tag == f"{SVG}svg" and len(list(svg.iter(f"{SVG}rect"))) == 3
    manifest = archive.read("META-INF/manifest.xml").decode()
    assert f'manifest:full-path="{picture}"' in manifest and "image/svg+xml" in manifest


def test_the_odt_keeps_rich_text_as_styles_lists_and_links():
    content, archive, odt = _odt(report())
    links = odt.getElementsByType(odf_text.A)
    assert [link.getAttrNS(XLINKNS, "href") for link in links] == ["https://example.org/program"]
    lists = odt.getElementsByType(odf_text.List)
    assert [len(item.getElementsByType(odf_text.ListItem)) for item in lists] == [2, 2, 1]
    # The numbered list inside the bulleted item is its child, numbered.
    nested = lists[2]
    assert nested.parentNode.qname == (TEXTNS, "list-item") and str(nested) == "sale"
    assert nested.getAttrNS(TEXTNS, "style-name") == "L_numbers"
    spans = {str(span) for span in odt.getElementsByType(odf_text.Span)}
    assert {"pogrubiony", "pochylony"} <= spans
    assert len(odt.getElementsByType(odf_text.LineBreak)) == 1
    # The editor's no-break space after a one-letter word stays one.
    assert "w\xa0nowej linii." in archive.read("content.xml").decode()
    assert "stolen" not in archive.read("content.xml").decode()


def test_a_hostile_string_stays_text_in_the_odt():
    content, archive, odt = _odt(report())
    xml = archive.read("content.xml").decode()
    assert "<script>" not in xml and "&lt;script&gt;alert('x')&lt;/script&gt;" in xml
    root = ElementTree.fromstring(xml)
    cells = [
        cell
        for cell in root.iter(f"{{{TABLENS}}}table-cell")
        if "=cmd|" in "".join(cell.itertext())
    ]
    assert cells, "the hostile row is in the table"
    # A string cell: a spreadsheet that opens the table never runs it as a formula.
    assert all(cell.get(f"{{{TABLENS}}}formula") is None for cell in root.iter())
    assert {
        cell.get("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}value-type") for cell in cells
    } == {"string"}


def test_libreoffice_opens_the_odt_with_its_chart(tmp_path):
    # The office finishes the file in LibreOffice: where it is installed, it must read the
    # whole document, the chart (an SVG picture) included.
    office = shutil.which("soffice")
    if not office or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) or pdftotext is not installed")
    (tmp_path / "report.odt").write_bytes(render_odt(report()))
    subprocess.run(
        [
            office,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "report.odt"),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    text = " ".join(_pdf_text((tmp_path / "report.pdf").read_bytes()).split())
    assert "Cele programu" in text and "Konkurs 69 483" in text
    # The chart's own text, drawn from the SVG: a label and a value beside its bar.
    assert "1 250 000,50 zł" in text and "Dane wykresu „Oferty według lat”" in text


@pytest.mark.parametrize(
    ("kind", "media_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("odt", "application/vnd.oasis.opendocument.text", b"PK"),
    ],
)
def test_the_document_downloads_under_its_name(kind, media_type, magic):
    response = download(report(), kind, "Sprawozdanie 2025 – współpraca")
    assert response["Content-Type"] == media_type
    assert response.content.startswith(magic)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert (
        f"filename*=utf-8''Sprawozdanie%202025%20%E2%80%93%20wsp%C3%B3%C5%82praca.{kind}"
        in disposition
    )
