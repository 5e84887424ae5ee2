from bs4 import BeautifulSoup


def html(response):
    """The parsed body of a response, for assertions on what a visitor sees."""
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_values(response, form_id=None):
    """The values a browser would submit from a form of the response, as a dict of lists.

    Lets a test submit a Wagtail admin edit form as it is, changing only what the test is about.
    """
    doc = html(response)
    form = doc.find("form", id=form_id) if form_id else doc.find("form", method="post")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "select":
            chosen = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
            if not chosen and not field.has_attr("multiple"):
                first = field.find("option")
                chosen = [first.get("value", first.text)] if first else []
            data.setdefault(name, []).extend(chosen)
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") in ("submit", "button", "file", "image"):
            continue
        else:
            data.setdefault(name, []).append(field.get("value", ""))
    return data
