"""Passages whose own words were rewritten (anchoring/rewritten.py): proposed for review where
they went, never on another passage's successor. Cases cut from the project's real revisions
(tests/data/anchoring/real-revisions)."""

from __future__ import annotations

from reading_guide.anchoring import describe_selection, reanchor
from reading_guide.model import Highlight, Position

# GitHub's Acceptable Use Policies (24-github-acceptable-use): the scraping section rewritten, its
# list moved up, each item reworded.
AUP_OLD = (
    "Scraping and API Usage Restrictions\n"
    "Scraping refers to extracting data from our Service via an automated process, such as a bot"
    " or webcrawler. It does not refer to the collection of information through our API. You may"
    " scrape the website for the following reasons:\n"
    "Researchers may scrape public, non-personal information from the Service for research"
    " purposes, only if any publications resulting from that research are open access.\n"
    "Archivists may scrape the Service for public data for archival purposes.\n"
    "You may not scrape the Service for spamming purposes, including for the purposes of selling"
    " User Personal Information, such as to recruiters, headhunters, and job boards.\n"
    "Privacy\nMisuse of User Personal Information is prohibited."
)
AUP_NEW = (
    "Information Usage Restrictions\n"
    "You may use information from our Service for the following reasons, regardless of whether"
    " the information was scraped, collected through our API, or obtained otherwise:\n"
    "Researchers may use public, non-personal information from the Service for research"
    " purposes, only if any publications resulting from that research are open access.\n"
    "Archivists may use public information from the Service for archival purposes.\n"
    "Scraping refers to extracting information from our Service via an automated process, such"
    " as a bot or webcrawler. Scraping does not refer to the collection of information through"
    " our API.\n"
    "You may not use information from the Service (whether scraped, collected through our API, or"
    " obtained otherwise) for spamming purposes, including for the purposes of sending"
    " unsolicited emails to users or selling personal information, such as to recruiters,"
    " headhunters, and job boards.\n"
    "Privacy\nMisuse of personal information is prohibited."
)


def _selected(text: str, exact: str, hid: str = "h1") -> Highlight:
    start = text.index(exact)
    return Highlight(hid, "claim", describe_selection(text, start, start + len(exact)),
                     Position(start, start + len(exact)))


def test_a_reworded_list_item_is_proposed_on_its_successor_though_its_neighbour_looks_alike(
) -> None:
    """The reworded "Archivists ..." item is about as far from the "Researchers ..." item's old
    words as from its own; that must not hide its successor."""
    h = _selected(AUP_OLD, "Archivists may scrape the Service for public data for archival"
                           " purposes.")
    (r,) = reanchor(AUP_OLD, AUP_NEW, [h])
    assert r.status == "review"
    assert r.text == "Archivists may use public information from the Service for archival purposes."


def test_a_deleted_sentence_is_not_proposed_on_a_neighbour_that_survived() -> None:
    deleted = "GitHub reserves the right to remove any Content."
    old = AUP_OLD.replace("Privacy\n", deleted + "\nPrivacy\n")
    h = _selected(old, deleted)
    (r,) = reanchor(old, AUP_NEW, [h])
    assert r.status == "orphan"
