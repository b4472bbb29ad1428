"""The text of an uploaded document, for the redaction gate to scan.

PDF (pypdfium2), Word .docx (python-docx and its XML) and plain UTF-8 text. The kind of a
document is told by its first bytes, not its name. Everything a reader of the published file
could see is read: a Word document's body and tables, text boxes, headers and footers,
footnotes, endnotes, comments, tracked deletions and title; a PDF's pages and title. When a
document cannot be read whole, :class:`UnreadableDocument` says why in words the person who
uploaded it can act on; a document is never passed half-read.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

MB = 1024 * 1024
MAX_BYTES = 20 * MB

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and password-protected .docx
_TEXT_NAMES = (".txt", ".text")

# Characters that hide or split words without showing: a name split by one would be missed.
# (PDFium writes \x02 for a hyphen it added at the end of a line.)
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\x00\x02"), None)
# A Word document unpacks to many times its size, but not to this many times: a zip bomb.
_MAX_UNPACKED = 20


class UnreadableDocument(Exception):
    """The document cannot be read whole; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def extract_text(*, filename: str, data: bytes, max_bytes: int = MAX_BYTES) -> str:
    """The text of a PDF, Word (.docx) or UTF-8 text document, pages in order."""
    name = f"“{filename}”"
    if len(data) > max_bytes:
        raise UnreadableDocument(
            f"{name} is {len(data) / MB:.1f} MB, larger than the {max_bytes / MB:g} MB Cairn "
            "can check. Reduce its size (for example, compress its pictures or split it) "
            "and upload it again."
        )
    if not data.strip():
        raise UnreadableDocument(
            f"{name} is empty. Save the document again from the program that made it and "
            "upload the new copy."
        )
    if _PDF_MAGIC in data[:1024]:
        text = _pdf_text(name, data)
    elif data.startswith(_ZIP_MAGIC):
        text = _docx_text(name, data)
    elif data.startswith(_OLE_MAGIC):
        raise UnreadableDocument(
            f"{name} is an older Word document (.doc) or one protected by a password, which "
            "Cairn cannot read. Open it in Word, remove any password, save it as a Word "
            "document (.docx) or PDF and upload that."
        )
    elif filename.lower().endswith(_TEXT_NAMES):
        text = _plain_text(name, data)
    else:
        raise UnreadableDocument(
            f"{name} is not a PDF or Word document: its content is neither, whatever its name "
            "says. Save it as a PDF (.pdf) or Word document (.docx) and upload that."
        )
    return _clean(text)


def _clean(text: str) -> str:
    """One line ending, no invisible characters, compatible forms (the "ﬁ" ligature is "fi"),
    and a word broken by a soft hyphen at the end of a line joined again."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\u00ad\x02]\n", "", text)
    return unicodedata.normalize("NFKC", text.translate(_INVISIBLE))


def _plain_text(name: str, data: bytes) -> str:
    if b"\x00" in data:
        raise UnreadableDocument(
            f"{name} is not plain text. Upload it as a PDF (.pdf) or Word document (.docx)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"{name} is not UTF-8 text (byte {error.start + 1} is not). Save it as UTF-8 "
            "text, or as a PDF or Word document, and upload it again."
        ) from None


# PDF ------------------------------------------------------------------------------------------


def _pdf_text(name: str, data: bytes) -> str:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise UnreadableDocument(
                f"{name} is protected by a password (encrypted). Save or export a copy "
                "without a password and upload that."
            ) from None
        raise UnreadableDocument(
            f"{name} is a damaged PDF that cannot be opened. Save or export it again from the "
            "program that made it and upload the new copy."
        ) from None
    try:
        pages, pictures_only = [], []
        for number in range(len(pdf)):
            page = pdf[number]
            text = page.get_textpage().get_text_range()
            if not text.strip() and next(
                page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2), None
            ):
                pictures_only.append(number + 1)
            pages.append(text)
        metadata = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        raise UnreadableDocument(
            f"{name} is a damaged PDF: some of its pages cannot be read. Save or export it "
            "again from the program that made it and upload the new copy."
        ) from None
    finally:
        pdf.close()
    if not any(page.strip() for page in pages):
        raise UnreadableDocument(
            f"{name} has no text layer: it looks like a scanned image, and Cairn cannot read "
            "words in pictures. Upload the original document (Word, or a PDF saved from it), "
            "or run the scan through text recognition (OCR) first."
        )
    if pictures_only:
        are = "is a picture" if len(pictures_only) == 1 else "are pictures"
        raise UnreadableDocument(
            f"{_pages(pictures_only)} of {name} {are} with no text (scanned?), which Cairn "
            "cannot check. Upload the original document (Word, or a PDF saved from it), or "
            "run the scan through text recognition (OCR) first."
        )
    about = [metadata.get(key, "") for key in ("Title", "Subject", "Keywords")]
    return "\n\n".join(pages + [line for line in about if line.strip()])


def _pages(numbers: list[int]) -> str:
    if len(numbers) == 1:
        return f"Page {numbers[0]}"
    listed = ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"
    return f"Pages {listed}"


# Word -----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# The parts of a Word document a reader sees besides the body (read after it, by part name).
_OTHER_PARTS = re.compile(r"/word/(header|footer|footnotes|endnotes|comments)\d*\.xml$")


def _docx_text(name: str, data: bytes) -> str:
    import docx
    from lxml import etree

    damaged = UnreadableDocument(
        f"{name} is a damaged Word document that cannot be opened. Open it in Word, save it "
        "again as a Word document (.docx) or PDF, and upload the new copy."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise UnreadableDocument(
                    f"{name} is not a PDF or Word document (it is a different kind of zip "
                    "file). Save it as a PDF (.pdf) or Word document (.docx) and upload that."
                )
            unpacked = sum(entry.file_size for entry in archive.infolist())
            if unpacked > _MAX_UNPACKED * max(len(data), MB):
                raise UnreadableDocument(
                    f"{name} unpacks to {unpacked / MB:.0f} MB, far more than a Word document "
                    "of its size can hold, so Cairn will not open it. Save it again from Word "
                    "and upload the new copy."
                )
        document = docx.Document(io.BytesIO(data))
        texts = [_xml_text(document.element)]
        others = sorted(
            (part for part in document.part.package.iter_parts()
             if _OTHER_PARTS.search(str(part.partname))),
            key=lambda part: str(part.partname),
        )  # fmt: skip
        texts += [_xml_text(etree.fromstring(part.blob)) for part in others]
        properties = document.core_properties
        texts += [properties.title or "", properties.subject or "", properties.keywords or ""]
    except UnreadableDocument:
        raise
    except Exception:  # zip, XML or package errors: all mean the file is damaged
        raise damaged from None
    return "\n\n".join(text for text in texts if text.strip())


def _xml_text(root) -> str:
    """The text of a WordprocessingML tree, a line per paragraph (table cells and text boxes
    included; a drawing's fallback copy of a text box left out, so it is not read twice)."""
    for fallback in list(root.iter(_MC_FALLBACK)):
        fallback.getparent().remove(fallback)
    out: list[str] = []
    for node in root.iter(f"{_W}p", f"{_W}t", f"{_W}delText", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        tag = node.tag
        if tag == f"{_W}p":
            out.append("\n")
        elif tag in (f"{_W}t", f"{_W}delText"):
            out.append(node.text or "")
        elif node.getparent().tag != f"{_W}r":
            continue  # a tab stop or break setting, not a tab or break in the text
        elif tag == f"{_W}tab":
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out).strip("\n")
