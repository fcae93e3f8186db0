"""Searching the question bank: words, kind, stage, essay and year; the same question once.

Words are matched by SQLite FTS5 (tokenizer `unicode61`: any script that separates words with
spaces) on text folded by bank_records.fold, so case and accents are ignored the same way in
every script ("δρομος" finds "δρόμος", "strasse" finds "Straße"; the tokenizer's own
`remove_diacritics 2` knows Latin letters only), each word as a prefix so results follow typing
("walk" finds "walking"), a "quoted phrase" as a phrase, ranked by bm25 with the question's own
text weighing more than its follow-ups, notes and passage (bank_db.RANK, kept in the index).
Scripts written without spaces (Chinese, Japanese, Thai, ...) have no word boundaries for a
tokenizer to find, so a term in one of them is matched as a substring of the folded text
instead; so is every term when this SQLite has no FTS5 (results are then unranked, and the
results say so).

A question asked in several guides (the same words, bank_records.question_key) is one result,
listing every guide that asks it; the question it carries is the best-matching guide's.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reading_guide.storage.bank_records import (
    BankQuestion,
    BankResult,
    QuestionUse,
    SearchResults,
    fold,
)
from reading_guide.storage.library import LibraryEntry

PLAIN_NOTE = "Plain matching (this system's SQLite has no full-text search): results unranked."
_CHUNKS = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what the tokenizer takes for words
_CLASS = 100_000  # above any year: unranked results sort by class, then by year
# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, the CJK blocks, kana.
_UNSPACED = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f"
    "\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass(frozen=True)
class BankQuery:
    words: str = ""  # what the user typed: words (prefixes) and "quoted phrases"
    kind: str | None = None  # factual | interpretive | evaluative
    stage: str | None = None  # opening | core | closing
    essay: str = ""  # words of the essay's title or author
    year: int | None = None  # of the session's date, else of the guide file
    limit: int = 100  # results (distinct questions)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase's words
    phrase: bool
    unspaced: bool  # in a script without spaces: matched as a substring

    def fts(self) -> str:
        """The term in FTS5 query syntax (its words are letters and digits: nothing to escape).
        A single letter is a word, not a prefix: "w"* would rank every question there is."""
        joined = fold(" ".join(self.words))
        return f'"{joined}"' if self.phrase or len(joined) < 2 else f'"{joined}"*'

    def like(self) -> str:
        """A LIKE pattern for the folded text (words hold no % or _ to escape)."""
        return f"%{fold(' '.join(self.words))}%"


def parse_terms(words: str) -> list[Term]:
    """The terms of a search: every word a term, a "quoted phrase" one term."""
    terms = []
    for phrase, bare in _CHUNKS.findall(words):
        if phrase:
            found = tuple(_WORD.findall(phrase))
            if found:
                unspaced = any(_UNSPACED.search(w) for w in found)
                terms.append(Term(found, len(found) > 1, unspaced))
            continue
        for word in _WORD.findall(bare):
            terms.append(Term((word,), False, bool(_UNSPACED.search(word))))
    return terms


def search(conn: sqlite3.Connection, query: BankQuery, full_text: bool) -> SearchResults:
    """The questions matching `query`, best first, each with every guide that asks it."""
    terms = parse_terms(query.words)
    fts_terms = [t for t in terms if full_text and not t.unspaced]
    like_terms = [t for t in terms if t not in fts_terms]
    where = ["1"]  # only readable guides have questions: no need to look at guides.error
    params: list[object] = []
    for name, value in (("q.kind", query.kind), ("q.stage", query.stage), ("q.year", query.year)):
        if value is not None:
            where.append(f"{name} = ?")
            params.append(value)
    essay_words = _WORD.findall(fold(query.essay))
    for word in essay_words:
        where.append("g.essay_fold LIKE ?")
        params.append(Term((word,), False, True).like())
    for term in like_terms:
        where.append("(t.fold LIKE ? OR t.fold_more LIKE ?)")
        params += [term.like(), term.like()]
    joins = "JOIN guides g ON g.id = q.guide" if essay_words else ""
    if like_terms:
        joins += " JOIN texts t ON t.id = q.id"
    limit = max(1, query.limit)
    if fts_terms:
        sql = (
            "SELECT q.norm, q.id, min(f.score) AS best, count(*) AS n "
            "FROM (SELECT rowid AS id, rank AS score FROM question_fts "
            "      WHERE question_fts MATCH ?) AS f "
            f"JOIN questions q ON q.id = f.id {joins} "
            f"WHERE {' AND '.join(where)} GROUP BY q.norm ORDER BY best, n DESC LIMIT ?")
        params = [" AND ".join(t.fts() for t in fts_terms), *params, limit + 1]
    else:
        # Unranked: questions whose own text holds every term first, then the most used, then
        # the most recent; each as its most recent guide asks it (the row max() picks).
        in_text = " AND ".join("t.fold LIKE ?" for _ in like_terms) or "1"
        sql = (
            f"SELECT q.norm, q.id, max((CASE WHEN {in_text} THEN {_CLASS} ELSE 0 END) "
            f"+ q.year) AS pick, count(*) AS n FROM questions q {joins} "
            f"WHERE {' AND '.join(where)} GROUP BY q.norm "
            f"ORDER BY pick / {_CLASS} DESC, n DESC, pick DESC, q.norm LIMIT ?")
        params = [*(t.like() for t in like_terms), *params, limit + 1]
    rows = conn.execute(sql, params).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    payloads = dict(conn.execute(
        f"SELECT id, payload FROM texts WHERE id IN ({', '.join('?' * len(rows))})",
        [row[1] for row in rows])) if rows else {}
    uses = _uses(conn, [row[0] for row in rows])
    results = []
    for norm, question_id, best, _count in rows:
        try:
            question = BankQuestion.from_json(payloads.get(question_id, ""))
        except ValueError:  # a damaged row: leave it out rather than fail the search
            continue
        score = float(best) if fts_terms else 0.0
        results.append(BankResult(question, tuple(uses.get(norm, ())), score))
    note = PLAIN_NOTE if terms and not full_text else ""
    return SearchResults(tuple(results), more, note)


def _uses(conn: sqlite3.Connection, norms: list[str]) -> dict[str, list[QuestionUse]]:
    """Every guide asking each question (by key), most recent first, each guide once.

    Two narrow queries (an index-only lookup of the questions, then their guides) and a sort
    here: a question asked in a hundred guides costs a hundred small tuples, not a join."""
    out: dict[str, list[QuestionUse]] = {}
    if not norms:
        return out
    asked = conn.execute(
        f"SELECT norm, guide, qid FROM questions WHERE norm IN ({', '.join('?' * len(norms))})",
        norms).fetchall()
    ids = list({guide for _, guide, _ in asked})
    guides = conn.execute(
        "SELECT id, path, title, essay_title, essay_author, date, year FROM guides "
        f"WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY year DESC, date DESC, path",
        ids).fetchall()
    rank = {row[0]: n for n, row in enumerate(guides)}
    about = {row[0]: row[1:] for row in guides}
    by_norm: dict[str, dict[int, str]] = {}
    for norm, guide, qid in asked:
        by_norm.setdefault(norm, {})[guide] = qid
    for norm, asking in by_norm.items():
        in_order = sorted(asking, key=rank.__getitem__)
        out[norm] = [QuestionUse._make((*about[g], asking[g])) for g in in_order]
    return out


@dataclass(frozen=True)
class BankFacets:
    """What the bank holds, for the filters of a search form."""

    guides: int
    questions: int
    years: tuple[int, ...]  # newest first
    essays: tuple[tuple[str, str, int], ...]  # (title, author, guides), by title


def facets(conn: sqlite3.Connection) -> BankFacets:
    guides, questions = conn.execute(
        "SELECT count(*), coalesce(sum(questions), 0) FROM guides WHERE error = ''").fetchone()
    years = tuple(y for (y,) in conn.execute(
        "SELECT DISTINCT year FROM guides WHERE error = '' AND year > 0 ORDER BY year DESC"))
    essays = tuple(conn.execute(
        "SELECT essay_title, essay_author, count(*) FROM guides WHERE error = '' "
        "GROUP BY essay_title, essay_author ORDER BY essay_title COLLATE NOCASE, essay_author"))
    return BankFacets(guides, questions, years, essays)


def entries(conn: sqlite3.Connection) -> list[LibraryEntry]:
    """Every guide in the bank as the library lists it (broken ones with their error)."""
    return [
        LibraryEntry(Path(path), title, essay_title, author, edition, group, date, facilitator,
                     questions, highlights, essay_sha, error, year)
        for (path, title, essay_title, author, edition, group, date, facilitator, questions,
             highlights, essay_sha, error, year) in conn.execute(
            "SELECT path, title, essay_title, essay_author, edition, grp, date, facilitator, "
            "questions, highlights, essay_sha256, error, year FROM guides ORDER BY path")
    ]
