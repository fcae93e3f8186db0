"""Run one hostile input in this (child) process and print its outcome as one JSON line.

    python -m tests.reliability.run_case KIND FILE OUTDIR

KIND is `guide` (storage.load_guide), `essay` (render.import_essay) or `export` (a guide file is
loaded, an essay file is imported into a new guide; then a PDF handout is written into OUTDIR).
The outcome is `ok`, `error` (an InputError: its one line) or `crash` (any other exception: the
bug this family exists to catch). For exports, every URL WeasyPrint asked the handout's fetcher
for (`requested`) and every one actually fetched (`fetched`) is reported, so the parent can prove
nothing outside the resources folder was read and no network was tried.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import Any


def _spy_on_fetcher(requested: list[str], fetched: list[str]) -> None:
    """Wrap the export's fetcher factory and WeasyPrint's own fetcher class."""
    from weasyprint.urls import URLFetcher

    import reading_guide.export.pdf as pdf

    original_factory = pdf.make_fetcher
    original_fetch = URLFetcher.fetch

    def spying_factory(spy: list[str] | None = None) -> Any:
        return original_factory(requested if spy is None else spy)

    def spying_fetch(self: Any, url: str, *args: Any, **kwargs: Any) -> Any:
        fetched.append(url)
        return original_fetch(self, url, *args, **kwargs)

    pdf.make_fetcher = spying_factory  # type: ignore[assignment]
    URLFetcher.fetch = spying_fetch  # type: ignore[method-assign]


def _pdf_links(pdf: Path) -> dict[str, Any]:
    """Every link target and embedded file in the PDF: what a reader could click or open."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    uris = []
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    names = reader.trailer["/Root"].get("/Names", {})
    return {"uris": uris, "embedded": "/EmbeddedFiles" in names}


def _guide_for(path: Path) -> Any:
    if path.name.endswith(".guide.yaml"):
        from reading_guide.storage import load_guide

        return load_guide(path)
    from reading_guide.model import Essay, Guide
    from reading_guide.render import import_essay

    imported = import_essay(path)
    return Guide(title=imported.title, essay=Essay(title=imported.title, text=imported.markdown))


def run(kind: str, path: Path, outdir: Path) -> dict[str, Any]:
    from reading_guide.errors import InputError

    result: dict[str, Any] = {"outcome": "ok"}
    requested: list[str] = []
    fetched: list[str] = []
    try:
        if kind == "guide":
            from reading_guide.render import parse
            from reading_guide.storage import load_guide

            guide = load_guide(path)
            result["highlights"] = len(guide.highlights)
            result["orphans"] = sum(h.anchor_status == "orphan" for h in guide.highlights)
            result["text"] = parse(guide.essay.text).text
        elif kind == "essay":
            from reading_guide.render import import_essay

            imported = import_essay(path)
            result["blocks"] = len(imported.document.blocks)
            result["text"] = imported.document.text
            result["markdown"] = imported.markdown
        elif kind == "export":
            from reading_guide.export import ExportOptions, export_guide

            _spy_on_fetcher(requested, fetched)
            guide = _guide_for(path)
            out = outdir / "handout.pdf"
            result["pages"] = export_guide(guide, out, ExportOptions("facilitator"))
            result["output"] = str(out)
            result.update(_pdf_links(out))
        else:
            raise SystemExit(f"unknown kind {kind}")
    except InputError as error:
        result = {"outcome": "error", "message": str(error)}
    except Exception as error:  # the bug this family looks for
        result = {"outcome": "crash", "message": f"{type(error).__name__}: {error}"[:2000],
                  "traceback": traceback.format_exc()[-4000:]}
    result["requested"] = requested
    result["fetched"] = fetched
    return result


def main(argv: list[str]) -> int:
    kind, file, outdir = argv
    result = run(kind, Path(file), Path(outdir))
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
