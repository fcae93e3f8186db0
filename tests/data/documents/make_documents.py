"""Make the generated test documents in this folder (run by hand; the outputs are committed).

    .venv/bin/python tests/data/documents/make_documents.py

- two-column-paper.pdf: a two-column paper set by WeasyPrint with hyphenation (`hyphens: auto`),
  ligatures, a running head, page numbers, a printer's slug line, margin line numbers, footnotes
  and a table-of-contents page: everything the PDF import must rebuild or drop.
- scanned-page.pdf: a page that is only a picture of text (no text layer).
The prose is written for these tests (public domain, CC0).
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # run by hand from anywhere: the repository's tests

from tests.render.documents_gen import pdf_file  # noqa: E402

PARAGRAPHS = [
    "Reading groups flourish when the conversation stays close to the text. A facilitator who "
    "prepares well identifies the passages that reward a second reading, and the questions "
    "that open them up rather than close them down.",
    "The difficulty is that essays rarely arrive in a convenient form. They come as attachments, "
    "as chapters of electronic books, as photocopies of journal articles, and each form brings "
    "its own damage: running heads, page numbers, hyphenated words, columns read across.",
    "Consider the hyphenation of long words such as internationalization, responsibility, "
    "understanding, communication and extraordinarily complicated arrangements of "
    "typographical conventions, which a careful reader never notices on paper.",
    "Ligatures deserve a word as well: the official office staff found the difficult final "
    "figures baffling, and the affluent officials reflected on efficient workflows.",
    "Some compounds keep their hyphen wherever they fall: a well-known author, a state-of-the-art "
    "printer, a long-term plan, and a follow-up question all keep theirs in print.",
    "A footnote tells the reader where a claim comes from.<span class='fn'>The source is a "
    "conversation with the members of the Tuesday reading group.</span> The text then goes on "
    "without interruption, as the author intended.",
    "Finally, the facilitator prints a handout with numbered paragraphs, so that everyone can "
    "find the same place quickly, and a sheet of questions with room to write.",
]

CSS = """
@page { size: A5; margin: 22mm 14mm 20mm 18mm;
  @top-center { content: "The Journal of Reading Groups, Vol. 3"; font-size: 8pt }
  @bottom-center { content: counter(page); font-size: 9pt }
  @bottom-left { content: "proof-0412.indd " counter(page) "   12/03/2026 10:15"; font-size: 6pt }
}
@page toc { @top-center { content: none } }
body { font-family: "DejaVu Serif", serif; font-size: 10pt; line-height: 1.3; hyphens: auto; }
.toc { page: toc; break-after: page }
.toc p { margin: 0 }
main { columns: 2; column-gap: 6mm; text-align: justify }
main p { margin: 0; text-indent: 1.2em }
h1 { font-size: 17pt; column-span: all; margin: 0 0 4mm }
h2 { font-size: 12pt; margin: 3mm 0 1mm }
.fn { float: footnote; font-size: 7.5pt }
::footnote-call { vertical-align: super; font-size: 6pt }
::footnote-marker { font-size: 7.5pt }
"""


def two_column_paper() -> None:
    from weasyprint import HTML

    toc = "".join(f"<p>{t} {'. ' * 30} {n}</p>" for t, n in
                  (("Preparing the discussion", 2), ("Printing the handout", 3)))
    body = []
    for round_ in range(3):
        body.append(f"<h2>{('Preparing the discussion', 'Reading closely', 'Printing')[round_]}"
                    "</h2>")
        body += [f"<p>{p}</p>" for p in PARAGRAPHS if "fn" not in p or round_ == 0]
    html = (f"<html lang='en'><head><title>Reading Closely Together</title><style>{CSS}</style>"
            f"</head><body><div class='toc'><h2>Contents</h2>{toc}</div><main>"
            "<h1>Reading Closely Together</h1>" + "".join(body) + "</main></body></html>")
    HTML(string=html).write_pdf(HERE / "two-column-paper.pdf")


def scanned_page() -> None:
    """A one-page PDF holding only a grey picture: no fonts, no text operators."""
    width, height = 200, 280
    pixels = zlib.compress(bytes([200]) * (width * height))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject "
        b"<< /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n" % (
            width, height, len(pixels)) + pixels + b"\nendstream",
    ]
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    (HERE / "scanned-page.pdf").write_bytes(pdf_file(objects))


if __name__ == "__main__":
    two_column_paper()
    scanned_page()
