"""The window's language: Qt translators for the interface, chosen from the locale or View › Language.

The interface's texts go through Qt's ``tr()`` (``self.tr`` in QObject subclasses,
:func:`translate` with a context elsewhere); ``pyside6-lupdate`` collects them into
``translations/dlplayground_<lang>.ts`` and ``pyside6-lrelease`` compiles those into the ``.qm``
files shipped beside this module (README, "Translations"). The command line never imports this
module: its messages stay English.

The language is read once, before the window is built: a choice made in View › Language is kept
in ``QSettings`` and takes effect on the next start (the texts are set as widgets are built, so a
live switch would mean rebuilding every panel).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    # PySide6's stub types the marker's result as object; it returns the source text itself
    def QT_TRANSLATE_NOOP(context: str, source: str) -> str: ...  # noqa: N802 (Qt's name, which lupdate looks for)
else:
    from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: F401 (re-exported, typed above)

#: the settings key of the user's choice; absent or "" means "follow the system"
LANGUAGE_KEY = "ui/language"
SYSTEM = ""
#: languages with a translation (English is the source language), by code, with their own names
LANGUAGES = {"en": "English", "tr": "Türkçe"}
TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"

#: lupdate finds calls by this name: ``translate("Context", "text")``
translate = QCoreApplication.translate


def qm_path(language: str) -> Path:
    """Where the compiled translation of ``language`` is shipped."""
    return TRANSLATIONS_DIR / f"dlplayground_{language}.qm"


def system_language(locale: QLocale | None = None) -> str:
    """The translated language matching the system locale (``QLocale.uiLanguages``), else English."""
    locale = locale if locale is not None else QLocale.system()
    for name in [locale.name(), *locale.uiLanguages()]:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def chosen_language(settings: QSettings, locale: QLocale | None = None) -> str:
    """The language to show: the one saved in View › Language, else the system's."""
    saved = str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
    return saved if saved in LANGUAGES else system_language(locale)


def save_language(settings: QSettings, language: str) -> None:
    """Remember ``language`` (a code of :data:`LANGUAGES`, or :data:`SYSTEM`) for the next start."""
    if language != SYSTEM and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    settings.setValue(LANGUAGE_KEY, language)
    settings.sync()


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install the translators of ``language`` (ours and Qt's own dialogs'); [] for English.

    The translators are returned so that the caller keeps them alive (Qt does not own them)
    and can remove them again (the tests do).
    """
    if language == "en" or language not in LANGUAGES:
        return []
    installed = []
    ours = QTranslator(app)
    if ours.load(str(qm_path(language))):
        app.installTranslator(ours)
        installed.append(ours)
    # Qt's own texts (the buttons of message boxes and file dialogs), when the build has them
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


def language_menu(parent_menu: QMenu, settings: QSettings, notify: Callable[[str], None]) -> QMenu:
    """View › Language: the system's language, or one of :data:`LANGUAGES`, for the next start."""
    menu = parent_menu.addMenu(translate("i18n", "&Language"))
    menu.setObjectName("menu_language")
    group = QActionGroup(menu)
    group.setExclusive(True)
    saved = str(settings.value(LANGUAGE_KEY, SYSTEM) or SYSTEM)
    choices = [(SYSTEM, translate("i18n", "System Default"))] + list(LANGUAGES.items())
    for code, name in choices:
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == saved or (code == SYSTEM and saved not in LANGUAGES))
        action.setData(code)
        group.addAction(action)

    def chosen(action: QAction) -> None:
        save_language(settings, action.data())
        # the texts are set as the widgets are built: the choice shows from the next start
        notify(translate("i18n", "The language changes when dlplayground is started again"))

    group.triggered.connect(chosen)
    return menu
