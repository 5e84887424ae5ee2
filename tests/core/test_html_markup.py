"""Valid HTML where the Nu HTML Checker found errors, checked without a browser or Java.

The browser suite runs the checker over every page type (tests/e2e/test_html_validity.py); these
tests keep the same mistakes out where that suite is skipped, and name the cause directly.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup
from django import forms
from django.template import Context, Template
from django.template.loader import render_to_string

from tests.helpers import portal_templates


class SubscriptionLikeForm(forms.Form):
    """The kinds of field the public forms use (the newsletter has check boxes for areas)."""

    email = forms.EmailField(label="E-mail", help_text="We send a link to confirm it.")
    areas = forms.MultipleChoiceField(
        label="Areas",
        choices=[("seniorzy", "Seniorzy"), ("kultura", "Kultura")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any.",
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=[("week", "Every week"), ("month", "Every month")],
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(label="I agree")


def _render(form):
    fields = "".join(
        render_to_string("includes/form_field.html", {"field": field})
        for field in form.visible_fields()
    )
    return BeautifulSoup(f"<form>{fields}</form>", "html.parser")


def test_a_form_field_group_is_a_fieldset_and_no_label_holds_a_label():
    for form in (SubscriptionLikeForm(), SubscriptionLikeForm(data={"frequency": "never"})):
        doc = _render(form)
        ids = {element["id"] for element in doc.select("[id]")}
        for label in doc.find_all("label"):
            # A label around the check boxes held their own labels and the widget's blocks.
            assert label.find(["label", "div"]) is None, label
            assert label.get("for"), label
            assert label["for"] in ids, label
        for element in doc.select("[aria-describedby]"):
            for target in element["aria-describedby"].split():
                assert target in ids, (element.name, target)
        legends = [legend.get_text(" ", strip=True) for legend in doc.select("fieldset > legend")]
        assert legends[0].startswith("Areas") and legends[1].startswith("How often")
        assert len(ids) == len(doc.select("[id]")), "an id is used twice"


def test_time_datetime_is_to_the_second():
    # A moment saved as "now" has microseconds; HTML allows at most three digits of a fraction.
    moment = datetime.datetime(2026, 12, 7, 10, 0, 0, 141571, tzinfo=datetime.UTC)
    html = Template('{% load portal_tags %}<time datetime="{{ moment|html_datetime }}">').render(
        Context({"moment": moment})
    )
    assert html == '<time datetime="2026-12-07T11:00:00+01:00">'
    local = moment.astimezone(ZoneInfo("Europe/Warsaw"))
    assert (
        Template("{% load portal_tags %}{{ moment|html_datetime }}").render(
            Context({"moment": local})
        )
        == "2026-12-07T11:00:00+01:00"
    )


def test_no_template_puts_an_aria_role_on_a_heading():
    # role="status" on an <h2> took away its heading role (24 pages): a live region wraps it.
    found = [
        f"{name}: {match.group(0)}"
        for name, path in portal_templates()
        for match in re.finditer(r"<h[1-6]\b[^>]*\brole=[^>]*>", path.read_text())
    ]
    assert found == []
