"""Issue 17.7: View ▸ Theme (System, Light, Dark), the desktop followed by default, and the
essay, its highlights and paragraph numbers readable in both palettes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from reading_guide.gui.core import theme
from reading_guide.gui.core.shell import Menu
from reading_guide.gui.reader.gutter import NUMBER_ALPHA
from reading_guide.gui.reader.highlighter import contrast as hl_contrast
from reading_guide.gui.reader.highlighter import fill_color, mark_color
from reading_guide.model.guide import DEFAULT_CATEGORIES
from reading_guide.storage import load_guide
from tests.gui.app_support import make_window


@pytest.fixture(autouse=True)
def _light_afterwards(qapp):
    """The palette is the application's: leave it light for the next test."""
    yield
    theme.apply_theme(qapp, "light")


def _luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        x = v / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def _over(fg: QColor, bg: QColor) -> QColor:
    a = fg.alphaF()
    return QColor(*(round(f * a + b * (1 - a)) for f, b in
                    ((fg.red(), bg.red()), (fg.green(), bg.green()), (fg.blue(), bg.blue()))))


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _palettes():
    app = QApplication.instance()
    light = app.style().standardPalette()
    return [("light", light, False), ("dark", theme.dark_palette(), True)]


def test_highlight_colours_and_numbers_are_readable_in_both_themes(qapp, sample_guide_path) -> None:
    colors = {c.color for c in DEFAULT_CATEGORIES}
    colors |= {c.color for c in load_guide(sample_guide_path).categories}
    colors |= {"#ffff00", "#ffffff", "#000000", "#0000ff", "#ff0000", "#808080",  # extremes
               "#8b0000", "#00ff00", "#1f1f1f"}
    assert round(hl_contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0  # same measure
    for name, palette, dark in _palettes():
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        for color in colors:
            ratio = contrast(_over(fill_color(color, dark), base), text)
            assert ratio >= 4.5, (name, color, round(ratio, 2))  # WCAG AA for body text
            mark = mark_color(color, dark)  # underlines and bars: 3:1 against the page
            assert contrast(mark, base) >= 3.0, (name, color, round(contrast(mark, base), 2))
        number = QColor(text)
        number.setAlphaF(NUMBER_ALPHA)
        assert contrast(_over(number, base), base) >= 4.5, name


def test_the_plans_over_time_red_and_hint_are_readable_in_both_themes(qapp) -> None:
    for name, palette, dark in _palettes():
        assert theme.is_dark(palette) == dark
        red = theme.over_time_color(palette)
        for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase,
                     QPalette.ColorRole.Window):  # the rows, alternate rows, the total's page
            ratio = contrast(red, palette.color(role))
            assert ratio >= 4.5, (name, role, round(ratio, 2))
        hint = contrast(theme.quiet_text_color(palette), palette.color(QPalette.ColorRole.Window))
        assert hint >= 4.5, (name, "hint", round(hint, 2))


def test_an_over_time_plan_follows_the_theme(qtbot, tmp_path: Path, sample_guide_path) -> None:
    import shutil

    from reading_guide.gui.plan.session_plan import MIN_COLUMN

    guide_path = tmp_path / "sample.guide.yaml"
    shutil.copy(sample_guide_path, guide_path)
    window = make_window(qtbot, tmp_path)
    assert window.shell.files.open_path(guide_path)
    plan = window.plan.plan
    window.plan.show()
    plan.length.setValue(5)  # the sample plans more than 5 minutes
    assert "min over" in plan.total.text()
    for choice in ("dark", "light", "dark"):
        window.theme.choose(choice)
        qtbot.waitUntil(lambda c=choice: theme.is_dark(plan.palette()) == (c == "dark"))
        page = plan.palette()
        red = theme.over_time_color(page)
        assert f"color: {red.name()}" in plan.total.styleSheet()  # not the other theme's red
        assert contrast(red, page.color(QPalette.ColorRole.Window)) >= 4.5
        stage = plan.tree.topLevelItem(0)
        drawn = stage.foreground(MIN_COLUMN).color()
        assert drawn == red, (choice, drawn.name())
        assert contrast(drawn, plan.tree.palette().color(QPalette.ColorRole.Base)) >= 4.5
        hint = plan.hint.palette().color(QPalette.ColorRole.WindowText)
        assert hint == theme.quiet_text_color(page)  # the grey of this theme, not the other's
        assert contrast(hint, page.color(QPalette.ColorRole.Window)) >= 4.5
        out = os.environ.get("GUI_SHOTS")
        if out:  # a picture of each theme, to look at
            window.shell.resize(1024, 700)
            plan.grab().save(str(Path(out) / f"plan-over-{choice}.png"))


def test_view_theme_switches_and_is_remembered(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path)
    shell = window.shell
    essay = tmp_path / "linked.md"
    essay.write_text("# Linked\n\nRead it at the [library](https://example.org) first.\n",
                     encoding="utf-8")
    assert shell.files.open_path(essay)
    menu = window.theme.menu
    assert menu.menuAction() in shell.menu(Menu.VIEW).actions()
    menu.aboutToShow.emit()  # the user opens it
    assert [a.text().replace("&", "") for a in menu.actions()] == [
        "Follow the System", "Light", "Dark"]
    assert window.theme.actions["system"].isChecked()  # the default
    window.theme.actions["dark"].trigger()
    reader = window.reader.view.editor
    qtbot.waitUntil(lambda: reader.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.3)
    base = reader.palette().color(QPalette.ColorRole.Base)
    assert reader.palette().color(QPalette.ColorRole.Window) == base  # the page's margins too
    assert shell.palette().color(QPalette.ColorRole.Window).lightnessF() < 0.3
    # The essay was coloured again for the dark page: its link is light blue, not dark blue.
    text = reader.document().toPlainText()
    cursor = QTextCursor(reader.document())
    cursor.setPosition(text.index("library") + 2)
    link = cursor.charFormat().foreground().color()
    assert link == theme.dark_palette().color(QPalette.ColorRole.Link)
    assert contrast(link, base) >= 4.5
    assert shell.settings.get("view/theme") == "dark"
    shell.prompts.save_answer = "discard"
    assert shell.close()
    again = make_window(qtbot, tmp_path)
    assert again.theme.actions["dark"].isChecked()
    again.theme.actions["light"].trigger()
    qtbot.waitUntil(
        lambda: again.shell.palette().color(QPalette.ColorRole.Window).lightnessF() > 0.7)


def test_system_follows_the_desktop(qtbot, tmp_path: Path, monkeypatch) -> None:
    window = make_window(qtbot, tmp_path)
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Base).lightnessF() > 0.7
    monkeypatch.setattr(theme, "desktop_is_dark", lambda: True)
    window.theme._on_desktop_changed(Qt.ColorScheme.Dark)  # what Qt calls when it changes
    assert app.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.3
    window.theme.actions["light"].trigger()  # a fixed choice ignores the desktop
    window.theme._on_desktop_changed(Qt.ColorScheme.Dark)
    assert app.palette().color(QPalette.ColorRole.Base).lightnessF() > 0.7
