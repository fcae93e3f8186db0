"""The real documents in ../shared/import/documents, each judged by its NAME.expect.yaml.

Every `*.expect.yaml` there is read, so a larger set of the same kind (the hidden set: student
essays, e-books, two-column papers, printer's proofs, footnoted essays, OpenDocument reports) is
judged by the same test. The comparison follows the files' own rules: Unicode NFC, soft hyphens
and zero-width characters removed, every run of white space one space; otherwise exact, so a
leaked ligature character or a word split at a line end fails.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from reading_guide.errors import InputError
from reading_guide.render.documents import import_document
from reading_guide.render.pdf_import import SCAN_MESSAGE

_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_LIGATURES = re.compile("[\ufb00-\ufb06]")


def normalise(text: str) -> str:
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def _cases(shared: Path) -> list[Path]:
    folder = shared / "import" / "documents"
    cases = sorted(folder.glob("*.expect.yaml"))
    assert cases, f"no *.expect.yaml in {folder}"
    return cases


def _check(expect_path: Path) -> list[str]:
    """Every way the import of one document misses its expectations (empty: all met)."""
    expect = yaml.safe_load(expect_path.read_text(encoding="utf-8"))
    document = expect_path.parent / expect["file"]
    if expect["expect"] == "refuse":
        try:
            import_document(document)
        except InputError as error:
            line = str(error)
            ok = SCAN_MESSAGE in line and document.name in line and "\n" not in line
            return [] if ok else [f"refused with the wrong message: {line}"]
        return ["imported; expected the clear 'no text layer' refusal"]
    essay = import_document(document)
    text = normalise(essay.document.text)
    problems = []
    wanted = normalise(re.sub(r"\s*\([^()]*\)\s*$", "", expect["title"]))
    if normalise(essay.title).casefold() != wanted.casefold():
        problems.append(f"title {essay.title!r}, expected {wanted!r}")
    position = 0
    for sentence in expect.get("must_contain") or []:
        found = text.find(normalise(sentence), position)
        if found < 0:
            where = "at all" if normalise(sentence) not in text else "in order"
            problems.append(f"missing {where}: {sentence[:70]!r}")
        else:
            position = found + len(normalise(sentence))
    for furniture in expect.get("must_not_contain") or []:
        if normalise(furniture) in text:
            problems.append(f"furniture left in: {furniture!r}")
    if _LIGATURES.search(text):
        problems.append("ligature characters left in the text")
    if "\u00ad" in essay.markdown:
        problems.append("soft hyphens left in the text")
    return problems


def test_every_shared_document_imports_as_its_expect_file_says(shared_dir: Path) -> None:
    failures = {path.name: _check(path) for path in _cases(shared_dir)}
    assert {name: problems for name, problems in failures.items() if problems} == {}


@pytest.mark.parametrize("suffix", [".docx", ".epub", ".pdf"])
def test_the_shared_sample_has_each_kind(shared_dir: Path, suffix: str) -> None:
    names = [yaml.safe_load(p.read_text(encoding="utf-8"))["file"] for p in _cases(shared_dir)]
    assert any(name.endswith(suffix) for name in names)
