"""Uploaded documents are checked by what they contain, not only by the end of their name.

Wagtail checks a document's extension and size, and an image's content (Willow reads it), but
a document's content never: a program named ``report.pdf`` would be published and downloaded
as a PDF. ``filetype`` reads the first bytes of the file (its "magic number") and the form
refuses a file whose content is not of the kind its extension says.
"""

import os

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

# The kinds of content each extension may hold. Office formats are ZIP containers: filetype
# names the Office kind when it recognizes it, "zip" otherwise (a file saved by another program).
OFFICE = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "zip"}
CONTENT_KINDS = {
    "pdf": {"pdf"},
    "rtf": {"rtf"},
    "docx": OFFICE,
    "xlsx": OFFICE,
    "pptx": OFFICE,
    "odt": OFFICE,
    "ods": OFFICE,
    "odp": OFFICE,
    "zip": OFFICE | {"epub"},
    "doc": {"doc", "xls", "ppt"},
    "xls": {"doc", "xls", "ppt"},
    "ppt": {"doc", "xls", "ppt"},
}
# Plain text has no magic number: it must not look like any known binary, nor hold NUL bytes.
TEXT_EXTENSIONS = {"csv", "txt"}
# Never accepted, whatever the extension allowed (an extension missing above still gets this).
EXECUTABLE_KINDS = {"exe", "elf", "wasm", "swf", "crx", "deb", "rpm"}
HEAD_BYTES = 8192

MISMATCH = _(
    "The content of this file does not match its extension .%(extension)s. Save the file again "
    "in that format, or give it the extension of what it really is."
)


def read_head(uploaded):
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(position)
    return head


def check_content(uploaded):
    """Raise ValidationError when the file's content does not fit its extension."""
    extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
    head = read_head(uploaded)
    kind = filetype.guess(head)
    found = kind.extension if kind else None
    if found in EXECUTABLE_KINDS:
        ok = False
    elif extension in TEXT_EXTENSIONS:
        ok = found is None and b"\x00" not in head
    elif extension in CONTENT_KINDS:
        ok = found in CONTENT_KINDS[extension]
    else:
        ok = True  # an extension the site added itself: only executables are refused
    if not ok:
        raise forms.ValidationError(
            MISMATCH, code="content_mismatch", params={"extension": extension}
        )


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) with the content check, for
    the single and the multiple upload alike."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            check_content(uploaded)
        return uploaded
