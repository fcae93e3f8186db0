"""Hostile and broken documents: one line naming the file and the problem, within seconds and
bounded memory; nothing fetched, nothing written outside a temporary folder."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from reading_guide.errors import InputError
from reading_guide.render.documents import import_document
from tests.render.documents_gen import docx, epub, pdf, w_paragraph, write, zip_bytes

BOMB_ENTITIES = ('<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                 '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
EXTERNAL = '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _refused(path: Path, *words: str) -> str:
    with pytest.raises(InputError) as caught:
        import_document(path)
    line = str(caught.value)
    assert "\n" not in line and str(path) in line
    for word in words:
        assert word in line
    return line


def test_zip_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * (200 * 1024 * 1024))
    _refused(write(tmp_path / "bomb.docx", buffer.getvalue()), "zip bomb")


def test_thousands_of_entries_are_refused(tmp_path: Path) -> None:
    parts: dict[str, str | bytes] = {f"OEBPS/{i}.xhtml": "" for i in range(6000)}
    _refused(write(tmp_path / "many.epub", zip_bytes(parts)), "6000 parts")


@pytest.mark.parametrize("name", ["../../evil.xml", "/etc/evil.xml", "C:\\evil.xml"])
def test_path_traversal_names_are_refused(tmp_path: Path, name: str) -> None:
    data = docx(w_paragraph("Words."))
    with zipfile.ZipFile(io.BytesIO(data)) as original:
        parts: dict[str, str | bytes] = {n: original.read(n) for n in original.namelist()}
    parts[name] = "<x/>"
    _refused(write(tmp_path / "trav.docx", zip_bytes(parts)), "path traversal")
    assert not (tmp_path.parent / "evil.xml").exists()


@pytest.mark.parametrize("doctype", [BOMB_ENTITIES, EXTERNAL])
def test_entity_expansion_and_external_entities_are_refused_everywhere(
        tmp_path: Path, doctype: str) -> None:
    body = f'<?xml version="1.0"?>{doctype}<d>&{"c" if "ENTITY c" in doctype else "x"};</d>'
    word = docx(w_paragraph("Words."))
    with zipfile.ZipFile(io.BytesIO(word)) as original:
        parts: dict[str, str | bytes] = {n: original.read(n) for n in original.namelist()}
    parts["word/document.xml"] = body
    _refused(write(tmp_path / "x.docx", zip_bytes(parts)), "entities")
    _refused(write(tmp_path / "x.odt", zip_bytes({"content.xml": body})), "entities")
    book = epub([("One", "<p>Words.</p>")], extra={"OEBPS/book.opf": body})
    _refused(write(tmp_path / "x.epub", book), "entities")


def test_encrypted_word_and_pdf_files_are_refused(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2048  # how Office stores encrypted files
    _refused(write(tmp_path / "locked.docx", ole), "password")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    _refused(write(tmp_path / "locked.pdf", buffer.getvalue()), "password")


def test_drm_protected_epub_is_refused(tmp_path: Path) -> None:
    encryption = ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                  '<EncryptedData xmlns="http://www.w3.org/2001/04/xmlenc#"/></encryption>')
    book = epub([("One", "<p>Words.</p>")], extra={"META-INF/encryption.xml": encryption})
    _refused(write(tmp_path / "drm.epub", book), "DRM")


def test_a_million_tiny_text_objects_are_refused_quickly(tmp_path: Path) -> None:
    one = b"BT /F1 1 Tf 10 10 Td (a) Tj ET\n"
    _refused(write(tmp_path / "dust.pdf", pdf(one * 120_000)), "drawing objects")


@pytest.mark.parametrize("name, data", [
    ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog"),
    ("noise.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40),
    ("text.pdf", b"just some words, not a PDF at all"),
    ("cut.docx", docx(w_paragraph("Words."))[:300]),
    ("cut.epub", epub([("One", "<p>Words.</p>")])[:200]),
    ("cut.odt", b"PK\x03\x04 broken"),
    ("empty.epub", b""),
    ("nobody.docx", zip_bytes({"other.xml": "<x/>"})),
    ("nobody.epub", zip_bytes({"mimetype": "application/epub+zip"})),
    ("badxml.odt", zip_bytes({"content.xml": "<office:document-content"})),
])
def test_corrupt_files_get_one_line(tmp_path: Path, name: str, data: bytes) -> None:
    _refused(write(tmp_path / name, data))


def test_a_pdf_with_text_imports_and_nothing_is_fetched(tmp_path: Path) -> None:
    # A PDF whose only content is text: a line of words (and no network is ever touched; the
    # importer has no code that could open one).
    content = b"BT /F1 12 Tf 72 720 Td (A short essay about reading slowly.) Tj ET"
    essay = import_document(write(tmp_path / "one.pdf", pdf(content)))
    assert essay.document.text == "A short essay about reading slowly."
