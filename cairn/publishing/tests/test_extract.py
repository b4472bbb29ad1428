"""Text from uploaded documents: real Word and PDF files made here, and each kind of file that
cannot be read giving a message the person who uploaded it can act on."""

import base64
import io
import os
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from PIL import Image
from weasyprint import HTML

from cairn.publishing.extract import UnreadableDocument, extract_text
from cairn.publishing.redaction import Identifier, scan


def word_document() -> bytes:
    document = docx.Document()
    document.core_properties.title = "Review of the Quenby case"
    section = document.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE: Jayden Vantreese"
    section.footer.paragraphs[0].text = "Footer: Brackenfold Academy"
    document.add_heading("Learning review", level=1)
    document.add_paragraph("Jayden was seen at school on 3rd April 2011.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "NHS number"
    table.cell(0, 1).text = "943 476 5919"
    table.cell(1, 0).text = "Postcode"
    table.cell(1, 1).text = "QQ4 7ZT"
    document.add_paragraph("End of report.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_document(body: str) -> bytes:
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def picture_html() -> str:
    png = io.BytesIO()
    Image.new("RGB", (120, 60), "white").save(png, "PNG")
    return f"<img src='data:image/png;base64,{base64.b64encode(png.getvalue()).decode()}'>"


def encrypted_pdf() -> bytes:
    """A PDF whose pages are locked with a user password (the standard security handler)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"ab" * 32, b"cd" * 32),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<%s> <%s>] >>\n" % (
        b"00" * 16,
        b"00" * 16,
    )
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % xref)


def message(filename, data, **options) -> str:
    with pytest.raises(UnreadableDocument) as raised:
        extract_text(filename=filename, data=data, **options)
    return raised.value.message


# What is read -------------------------------------------------------------------------------------


def test_a_word_document_gives_its_body_tables_headers_footers_and_title():
    text = extract_text(filename="review.docx", data=word_document())

    assert "Learning review\nJayden was seen at school on 3rd April 2011." in text
    assert "NHS number\n943 476 5919" in text
    assert "OFFICIAL-SENSITIVE: Jayden Vantreese" in text
    assert "Footer: Brackenfold Academy" in text
    assert "Review of the Quenby case" in text
    assert text.index("Learning review") < text.index("End of report.")


def test_a_pdf_gives_its_text_page_by_page():
    data = pdf_document(
        "<h1>Statement</h1><p>Jayden’s school, on 3rd April 2011.</p>"
        "<p style='page-break-before: always'>Second page: QQ4 7ZT</p>"
    )

    text = extract_text(filename="statement.pdf", data=data)

    assert text.index("Statement") < text.index("Jayden’s school, on 3rd April 2011.")
    assert text.index("3rd April 2011") < text.index("Second page: QQ4 7ZT")


def test_the_kind_of_document_is_told_by_its_content_not_its_name():
    text = extract_text(filename="really-a-word-file.pdf", data=word_document())

    assert "Jayden was seen at school" in text


def test_a_utf8_text_file_is_read():
    assert extract_text(filename="notes.txt", data="Zoë’s note".encode()) == "Zoë’s note"


def test_invisible_characters_and_soft_hyphens_do_not_split_a_name():
    data = "Jay\u200bden and Vantree\u00ad\nse".encode()

    assert extract_text(filename="notes.txt", data=data) == "Jayden and Vantreese"


def test_names_in_a_word_header_and_table_are_caught_by_the_scan():
    people = [
        Identifier("name", "Jayden Vantreese", "Child A"),
        Identifier("identifier", "943 476 5919", "Child A"),
    ]

    hits = scan(extract_text(filename="review.docx", data=word_document()), people)

    assert {h.text for h in hits} == {"Jayden Vantreese", "943 476 5919"}


# What cannot be read, and why ------------------------------------------------------------------------


def test_random_bytes_named_pdf_are_not_a_pdf_or_word_document():
    text = message("report.pdf", os.urandom(4096).replace(b"%PDF-", b"xxxxx"))

    assert "“report.pdf” is not a PDF or Word document" in text


def test_a_file_over_the_limit_says_the_limit_in_mb():
    text = message("big.pdf", b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024), max_bytes=1024 * 1024)

    assert "“big.pdf” is 2.0 MB, larger than the 1 MB Cairn can check" in text


def test_the_default_limit_is_20_mb():
    assert "larger than the 20 MB" in message("huge.docx", b"PK\x03\x04" + b"0" * (20 * 2**20))


def test_an_empty_file_says_it_is_empty():
    assert "“empty.docx” is empty" in message("empty.docx", b"")


def test_a_pdf_with_no_text_says_it_looks_like_a_scanned_image():
    text = message("scan.pdf", pdf_document(picture_html()))

    assert "“scan.pdf” has no text layer: it looks like a scanned image" in text
    assert "OCR" in text


def test_a_pdf_with_a_scanned_page_among_text_pages_names_the_page():
    data = pdf_document(
        f"<p>Page one text</p><div style='page-break-before: always'>{picture_html()}</div>"
    )

    assert "Page 2 of “mixed.pdf” is a picture with no text" in message("mixed.pdf", data)


def test_a_password_protected_pdf_says_so():
    assert "“locked.pdf” is protected by a password" in message("locked.pdf", encrypted_pdf())


def test_a_damaged_pdf_says_so():
    data = pdf_document("<p>Some text</p>")

    assert "“cut.pdf” is a damaged PDF" in message("cut.pdf", data[: len(data) // 3])


def test_a_corrupt_word_document_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not xml")
        archive.writestr("word/document.xml", "<w:document")

    assert "“broken.docx” is a damaged Word document" in message("broken.docx", out.getvalue())


def test_a_truncated_word_document_says_so():
    data = word_document()

    assert "is a damaged Word document" in message("cut.docx", data[: len(data) // 2])


def test_a_zip_that_is_not_a_word_document_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photo.jpg", b"...")

    assert "“photos.docx” is not a PDF or Word document" in message("photos.docx", out.getvalue())


def test_an_old_word_document_asks_for_docx_or_pdf():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512

    assert "older Word document (.doc)" in message("minutes.doc", data)


def test_a_text_file_not_in_utf8_says_so():
    assert "is not UTF-8 text" in message("notes.txt", "Zoë".encode("latin-1"))


def test_a_word_document_that_unpacks_far_beyond_its_size_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (30 * 1024 * 1024))

    assert "far more than a Word document" in message("bomb.docx", out.getvalue())


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def test_tracked_deletions_and_text_boxes_are_read_and_a_text_box_only_once():
    document = docx.Document()
    document.add_paragraph("Before.")
    body = document.element.body
    body.insert(
        len(body) - 1,
        parse_xml(
            f'<w:p {W}><w:r><w:t xml:space="preserve">Seen by </w:t></w:r>'
            "<w:del><w:r><w:delText>Jayden Vantreese</w:delText></w:r></w:del></w:p>"
        ),
    )
    body.insert(
        len(body) - 1,
        parse_xml(
            f"<w:p {W} {MC}><w:r><mc:AlternateContent>"
            "<mc:Choice><w:txbxContent><w:p><w:r><w:t>Box: Brackenfold</w:t></w:r></w:p>"
            "</w:txbxContent></mc:Choice>"
            "<mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box: Brackenfold</w:t></w:r></w:p>"
            "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>"
        ),
    )
    out = io.BytesIO()
    document.save(out)

    text = extract_text(filename="tracked.docx", data=out.getvalue())

    assert "Seen by Jayden Vantreese" in text
    assert text.count("Box: Brackenfold") == 1
