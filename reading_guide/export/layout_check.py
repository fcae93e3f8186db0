"""Reads a laid-out handout (WeasyPrint's Document, before it is written) against the rules a
printed handout must keep, so fit.py can correct a layout and tests can prove it.

- a question and its writing space are never parted, and the writing space is never split;
- no heading is the last thing on a page;
- how full the last page is (a near-empty last page is worth a tighter second layout).

Only boxes are read: no text is re-measured. Every walk is iterative, so no essay or guide
can make it recurse.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
PX_PER_PT = 4 / 3


@dataclass
class QuestionPlace:
    main_pages: list[int] = field(default_factory=list)  # pages of the text and notes
    main_height: float = 0.0  # CSS px, all fragments together
    writing_pages: list[int] = field(default_factory=list)
    continued: bool = False  # the writing space is under "Question N (continued)"


@dataclass
class LayoutReport:
    pages: int
    content_height: float  # CSS px of one page's content area
    questions: dict[str, QuestionPlace] = field(default_factory=dict)
    stranded: list[tuple[int, str]] = field(default_factory=list)  # (page, heading id)
    last_page_fill: float = 1.0  # share of the last page's content area in use

    def parted_questions(self) -> list[str]:
        """Question ids whose writing space is split, or not on the page where the question
        ends, or which is split although it would fit on one page."""
        parted = []
        for qid, place in self.questions.items():
            if not place.writing_pages:
                continue
            split = len(set(place.writing_pages)) > 1
            last = max(place.main_pages, default=-1)
            apart = last != min(place.writing_pages) and not (
                place.continued and min(place.writing_pages) == last + 1)
            fits = place.main_height < self.content_height * 0.6
            torn = fits and len(set(place.main_pages) | set(place.writing_pages)) > 1
            if split or apart or torn:
                parted.append(qid)
        return parted

    @property
    def ok(self) -> bool:
        return not self.parted_questions() and not self.stranded


def check(document: Any) -> LayoutReport:
    pages = document.pages
    height = 0.0
    if pages:
        box = pages[0]._page_box
        height = box.height
    report = LayoutReport(len(pages), height)
    for index, page in enumerate(pages):
        page_box = page._page_box
        root = _root(page_box)
        if root is None:
            continue
        chain = _last_in_flow(root)
        for box in chain:
            if getattr(box, "element_tag", None) in HEADINGS and index < len(pages) - 1:
                element = box.element
                report.stranded.append((index, element.get("id") or "" if element is not None
                                        else ""))
                break
        if index == len(pages) - 1 and chain and height:
            last = chain[-1]
            bottom = last.position_y + last.margin_height() - page_box.content_box_y()
            report.last_page_fill = max(0.0, min(bottom / height, 1.0))
        _questions(root, index, report)
    return report


def _root(page_box: Any) -> Any:
    for child in page_box.children:
        if getattr(child, "element_tag", None) == "html":
            return child
    return None


def _in_flow_children(box: Any) -> list[Any]:
    return [c for c in getattr(box, "children", ()) or ()
            if hasattr(c, "is_in_normal_flow") and c.is_in_normal_flow()
            and not _is_empty_line(c)]


def _is_empty_line(box: Any) -> bool:
    return type(box).__name__ == "LineBox" and not getattr(box, "children", None)


def _last_in_flow(root: Any) -> list[Any]:
    """The chain of boxes from the root down to the last in-flow box on the page."""
    chain = []
    box = root
    while box is not None:
        chain.append(box)
        kids = _in_flow_children(box)
        if type(box).__name__ == "LineBox" or not kids:
            break
        box = kids[-1]
    return chain


def _questions(root: Any, page: int, report: LayoutReport) -> None:
    """Where each question's text and writing space are on this page."""
    for box in _walk(root, stop=_is_question):
        element = box.element
        qid = element.get("id") or ""
        place = report.questions.setdefault(qid, QuestionPlace())
        for child in box.children:
            classes = _classes(child)
            if "q-main" in classes:
                place.main_pages.append(page)
                place.main_height += child.margin_height()
            elif "writing" in classes:
                place.writing_pages.append(page)
            elif "continued-block" in classes:
                place.continued = True
                place.writing_pages.append(page)


def _is_question(box: Any) -> bool:
    return "question" in _classes(box)


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) is None:
        return set()
    return set((element.get("class") or "").split())


def _walk(root: Any, *, stop: Any) -> Iterator[Any]:
    """Boxes for which `stop` is true, in document order, without descending into them and
    without recursion; only block containers are entered (questions are blocks)."""
    stack = [root]
    while stack:
        box = stack.pop()
        if stop(box):
            yield box
            continue
        if type(box).__name__ in ("LineBox", "TextBox", "InlineBox"):
            continue
        stack.extend(reversed(getattr(box, "children", ()) or ()))
