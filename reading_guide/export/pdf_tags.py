"""Amendments to WeasyPrint's PDF structure tree, for screen readers (PDF/UA).

WeasyPrint 70 tags the handout from its HTML but leaves five things a reader notices:
running heads and page numbers are marked content outside the tree rather than artifacts;
paragraph numbers (hidden from screen readers in HTML) are read before every paragraph; an
internal link's alternate text is its target id ("hl-h1"); a margin callout ("Q 2") is a span
read aloud mid-sentence; and `lang` on an element never reaches the PDF.

WeasyPrint has no hook for its tagging, so while one PDF is written, `amended_tagging` wraps
its `pdf.tags._build_box_tree` (the function that turns each box into a structure element;
it calls itself through the module, so the wrapper sees every box): it drops the elements of
page furniture and paragraph numbers and records their marked content, which the finisher
(`finish`) then turns into `/Artifact` in the page streams; it retags callouts as `/Note` (with
the `/ID` PDF/UA requires) moved to the end of their paragraph; it gives internal links a real
description ("see page 4") and elements in another language their `/Lang`. If a WeasyPrint
release changes those internals, the wrapper stands aside (the PDF is still tagged, as before)
and tests/export/test_accessibility.py fails, which is the signal to adapt this module.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class TagState:
    root_lang: str
    anchor_pages: dict[str, int] = field(default_factory=dict)  # anchor id -> page (1-based)
    artifacts: set[tuple[int, int]] = field(default_factory=set)  # (page index, MCID)
    notes: list[list[tuple[Any, Any]]] = field(default_factory=list)  # per open P: (note, parent)
    note_count: int = 0
    active: bool = False
    elements: list[Any] = field(default_factory=list)  # HTML elements of the boxes being built


@contextlib.contextmanager
def amended_tagging(state: TagState) -> Iterator[TagState]:
    """Wrap WeasyPrint's tagging while a PDF is written; restores it on the way out."""
    try:
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder
        from weasyprint.pdf import tags as weasy_tags

        original = weasy_tags._build_box_tree
    except (ImportError, AttributeError):
        yield state
        return

    def build(box: Any, parent: Any, pdf: Any, page_number: int, nums: Any,
              annotations: Any, tags: Any) -> Iterator[Any]:
        inner = box._box if isinstance(box, AbsolutePlaceholder) else box
        element = getattr(inner, "element", None)
        classes = _classes(element)
        furniture = isinstance(box, boxes.MarginBox) or "pn" in classes
        if furniture:
            for text_box in _text_boxes(box, boxes):
                kid = tags.get(text_box)
                if kid is not None:
                    state.artifacts.add((page_number, kid["mcid"]))
            for _ in original(box, parent, pdf, page_number, nums, annotations, tags):
                pass  # built (WeasyPrint checks every marked box is), never linked
            return
        is_paragraph = getattr(inner, "element_tag", None) == "p"
        # An anonymous block WeasyPrint made inside a paragraph (beside its absolutely
        # positioned number) has the paragraph's element: a second P inside the first.
        anonymous = (is_paragraph and element is not None and bool(state.elements)
                     and state.elements[-1] is element)
        if is_paragraph and not anonymous:
            state.notes.append([])
        state.elements.append(element)
        try:
            for made in original(box, parent, pdf, page_number, nums, annotations, tags):
                if anonymous:
                    yield from _children_of(made, parent, pdf)
                    continue
                _amend(made, inner, element, classes, parent, state)
                if is_paragraph and state.notes:
                    _move_notes(made, state.notes[-1])
                yield made
        finally:
            state.elements.pop()
            if is_paragraph and not anonymous and state.notes:
                state.notes.pop()

    weasy_tags._build_box_tree = build
    state.active = True
    try:
        yield state
    finally:
        weasy_tags._build_box_tree = original


def finish(state: TagState, pdf: Any) -> None:
    """WeasyPrint's finisher hook: marked content recorded as furniture becomes `/Artifact`."""
    if not state.active or not state.artifacts:
        return
    import pydyf

    kids = pdf.pages["Kids"]
    for page_index in range(len(kids) // 3):
        wanted = {mcid for p, mcid in state.artifacts if p == page_index}
        if not wanted:
            continue
        page = pdf.objects[kids[page_index * 3]]
        stream = pdf.objects[_number(page["Contents"])]
        items = stream.stream
        out: list[Any] = []
        i = 0
        while i < len(items):
            item = items[i]
            if (i + 2 < len(items) and isinstance(items[i + 1], pydyf.Dictionary)
                    and items[i + 1].get("MCID") in wanted and items[i + 2] == b"BDC"):
                out.extend(("/Artifact", b"BMC"))
                i += 3
                continue
            out.append(item)
            i += 1
        stream.stream = out


def _number(reference: Any) -> int:
    """The object number of a pydyf reference ("5 0 R", as str or bytes)."""
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return int(text.split()[0])


def _amend(made: Any, box: Any, element: Any, classes: set[str], parent: Any,
           state: TagState) -> None:
    import pydyf

    if element is None or made is None or not hasattr(made, "get"):
        return
    lang = element.get("lang")
    if lang and lang != state.root_lang and made.get("S") != "/Document":
        made["Lang"] = pydyf.String(lang)
    if "callout" in classes and made.get("S") == "/Span":
        state.note_count += 1
        made["S"] = "/Note"
        made["ID"] = pydyf.String(f"note-{state.note_count}")
        if state.notes:
            state.notes[-1].append((made, parent))
    annotation = getattr(box, "link_annotation", None)
    if annotation is not None and made.get("S") == "/Link":
        href = element.get("href") or ""
        if href.startswith("#"):
            page = state.anchor_pages.get(href[1:])
            text = f"see page {page}" if page else "go to " + href[1:]
            annotation["Contents"] = pydyf.String(text)
            made["Alt"] = pydyf.String(text)


def _children_of(made: Any, parent: Any, pdf: Any) -> Iterator[Any]:
    """The structure elements inside `made`, moved up to `parent` (`made` is dropped)."""
    for kid in made.get("K", ()):
        if isinstance(kid, (str, bytes)):
            child = pdf.objects[_number(kid)]
            if hasattr(child, "get") and child.get("Type") == "/StructElem":
                child["P"] = parent.reference
                yield child


def _move_notes(paragraph: Any, notes: list[tuple[Any, Any]]) -> None:
    """Notes read after the sentence they are in: moved to the end of their paragraph."""
    if paragraph is None or paragraph.get("S") != "/P":
        return
    for note, parent in notes:
        if parent is paragraph:
            continue
        kids = parent.get("K")
        if kids is not None and note.reference in kids:
            kids.remove(note.reference)
            paragraph["K"].append(note.reference)
            note["P"] = paragraph.reference
    notes.clear()


def _classes(element: Any) -> set[str]:
    if element is None:
        return set()
    try:
        return set((element.get("class") or "").split())
    except AttributeError:
        return set()


def _text_boxes(box: Any, boxes: Any) -> Iterator[Any]:
    """Every text box under `box`, without recursion."""
    stack = [box]
    while stack:
        current = stack.pop()
        if isinstance(current, boxes.TextBox):
            yield current
        stack.extend(getattr(current, "children", ()) or ())
