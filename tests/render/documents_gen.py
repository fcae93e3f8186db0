"""Small Word, OpenDocument, EPUB and PDF files made in memory for the import tests."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TEXT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
           'xmlns:xlink="http://www.w3.org/1999/xlink" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" '
           'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(body_xml: str, title: str = "", creator: str = "") -> bytes:
    return zip_bytes({
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
            'formats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/word/document.xml" ContentType="application'
            '/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>'),
        "word/document.xml": f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'
                             f"{body_xml}</w:body></w:document>",
        "docProps/core.xml": (
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>"
            "</cp:coreProperties>"),
    })


def w_paragraph(text: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def odt(content_body: str, title: str = "", creator: str = "", language: str = "",
        styles: str = "") -> bytes:
    return zip_bytes({
        "mimetype": "application/vnd.oasis.opendocument.text",
        "META-INF/manifest.xml": '<?xml version="1.0"?><manifest/>',
        "content.xml": f'<?xml version="1.0"?><office:document-content {TEXT_NS}>'
                       f"<office:automatic-styles>{styles}</office:automatic-styles>"
                       f"<office:body><office:text>{content_body}</office:text></office:body>"
                       "</office:document-content>",
        "meta.xml": f'<?xml version="1.0"?><office:document-meta {TEXT_NS}><office:meta>'
                    f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>"
                    f"<dc:language>{language}</dc:language></office:meta></office:document-meta>",
    })


def epub(chapters: list[tuple[str, str]], title: str = "A Book", author: str = "An Author",
         language: str = "en", nav: bool = True, extra: dict[str, str | bytes] | None = None
         ) -> bytes:
    """An EPUB 3 with one XHTML file per (heading, body) chapter and a nav document."""
    items = "".join(f'<item id="c{i}" href="text/c{i}.xhtml" media-type="application/xhtml+xml"/>'
                    for i in range(len(chapters)))
    spine = "".join(f'<itemref idref="c{i}"/>' for i in range(len(chapters)))
    links = "".join(f'<li><a href="text/c{i}.xhtml#h{i}">{h}</a></li>'
                    for i, (h, _b) in enumerate(chapters))
    parts: dict[str, str | bytes] = {
        "mimetype": "application/epub+zip",
        "META-INF/container.xml": (
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
            'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/book.opf" '
            'media-type="application/oebps-package+xml"/></rootfiles></container>'),
        "OEBPS/book.opf": (
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator>"
            f"<dc:language>{language}</dc:language></metadata><manifest>{items}"
            + ('<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
               'properties="nav"/>' if nav else "")
            + f"</manifest><spine>{spine}</spine></package>"),
        "OEBPS/nav.xhtml": (
            '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f'<body><nav epub:type="toc"><ol>{links}</ol></nav></body></html>'),
    }
    for i, (heading, body) in enumerate(chapters):
        parts[f"OEBPS/text/c{i}.xhtml"] = (
            '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
            f'<head><title>{heading}</title></head><body><h2 id="h{i}">{heading}</h2>{body}'
            "</body></html>")
    parts.update(extra or {})
    return zip_bytes(parts)


def pdf(content: bytes, fonts: bool = True) -> bytes:
    """A one-page PDF drawing `content` (a content stream) with Helvetica as /F1."""
    stream = zlib.compress(content)
    resources = b"<< /Font << /F1 5 0 R >> >>" if fonts else b"<< >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of `objects` (numbered from 1, the first the catalogue) with its xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
