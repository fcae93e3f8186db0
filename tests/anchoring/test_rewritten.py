"""Passages whose own words were rewritten (anchoring/rewritten.py): proposed for review where
they went, never on another passage's successor. Cases cut from the project's real revisions
(tests/data/anchoring/real-revisions)."""

from __future__ import annotations

from pathlib import Path

from reading_guide.anchoring import describe_selection, reanchor
from reading_guide.model import Highlight, Position
from reading_guide.render import import_essay

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


# The same policy's conduct list: an item moved to the spam section, its verb changed and its
# examples cut; the rest of its words survive, once, in their new place.
CONDUCT_OLD = (
    "Conduct Restrictions\nWhile using the Service, under no circumstances will you:\n"
    "harass, abuse, threaten, or incite violence towards any individual or group;\n"
    "use our servers for any form of excessive automated bulk activity (for example, spamming or"
    " cryptocurrency mining), to place undue burden on our servers through automated means;\n"
    "impersonate any person or entity, including any of our employees or representatives.\n"
    "Spam and Inauthentic Activity on GitHub\n"
    "bulk distribution of promotions and advertising prohibited by GitHub terms and policies\n"
    "inauthentic interactions, such as fake accounts and automated inauthentic activity\n"
    "creation of or participation in secondary markets for the purpose of the proliferation of"
    " inauthentic activity\n"
    "using GitHub as a platform for propagating abuse on other platforms\n"
    "rank abuse, such as automated starring or following\n"
    "phishing or attempted phishing"
)
CONDUCT_NEW = (
    "User Safety\nWe do not allow content or activity on GitHub that:\n"
    "harasses or abuses another individual or group;\n"
    "impersonates any person or entity, including any of our employees or representatives.\n"
    "Spam and Inauthentic Activity on GitHub\n"
    "bulk distribution of promotions and advertising prohibited by GitHub terms and policies\n"
    "inauthentic interactions, such as fake accounts and automated inauthentic activity\n"
    "creation of or participation in secondary markets for the purpose of the proliferation of"
    " inauthentic activity\n"
    "using GitHub as a platform for propagating abuse on other platforms\n"
    "rank abuse, such as automated starring or following;\n"
    "phishing or attempted phishing; or\n"
    "using our servers for any form of excessive automated bulk activity, to place undue burden"
    " on our servers through automated means;\n"
    "incentivized by rewards such as cryptocurrency airdrops, tokens, credits, gifts or other"
    " give-aways."
)


def test_a_moved_passage_whose_tail_was_cut_is_proposed_on_what_survives() -> None:
    exact = ("use our servers for any form of excessive automated bulk activity (for example,"
             " spamming or cryptocurrency mining)")
    (r,) = reanchor(CONDUCT_OLD, CONDUCT_NEW, [_selected(CONDUCT_OLD, exact)])
    assert r.status == "review"
    assert "our servers for any form of excessive automated bulk activity" in r.text


def test_a_passage_moved_to_another_section_with_its_tail_cut_is_found_by_what_is_left(
    data_dir: Path,
) -> None:
    """The Acceptable Use Policies' own editions: the item moved four sections on, among other
    items about bulk activity and servers, so neither the diff nor a rare word points to it."""
    case = data_dir / "anchoring" / "real-revisions" / "24-github-acceptable-use"
    old = import_essay(case / "old.md").document.text
    new = import_essay(case / "new.md").document.text
    exact = ("use our servers for any form of excessive automated bulk activity (for example,"
             " spamming or cryptocurrency mining)")
    (r,) = reanchor(old, new, [_selected(old, exact)])
    assert r.status == "review"
    assert r.text.endswith("our servers for any form of excessive automated bulk activity")
    assert "only part" in r.reason
