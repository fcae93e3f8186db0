"""A booklet: the handout laid out on half-size pages, then two pages to each side of a sheet in
folding order (saddle stitch), so a stack printed double-sided (flip on the short edge) and
folded in the middle reads in order.

pypdf places the pages (each one a form XObject on the sheet, no re-rendering); blank pages fill
the count up to a multiple of four. A right-to-left handout is bound on the right, so each
sheet's two pages swap sides. The booklet is for printing: the handout's tagged structure for
screen readers stays in the ordinary PDF, not in the imposed one.
"""

from __future__ import annotations

from pathlib import Path

from reading_guide.export.page import PAPER_MM, PT_PER_MM


def imposition(pages: int) -> list[tuple[int | None, int | None]]:
    """(left, right) page indexes for each side of each sheet, in printing order; None is a
    blank. For 8 pages: (7, 0), (1, 6), (5, 2), (3, 4)."""
    total = max(4, (pages + 3) // 4 * 4)
    sides: list[tuple[int | None, int | None]] = []
    for sheet in range(total // 4):
        front = (total - 1 - 2 * sheet, 2 * sheet)
        back = (2 * sheet + 1, total - 2 - 2 * sheet)
        for left, right in (front, back):
            sides.append((left if left < pages else None, right if right < pages else None))
    return sides


def impose(source: Path, target: Path, paper: str, *, rtl: bool = False) -> int:
    """Write the booklet of `source` (half-size pages) to `target`; returns the sheet sides."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(source)
    width_mm, height_mm = PAPER_MM[paper]
    sheet_w, sheet_h = height_mm * PT_PER_MM, width_mm * PT_PER_MM  # landscape
    writer = PdfWriter()
    for left, right in imposition(len(reader.pages)):
        if rtl:
            left, right = right, left
        side = PageObject.create_blank_page(width=sheet_w, height=sheet_h)
        for index, x in ((left, 0.0), (right, sheet_w / 2)):
            if index is None:
                continue
            page = reader.pages[index]
            box = page.mediabox
            scale = min((sheet_w / 2) / float(box.width), sheet_h / float(box.height))
            dx = x + ((sheet_w / 2) - float(box.width) * scale) / 2
            dy = (sheet_h - float(box.height) * scale) / 2
            side.merge_transformed_page(page, Transformation().scale(scale).translate(dx, dy))
        writer.add_page(side)
    if reader.metadata is not None:
        writer.add_metadata({k: str(v) for k, v in reader.metadata.items()
                             if k in ("/Title", "/Author")})
    with open(target, "wb") as f:
        writer.write(f)
    return len(writer.pages)
