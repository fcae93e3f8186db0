"""Guide -> handout HTML -> PDF. The only package that calls WeasyPrint, and only lazily.

Public API:
- `ExportOptions(variant, paper, large_print, fillable)`
- `build_html(guide, options) -> str`: the finished handout HTML (pure, no WeasyPrint)
- `render_pdf(html, out_path, *, progress=None, cancel=None, forms=False) -> pages`
- `export_guide(guide, out_path, options, fmt=None, progress=None, cancel=None, styles=None)
  -> pages`; `styles`, a `styles.StyleCache`, keeps the parsed stylesheets and their fonts
  between builds in a long-lived process (the export worker has one)
- `ExportJob(guide_or_yaml_text, out_path, options, fmt=None)`: the same in a child process,
  with `start()`, `poll() -> list[ExportEvent]`, `cancel()`, a time limit and a memory cap
- `WarmExporter(time_limit=, memory_mb=)`: one long-lived export worker for the app's preview
  and export dialog; `submit(guide, out_path, options, fmt) -> WarmJob` (poll, cancel, wait, the
  same events), `start()` to warm it ahead of time, `close()`
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reading_guide.export.api import export_guide, format_for
    from reading_guide.export.handout import build_html
    from reading_guide.export.job import ExportEvent, ExportJob
    from reading_guide.export.options import FORMATS, PAPERS, VARIANTS, ExportOptions
    from reading_guide.export.pdf import ExportCancelled, render_pdf
    from reading_guide.export.warm import WarmExporter
    from reading_guide.export.warm_job import WarmJob

# Each name is imported on first use (PEP 562): `export.user_text` or `export.options` alone,
# which the window needs at start-up, must not load the PDF writer, the job and the warm
# process modules with them.
_HOMES = {
    "export_guide": "api", "format_for": "api", "build_html": "handout",
    "ExportEvent": "job", "ExportJob": "job", "FORMATS": "options", "PAPERS": "options",
    "VARIANTS": "options", "ExportOptions": "options", "ExportCancelled": "pdf",
    "render_pdf": "pdf", "WarmExporter": "warm", "WarmJob": "warm_job",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


__all__ = [
    "FORMATS",
    "PAPERS",
    "VARIANTS",
    "ExportCancelled",
    "ExportEvent",
    "ExportJob",
    "ExportOptions",
    "WarmExporter",
    "WarmJob",
    "build_html",
    "export_guide",
    "format_for",
    "render_pdf",
]
