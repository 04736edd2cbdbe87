"""The interface in Turkish: a complete, current translation, chosen by locale or View › Language."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from dlplayground.qt import app as app_module
from dlplayground.qt import i18n
from dlplayground.qt.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[3]
TS = i18n.TRANSLATIONS_DIR / "dlplayground_tr.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _tool(name: str) -> str:
    """A Qt translation tool from this Python's environment (PySide6 installs them beside it)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed (it comes with PySide6)"
    return found


def _messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).iter("message"))


def _menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


@pytest.fixture
def turkish(qapp):
    translators = i18n.install_translators(qapp, "tr")
    assert len(translators) >= 1, "the Turkish .qm is not shipped"
    yield
    i18n.remove_translators(qapp, translators)


def test_every_source_text_has_a_finished_turkish_translation():
    messages = _messages(TS)
    assert len(messages) > 400
    for message in messages:
        source = message.find("source").text
        translation = message.find("translation")
        assert translation.get("type") is None, f"unfinished: {source!r}"
        assert translation.text and translation.text.strip(), f"empty: {source!r}"
        # a lost or renamed {placeholder} would raise or print the wrong value at run time
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(translation.text)), source


def test_the_ts_file_holds_every_tr_string_of_the_sources(tmp_path):
    """lupdate over today's sources finds no text that the shipped .ts lacks."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p) for p in (ROOT / "dlplayground" / "qt").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none", "-ts", str(copy)],
                   check=True, capture_output=True, timeout=120)
    fresh = {m.find("source").text: m for m in _messages(copy)}
    shipped = {m.find("source").text for m in _messages(TS)}
    assert set(fresh) == shipped, f"run the lupdate command in the README: new {set(fresh) - shipped}, " \
                                  f"gone {shipped - set(fresh)}"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "fresh.qm"
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)], check=True, capture_output=True,
                   timeout=120)
    assert compiled.read_bytes() == i18n.qm_path("tr").read_bytes(), "run the lrelease command in the README"


def test_the_package_data_ships_the_qm_files():
    text = (ROOT / "pyproject.toml").read_text()
    assert '"qt/translations/*.qm"' in text
    assert 'qt" / "translations" / "*.qm"' in (ROOT / "packaging" / "dlplayground.spec").read_text()


def test_the_system_locale_chooses_the_language(settings):
    assert i18n.chosen_language(settings, QLocale("tr_TR")) == "tr"
    assert i18n.chosen_language(settings, QLocale("en_GB")) == "en"
    assert i18n.chosen_language(settings, QLocale("de_DE")) == "en"  # no German translation: English


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_under_the_turkish_locale_the_window_speaks_turkish(qtbot, settings, turkish, size):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    app_module.install_extensions(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    titles = _menu_titles(window)
    for title in ("&Dosya", "Dü&zen", "&Görünüm", "&Eğitim", "&Araçlar", "&Yardım"):
        assert title in titles, titles
    assert window.actions["save"].text() == "&Kaydet"
    assert window.inspector_dock.windowTitle() == "Denetçi"
    assert window.settings_dock.windowTitle() == "Veri ve Eğitim"
    assert "Eğit" in [action.text() for action in window.menu("Train").actions()]
    # a text with a placeholder comes out formatted, in Turkish
    assert window.params_label.text().endswith(" parametre")
    # the menu bar's titles fit the window even at the small size
    bar = window.menuBar()
    assert bar.actionGeometry(bar.actions()[-1]).right() <= window.width()
    # the longer Turkish texts never push a tool button behind the toolbar's overflow arrow
    buttons = [window.toolbar.widgetForAction(a) for a in window.toolbar.actions() if not a.isSeparator()]
    qtbot.waitUntil(lambda: all(b.isVisible() and b.geometry().right() <= window.toolbar.width() for b in buttons),
                    timeout=2_000)


def test_without_a_translator_the_window_stays_english(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert "&File" in _menu_titles(window) and "&Dosya" not in _menu_titles(window)


def test_the_language_menu_choice_persists_and_applies_on_the_next_start(qtbot, settings, monkeypatch, qapp):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    menu = window.language_menu
    by_code = {action.data(): action for action in menu.actions()}
    assert set(by_code) == {i18n.SYSTEM, "en", "tr"}
    assert by_code[i18n.SYSTEM].isChecked()  # nothing chosen yet: the system's language
    by_code["tr"].trigger()
    assert settings.value(i18n.LANGUAGE_KEY) == "tr"
    assert "started again" in window.statusBar().currentMessage()
    # even on an English system, the choice wins
    assert i18n.chosen_language(settings, QLocale("en_US")) == "tr"
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert {a.data(): a for a in again.language_menu.actions()}["tr"].isChecked()


def test_build_window_installs_the_saved_language(qtbot, monkeypatch, qapp):
    """The application's own start path: the saved choice is read from QSettings before the window is built."""
    from PySide6.QtCore import QSettings

    app_module.configure_application(qapp)  # the application's names, under which QSettings() is kept
    QSettings().setValue(i18n.LANGUAGE_KEY, "tr")
    monkeypatch.setattr(app_module, "_translators", None)
    window = app_module.build_window()
    qtbot.addWidget(window)
    try:
        assert "&Dosya" in _menu_titles(window)
        assert QCoreApplication.translate("MainWindow", "&File") == "&Dosya"
    finally:
        i18n.remove_translators(QApplication.instance(), app_module._translators or [])
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_an_unknown_language_is_refused(settings):
    with pytest.raises(ValueError, match="unknown language"):
        i18n.save_language(settings, "xx")
