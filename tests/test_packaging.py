"""Packaging: what a facilitator's desktop sees (icon, menu entry, "Open with" for guides and
essays, About) and the bundle that runs with no Python installed.

The fast tests check the files the desktop reads. The `bundle` test (deselected by default; run
`pytest -m bundle`) builds dist/ with PyInstaller into a temporary folder and runs the frozen app
from a clean environment, so a library PyInstaller missed shows up as a failed export, not as a
user's bug report.
"""

from __future__ import annotations

import ast
import configparser
import fnmatch
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP = RESOURCES / "reading-guide.desktop"
MIME_XML = RESOURCES / "reading-guide-mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
GUIDE_MIME = "application/x-reading-guide"
SPEC = ROOT / "build.spec"


def _desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop files
    parser.read(DESKTOP, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


# --- desktop file -----------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate missing (apt-get install desktop-file-utils)")
def test_desktop_file_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_file_opens_guides_and_essays_with_the_app():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Reading Guide"
    exec_line = entry["Exec"].split()
    assert exec_line[0] == "reading-guide"  # the console script of pyproject.toml
    assert "%f" in exec_line[1:] or "%F" in exec_line[1:], "no file argument: Open with is lost"
    mime_types = entry["MimeType"].rstrip(";").split(";")
    assert GUIDE_MIME in mime_types
    assert "text/markdown" in mime_types and "text/plain" in mime_types  # essays, DESIGN.md
    assert (ICONS / f"{entry['Icon']}.svg").is_file(), "Icon= names no icon we ship"


def test_open_with_is_offered_for_every_essay_format_the_app_opens(qapp):
    """Each essay MIME type listed maps to suffixes the app opens, and none of those is left out."""
    from PySide6.QtCore import QMimeDatabase

    from reading_guide.render.formats import ACCEPTED_EXTENSIONS as ESSAY_SUFFIXES

    db = QMimeDatabase()
    listed = [m for m in _desktop_entry()["MimeType"].rstrip(";").split(";") if m != GUIDE_MIME]
    covered: set[str] = set()
    for name in listed:
        mime = db.mimeTypeForName(name)
        suffixes = {f".{s}" for s in mime.suffixes()}
        assert suffixes & set(ESSAY_SUFFIXES), f"{name}: the app opens none of {suffixes}"
        covered |= suffixes
    assert set(ESSAY_SUFFIXES) <= covered, f"no MIME type for {set(ESSAY_SUFFIXES) - covered}"


# --- MIME type -------------------------------------------------------------------------------


def test_mime_xml_declares_the_guide_type_for_guide_yaml_files():
    root = ET.parse(MIME_XML).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == GUIDE_MIME
    globs = [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")]
    assert globs == ["*.guide.yaml"]
    assert fnmatch.fnmatch("autumn-session.guide.yaml", globs[0])
    assert not fnmatch.fnmatch("notes.yaml", globs[0])  # plain YAML stays plain YAML
    assert mime.find(f"{MIME_NS}comment").text.strip()
    # A guide's first line is `format: reading-guide/1` (DESIGN.md): the magic matches it.
    match = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert (ROOT / "tests" / "data" / "guides" / "walking.guide.yaml").read_text(
        encoding="utf-8").startswith(match.get("value"))


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="update-mime-database not installed (shared-mime-info)")
def test_mime_xml_compiles_with_update_mime_database(tmp_path):
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME_XML, packages)
    result = subprocess.run(["update-mime-database", str(tmp_path / "mime")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    globs2 = (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
    assert f"{GUIDE_MIME}:*.guide.yaml" in globs2


def test_metainfo_names_the_desktop_file_and_the_guide_type():
    root = ET.parse(RESOURCES / "io.readingguide.ReadingGuide.metainfo.xml").getroot()
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/mediatype").text == GUIDE_MIME
    from reading_guide import __version__

    assert root.find("releases/release").get("version") == __version__


# --- icons ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_png_exists_at_every_size_and_is_square(size):
    assert _png_size(ICONS / f"reading-guide-{size}.png") == (size, size)


def test_icon_pngs_are_renders_of_the_current_svg(qapp):
    """A PNG left stale after the SVG changed would show a different icon at that size."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICONS / "reading-guide.svg"))
    assert renderer.isValid()
    for size in (16, 48, 256):
        fresh = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        fresh.fill(Qt.GlobalColor.transparent)
        painter = QPainter(fresh)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        shipped = QImage(str(ICONS / f"reading-guide-{size}.png")).convertToFormat(fresh.format())
        differing = sum(
            1 for y in range(size) for x in range(size) if shipped.pixel(x, y) != fresh.pixel(x, y)
        )
        assert differing <= size * size // 100, f"{size} px PNG differs from the SVG: re-render"


# --- About --------------------------------------------------------------------------------------


def test_about_names_the_app_version_licence_and_every_bundled_font(qtbot):
    from reading_guide import APP_NAME, __version__
    from reading_guide.gui.core.about import build_about_box

    box = build_about_box(None)
    qtbot.addWidget(box)
    text = box.text()
    assert APP_NAME in text and __version__ in text and "MIT" in text
    assert APP_NAME in box.windowTitle()
    for licence in sorted((RESOURCES / "fonts").glob("OFL-*.txt")):
        assert f"fonts/{licence.name}" in text, f"{licence.name}: font not credited in About"
    assert not box.iconPixmap().isNull()


# --- build.spec ---------------------------------------------------------------------------------


def _spec_constant(name: str):
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec has no {name}")


def test_build_spec_lists_every_library_weasyprint_dlopens():
    """WeasyPrint finds Pango & co. by dlopen at run time; PyInstaller cannot see those calls.

    The names come from WeasyPrint's own source, so a WeasyPrint that loads one more library
    fails here rather than in a user's export.
    """
    import importlib.util

    spec = importlib.util.find_spec("weasyprint")  # its source, without loading the libraries
    assert spec is not None and spec.origin is not None
    ffi_source = (Path(spec.origin).parent / "text" / "ffi.py").read_text(encoding="utf-8")
    linux_names = set(re.findall(r"'(lib[\w.+-]+\.so\.\d+)'", ffi_source))
    assert {"libpango-1.0.so.0", "libharfbuzz.so.0", "libfontconfig.so.1"} <= linux_names
    listed = set(_spec_constant("PANGO_LIBRARIES"))
    assert linux_names <= listed, f"missing from build.spec: {sorted(linux_names - listed)}"


def test_build_spec_bundles_the_data_folders_and_hidden_commands():
    spec = SPEC.read_text(encoding="utf-8")
    assert '_tree("resources")' in spec and '_tree("guides")' in spec
    assert 'collect_submodules("reading_guide")' in spec  # commands are imported by name
    assert 'collect_data_files("weasyprint")' in spec
    assert "reading_guide" in spec and "__main__.py" in spec


# --- the bundle itself (pytest -m bundle) -------------------------------------------------------


def _frozen(app: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the frozen app as a user would: no venv, no PYTHONPATH, only the system PATH."""
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "HOME": str(cwd)}
    return subprocess.run([str(app), *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def _sample_guide(app: Path) -> Path:
    """The sample guide shipped inside the bundle (tests/data's until guides/ has one)."""
    shipped = app.parent / "_internal" / "guides" / "sample.guide.yaml"
    fallback = ROOT / "tests" / "data" / "guides" / "walking.guide.yaml"
    return shipped if shipped.is_file() else fallback


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """A freshly built bundle, or an existing one named by READING_GUIDE_BUNDLE (its folder)."""
    if os.environ.get("READING_GUIDE_BUNDLE"):
        return Path(os.environ["READING_GUIDE_BUNDLE"]).resolve() / "reading-guide"
    pytest.importorskip("PyInstaller", reason="pip install '.[bundle]'")
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"), str(SPEC)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    app = work / "dist" / "reading-guide" / "reading-guide"
    assert app.is_file()
    return app


@pytest.mark.bundle
def test_bundle_starts_and_reports_its_version(bundle, tmp_path):
    from reading_guide import __version__

    result = _frozen(bundle, "--version", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout


@pytest.mark.bundle
def test_bundle_ships_the_resources_and_libraries_it_needs(bundle):
    internal = bundle.parent / "_internal"
    for name in ("resources/fonts/Lato-Regular.ttf", "resources/icons/reading-guide.svg",
                 "guides", "weasyprint/css/html5_ua.css", "libpango-1.0.so.0",
                 "libharfbuzz.so.0", "libfontconfig.so.1",
                 "PySide6/Qt/plugins/platforms/libqoffscreen.so",
                 "PySide6/Qt/plugins/platforms/libqxcb.so",
                 "PySide6/Qt/plugins/imageformats/libqsvg.so"):
        assert (internal / name).exists(), f"bundle lacks {name}"
    if shutil.which("ldd"):  # what build.spec dropped (GTK theme, cairo) nobody else needs
        for lib in internal.rglob("*.so*"):
            out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True).stdout
            assert "libcairo.so" not in out, f"{lib.name} needs cairo, which the bundle dropped"


@pytest.mark.bundle
@pytest.mark.parametrize("variant", ["participant", "facilitator", "questions"])
def test_bundle_exports_every_handout_edition_offscreen(bundle, tmp_path, variant):
    guide = _sample_guide(bundle)
    out = tmp_path / f"{variant}.pdf"
    result = _frozen(bundle, "export", str(guide), "-o", str(out), "--variant", variant,
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        from reading_guide.storage import load_guide

        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                              text=True).stdout
        loaded = load_guide(guide)
        expected = (loaded.questions[0].text if variant == "questions" else loaded.essay.title)
        assert expected.split()[0] in text, f"{variant}: {expected!r} not printed"


def _pdf_fonts(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


@pytest.mark.bundle
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts (poppler-utils) missing")
def test_bundle_prints_with_the_same_fonts_as_from_source(bundle, tmp_path):
    """The bundled fonts are found frozen (resources under sys._MEIPASS), not system fallbacks."""
    guide = _sample_guide(bundle)
    frozen, source = tmp_path / "frozen.pdf", tmp_path / "source.pdf"
    assert _frozen(bundle, "export", str(guide), "-o", str(frozen), cwd=tmp_path).returncode == 0
    subprocess.run([sys.executable, "-m", "reading_guide", "export", str(guide), "-o",
                    str(source)], cwd=ROOT, check=True, capture_output=True, timeout=300)
    assert _pdf_fonts(frozen) == _pdf_fonts(source)


@pytest.mark.bundle
def test_bundle_renders_the_main_window(bundle, tmp_path):
    guide = _sample_guide(bundle)
    out = tmp_path / "window.png"
    result = _frozen(bundle, "screenshot", str(guide), "-o", str(out), "--size", "800x600",
                     cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _png_size(out) == (800, 600)



@pytest.mark.bundle
@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("xwininfo") is None,
                    reason="starting the bundle on an X server needs xvfb-run and xwininfo "
                           "(apt-get install xvfb x11-utils; .ci/run does)")
def test_bundle_opens_a_guide_in_a_window_on_a_real_x_server(bundle, tmp_path):
    """The desktop platform plugin (xcb) and everything it links against are in the bundle:
    started as from a desktop, on an X server, the window comes up with the guide open, and a
    SIGTERM (the desktop session ending) ends the app within seconds, whenever it comes.

    The app writes to a file, not to this test's pipe: a process it left behind would otherwise
    hold the pipe and the test would wait for it instead of failing."""
    guide = tmp_path / "opened.guide.yaml"
    guide.write_bytes(_sample_guide(bundle).read_bytes())
    script = f"""
"{bundle}" "{guide}" >app.log 2>&1 & app=$!
for _ in $(seq 100); do
  titles=$(xwininfo -root -tree | grep -o '"opened.guide.yaml[^"]*Reading Guide"')
  if [ -n "$titles" ]; then
    echo "$titles"; kill $app
    for _ in $(seq 50); do kill -0 $app 2>/dev/null || exit 0; sleep 0.2; done
    echo "still running 10 s after SIGTERM"; kill -9 $app; exit 5
  fi
  kill -0 $app 2>/dev/null || exit 3
  sleep 0.2
done
kill -9 $app; exit 4
"""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8"}  # Qt picks xcb
    result = subprocess.run(["xvfb-run", "-a", "bash", "-c", script], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    app_log = tmp_path / "app.log"
    log = app_log.read_text(errors="replace") if app_log.exists() else ""
    assert result.returncode == 0, result.stdout + result.stderr + log
    assert "opened.guide.yaml" in result.stdout and "Reading Guide" in result.stdout


@pytest.mark.bundle
def test_bundle_imports_every_kind_of_essay_and_prints_a_booklet(bundle, tmp_path):
    """The document and web-page importers (pypdfium2, mammoth, defusedxml, selectolax,
    readability-lxml, trafilatura) and the booklet (pypdf) load lazily: only running them
    in the frozen app shows that the bundle carries them."""
    from tests.render.documents_gen import docx, epub, w_paragraph, write

    data = Path(__file__).resolve().parent / "data"
    inputs = {
        "paper.pdf": data / "documents" / "two-column-paper.pdf",
        "page.html": data / "web-pages" / "dev418" / "source.html",
        "essay.docx": write(tmp_path / "essay.docx", docx(
            w_paragraph("A Word Essay", "Title") + w_paragraph("Its one paragraph, in Word."))),
        "book.epub": write(tmp_path / "book.epub", epub([("One", "<p>First chapter.</p>")])),
    }
    for name, source in inputs.items():
        guide = tmp_path / f"{name}.guide.yaml"
        result = _frozen(bundle, "new", str(source), "-o", str(guide), cwd=tmp_path)
        assert result.returncode == 0, f"{name}: {result.stderr}"
    out = tmp_path / "booklet.pdf"
    result = _frozen(bundle, "export", str(tmp_path / "essay.docx.guide.yaml"), "-o", str(out),
                     "--booklet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
