"""Saved web pages: the article, not the site, with its title, author, language and direction.

The article is found the way browsers' reader modes find it, by readability-lxml (a port of the
Readability algorithm that Firefox's Reader View also descends from). Measured on
../shared/import/web-pages through our whole import (bench/bench_import.py, docs/IMPORT.md):
median word F1 0.995 against the reference articles, where trafilatura gives 0.980 and the page
imported whole 0.81. When readability-lxml keeps implausibly little (it picked a comment or a
sidebar), or when the two disagree, trafilatura's extraction is weighed too (`_extract`), and
when neither finds an article the whole page is imported with a warning. Whatever is chosen
then goes through our own safe HTML importer (`html_import`), so the extractors' output is never
trusted as markup, and the words left out around the article are listed as one repair. Nothing
is fetched: both extractors work on the text they are given.

Title: JSON-LD headline, then the page's title metadata (og:title and kin), then `<title>`
without the site's name; author from JSON-LD, `<meta name=author>` or the byline; language from
the page, else from the text. Direction: the `dir` of the innermost element holding the article
(most of its words), as reader modes take it: `<body dir=rtl>` inside `<html dir=ltr>` is
right-to-left, and so is `<main dir=rtl>` in a page that says nothing else; else the page's,
else from the language or the text.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reading_guide.render.direction import direction_of
from reading_guide.render.html_import import (
    ConvertedHtml,
    convert_html,
    flatten_deep_nesting,
    merge_inline_runs,
    page_language,
)
from reading_guide.render.repairs import Repair, head

_WORD = re.compile(r"\w+")
_BASE = re.compile(r"<base\b[^>]*>", re.I)
_DESTINATION = re.compile(r"\]\((?:\\.|[^)\\])*\)")
# When the article holds this share of the page's words, the page is the article: import it
# whole rather than risk leaving out a caption or a table the extractor did not like.
WHOLE_PAGE_SHARE = 0.97
MIN_ARTICLE_WORDS = 40
SMALL_PAGE_WORDS = 150
AGREEMENT = 0.6  # word F1 between the two extractors under which they disagree
SECOND_OPINION = 3_000_000  # characters of HTML past which trafilatura is asked only if needed
ARTICLE_IN_CONTAINER = 0.8  # share of the article's words an element must hold to give its dir
MAX_DIR_ELEMENTS = 200  # elements with a `dir` looked at (a hostile page may have millions)
# Separators between an article's title and the site's name in <title>.
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—\\/>»·]|::)\s+")
_TITLE_METAS = ("dc:title", "dcterm:title", "og:title", "weibo:article:title",
                "weibo:webpage:title", "title", "twitter:title", "parsely-title")
_AUTHOR_METAS = ("author", "dc:creator", "dcterm:creator", "article:author", "parsely-author",
                 "byl", "sailthru.author")
MAX_JSON_LD = 200_000

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser


@dataclass
class WebPage:
    converted: ConvertedHtml  # the article (or the whole page), its Markdown not yet checked
    title: str
    author: str = ""
    language: str = ""
    direction: str = ""
    repairs: list[Repair] = field(default_factory=list)

    @property
    def markdown(self) -> str:
        return self.converted.markdown


def _convert(html: str) -> ConvertedHtml:
    """An extraction or the whole page, unchecked: only the chosen one is parsed, by clean-up."""
    return convert_html(html, checked=False)


def import_web_page(html: str) -> WebPage:
    """The article of a saved page as safe Markdown, its metadata and the repairs."""
    from selectolax.lexbor import LexborHTMLParser

    # A <base> would make readability-lxml turn relative links into links to its site.
    # Runs of bold (or italic...) words are merged first: every tree built below is then a
    # fraction of the size (html_import.merge_inline_runs).
    html = merge_inline_runs(_BASE.sub("", html))
    flat, _ = flatten_deep_nesting(html)  # html_to_markdown reports it
    tree = LexborHTMLParser(flat)
    metas = _metas(tree)
    ld = _json_ld(tree)
    site = metas.get("og:site_name", "")
    title_node = tree.css_first("head > title") or tree.css_first("title")
    page_title = title_node.text(deep=True) if title_node is not None else ""
    title = _title(ld, metas, page_title, site, [h.text(deep=True) for h in tree.css("h1")[:3]])
    author = _author(ld, metas, tree)
    page_lang, page_dir = page_language(tree)
    language = page_lang or metas.get("content-language", "") or _locale(
        metas.get("og:locale", ""))
    linked = sum(len(a.text(deep=True).split()) for a in tree.css("a"))
    tree.strip_tags(["script", "style", "noscript", "template", "head", "svg"])
    page_text = tree.body.text(separator=" ") if tree.body is not None else ""
    directions = _dir_containers(tree)
    del tree, title_node  # a big page's tree is not kept while its article is converted
    chosen, repairs, whole = _article(html, page_text)
    if whole and not any(r.kind == "page-furniture" for r in repairs) \
            and linked * 2 > len(page_text.split()):
        repairs = [Repair("page-furniture", "document", "the page is mostly links "
                          f"({linked} words in links)", "imported whole: it may be a menu, "
                          "not an article"), *repairs]
    if not title or "<" in page_title:  # none, or an unclosed <title> that swallowed the page
        title = chosen.title
    text_sample = re.sub(r"[\W\d_]+", " ", chosen.markdown[:20_000])
    direction = _article_direction(directions, _words(chosen.markdown)) or page_dir \
        or direction_of(language, text_sample)
    return WebPage(chosen, title, author, language, direction, repairs)


def _dir_containers(tree: LexborHTMLParser) -> list[tuple[int, str, Counter[str]]]:
    """(depth, dir, words) of the elements with a `dir` and text enough to hold an article."""
    found = []
    for node in tree.css("[dir]")[:MAX_DIR_ELEMENTS]:
        direction = (node.attributes.get("dir") or "").strip().lower()
        if direction not in ("rtl", "ltr"):
            continue
        words = Counter(w.lower() for w in _WORD.findall(node.text(separator=" ")))
        if sum(words.values()) < MIN_ARTICLE_WORDS // 2:
            continue
        depth, parent = 0, node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        found.append((depth, direction, words))
    return found


def _article_direction(containers: list[tuple[int, str, Counter[str]]],
                       article: Counter[str]) -> str:
    """The `dir` of the innermost element holding most of the article's words, or ""."""
    total = sum(article.values())
    holding = [(depth, direction) for depth, direction, words in containers
               if total and sum((words & article).values()) >= ARTICLE_IN_CONTAINER * total]
    return max(holding)[1] if holding else ""


def _article(html: str, page_text: str) -> tuple[ConvertedHtml, list[Repair], bool]:
    """The article (or the whole page), its repairs, and whether it is the whole page. The whole
    page is converted only when it is chosen: on a big page that halves the work."""
    page_words = _words(page_text)
    total = sum(page_words.values())
    if total < SMALL_PAGE_WORDS:
        whole = _convert(html)  # too little to hold an article and furniture around it
        return whole, whole.repairs, True
    article = _extract(html)
    if article is None or sum(_words(article.markdown).values()) < min(MIN_ARTICLE_WORDS,
                                                                         total // 2):
        whole = _convert(html)
        note = Repair("page-furniture", "document", "no article found in the page",
                      "imported the whole page: check for menus and footers")
        return whole, [note, *whole.repairs], True
    kept = _words(article.markdown)
    left_out = page_words - kept
    share = 1 - sum(left_out.values()) / max(total, 1)
    if share >= WHOLE_PAGE_SHARE:
        whole = _convert(html)
        return whole, whole.repairs, True
    repairs = list(article.repairs)
    if left_out:
        sample = [w for w in _WORD.findall(page_text) if left_out[w.lower()] > 0][:10]
        repairs.insert(0, Repair(
            "page-furniture", "document",
            f"{sum(left_out.values())} words around the article: {head(' '.join(sample), 50)}",
            f"kept the article ({sum(kept.values())} words)"))
    return article, repairs, False


def _extract(html: str) -> ConvertedHtml | None:
    """readability-lxml's article, with trafilatura's as a second opinion.

    Where the two agree (word F1 >= 0.6 between them: every page of the shared sample, 0.90 to
    1.00), readability-lxml's is kept: it matched the references better. Where they disagree,
    one of them took the wrong part of the page, and the longer article is kept, so a comment
    thread or a teaser picked by mistake never replaces the essay. A page over SECOND_OPINION
    bytes gets trafilatura's only when readability-lxml's is implausibly short (time bound).
    """
    first = _readability(html)
    size = sum(_words(first.markdown).values()) if first is not None else 0
    if len(html) > SECOND_OPINION and size >= 150:
        return first
    second = _trafilatura(html)
    if first is None or second is None:
        return first or second
    if _agreement(first.markdown, second.markdown) >= AGREEMENT:
        return first
    return max((first, second), key=lambda c: sum(_words(c.markdown).values()))


def _readability(html: str) -> ConvertedHtml | None:
    try:
        from readability import Document

        return _convert(Document(html).summary(html_partial=True))
    except Exception:  # noqa: BLE001 - a failing extractor means "no article", never a crash
        return None


def _trafilatura(html: str) -> ConvertedHtml | None:
    try:
        import trafilatura

        extracted = trafilatura.extract(
            html, output_format="html", include_formatting=True, include_links=True,
            include_tables=True, include_comments=False, favor_recall=True)
    except Exception:  # noqa: BLE001 - as above
        return None
    return _convert(extracted) if extracted else None


def _agreement(a: str, b: str) -> float:
    """Word F1 between two extractions of one page."""
    wa, wb = _words(a), _words(b)
    common = sum((wa & wb).values())
    if not common:
        return 0.0
    return 2 * common / (sum(wa.values()) + sum(wb.values()))


def _words(text: str) -> Counter[str]:
    """Words of text or Markdown (link destinations left out: they are not reading text)."""
    return Counter(w.lower() for w in _WORD.findall(_DESTINATION.sub("]", text)))


def _metas(tree: LexborHTMLParser) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        content = " ".join((attrs.get("content") or "").split())
        if not content:
            continue
        for key in ("property", "name", "http-equiv", "itemprop"):
            for name in (attrs.get(key) or "").lower().split():
                out.setdefault(name, content)
    return out


def _json_ld(tree: LexborHTMLParser) -> dict[str, str]:
    """headline/name and author of the page's JSON-LD Article, if any (bounded, data only)."""
    for node in tree.css('script[type="application/ld+json"]'):
        raw = node.text(deep=True)
        if len(raw) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(
            data, dict) else []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not re.search(
                    r"Article|Posting|Report|Blog", str(item.get("@type", ""))):
                continue
            title = item.get("headline") or item.get("name") or ""
            author = item.get("author")
            if isinstance(author, list):
                author = author[0] if author else ""
            if isinstance(author, dict):
                author = author.get("name", "")
            return {"title": str(title) if isinstance(title, str) else "",
                    "author": author if isinstance(author, str) else ""}
    return {}


def _title(ld: dict[str, str], metas: dict[str, str], page_title: str, site: str,
           h1s: list[str]) -> str:
    title = ld.get("title", "") or next((metas[m] for m in _TITLE_METAS if metas.get(m)), "")
    if not title:
        title = _clean_page_title(page_title, h1s)
    return _without_site(" ".join(title.split()), site)


def _clean_page_title(title: str, h1s: list[str]) -> str:
    """`<title>` without the site's part, as reader modes cut it."""
    title = " ".join(title.split())
    h1 = [" ".join(h.split()) for h in h1s if h.strip()]
    if any(h == title for h in h1):
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        for h in h1:
            if h in parts:
                return h
        # Reader modes' rule: what is before the last separator, unless that is under three
        # words ("draft-04 - remoteStorage"): then what is after the first one.
        before = " - ".join(parts[:-1])
        return before if len(before.split()) >= 3 else " - ".join(parts[1:])
    if (len(title) > 150 or len(title) < 15) and len(h1) == 1:
        return h1[0]
    return title


def _without_site(title: str, site: str) -> str:
    if not site or title == site:
        return title
    for pattern in (rf"^{re.escape(site)}\s*(?:[|\-–—:»·]|::)\s*", rf"\s*(?:[|\-–—:»·]|::)\s*"
                    rf"{re.escape(site)}$", rf"\s*\[{re.escape(site)}\]$"):
        cut = re.sub(pattern, "", title, flags=re.I)
        if cut != title and cut.strip():
            return cut.strip()
    return title


def _author(ld: dict[str, str], metas: dict[str, str], tree: LexborHTMLParser) -> str:
    author = ld.get("author", "") or next(
        (metas[m] for m in _AUTHOR_METAS if metas.get(m) and "://" not in metas[m]), "")
    if not author:
        node = tree.css_first('[rel="author"], [itemprop="author"], .byline, .author')
        author = node.text(deep=True) if node is not None else ""
    author = re.sub(r"^\s*by\s+", "", " ".join(author.split()), flags=re.I)
    return author if len(author) <= 120 else ""


def _locale(locale: str) -> str:
    return locale.replace("_", "-") if re.fullmatch(r"[A-Za-z]{2,3}([_-][A-Za-z]{2})?", locale) \
        else ""


__all__ = ["WebPage", "import_web_page"]
