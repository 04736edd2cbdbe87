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
from tests.qt.conftest import full_window

ROOT = Path(__file__).resolve().parents[3]
TS = i18n.TRANSLATIONS_DIR / "dlplayground_tr.ts"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d+")
#: lupdate's option that files the engine's ``tx("...")`` texts (dlplayground.graph.text) for translation
ENGINE_ALIAS = ["-tr-function-alias", "QT_TR_NOOP+=tx"]


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
    # the window's modules and the engine's, whose tx() texts the window translates
    sources = sorted(str(p) for p in (ROOT / "dlplayground").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, *ENGINE_ALIAS, "-no-obsolete", "-locations", "none",
                    "-ts", str(copy)], check=True, capture_output=True, timeout=120)
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
    window = full_window(qtbot, settings, size)
    titles = _menu_titles(window)
    for title in ("&Dosya", "Dü&zen", "&Görünüm", "&Eğitim", "&Araçlar", "&Yardım"):
        assert title in titles, titles
    assert window.actions["save"].text() == "&Kaydet"
    # the extensions' actions too (the canvas tools add theirs to Edit and View)
    assert window.actions["minimap"].text() == "&Mini Harita"
    assert window.actions["group_blocks"].toolTip().startswith("Her artık bloğu")
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


# -- the engine's texts (problems, layer docs) and the generative view, under Turkish ------------

def _engine_sources() -> list[Path]:
    package = ROOT / "dlplayground"
    return [p for p in package.rglob("*.py") if "qt" not in p.relative_to(package).parts]


def test_every_problem_and_shape_message_of_the_engine_is_marked_for_translation():
    """A ``Problem``, ``ShapeError`` or data file's ``DataError`` built from an f-string or a bare
    literal would show English in a Turkish window: their messages come from ``tx()`` (or are
    passed on from one that did)."""
    import ast

    data_package = ROOT / "dlplayground" / "data"
    unmarked, checked, data_errors = [], 0, 0
    for path in _engine_sources():
        indices = {"Problem": 1, "ShapeError": 0, "_output_problem": 2}
        if path.is_relative_to(data_package):  # the datasets' errors, shown by the data panels
            indices["DataError"] = 0
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            index = indices.get(node.func.id)
            if index is None or len(node.args) <= index:
                continue
            message = node.args[index]
            checked += 1
            data_errors += node.func.id == "DataError"
            if isinstance(message, (ast.JoinedStr, ast.Constant, ast.BinOp)):
                unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert checked >= 40, checked  # the walk found the engine's problems
    assert data_errors >= 70, data_errors  # and the data loaders' errors
    assert not unmarked, unmarked


def test_every_training_setting_error_is_marked_for_translation():
    """A ``TrainingConfigError`` (or a token check's ``DataError``) of the training engine built from
    an f-string, a bare literal, a concatenation or ``str(...)`` would show English in a Turkish window
    when it refuses a run: its message comes from ``tx()`` (or is passed on from one that did)."""
    import ast

    unmarked, checked = [], 0
    for path in sorted((ROOT / "dlplayground" / "training").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                    and call.func.id in ("TrainingConfigError", "DataError") and call.args):
                continue
            message = call.args[0]
            checked += 1
            plain = isinstance(message, (ast.JoinedStr, ast.Constant, ast.BinOp)) or (
                isinstance(message, ast.Call) and (isinstance(message.func, ast.Attribute)  # "..".join, .replace
                                                   or getattr(message.func, "id", None) == "str"))
            if plain:
                unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert checked >= 30, checked  # the walk found the training engine's refusals
    assert not unmarked, unmarked


def test_a_run_refused_for_a_training_setting_says_why_in_turkish(qtbot, make_ui, turkish, tmp_path):
    from tests.training.conftest import spiral_mlp

    missing = tmp_path / "missing.safetensors"
    ui = make_ui(spiral_mlp(samples=60, epochs=1, init=str(missing)))
    with qtbot.waitSignal(ui.controller.run_failed, timeout=20_000) as blocker:
        ui.controller.train()
    message = blocker.args[0]
    assert message == f"training.init: {missing}: böyle bir ağırlık dosyası yok (bir çalıştırma klasörü ya da " \
                      "bir .safetensors dosyası)", message
    banner = ui.training_panel.banner.text()
    assert "böyle bir ağırlık dosyası yok" in banner and "no such" not in banner, banner


def test_a_run_refused_for_a_graph_problem_words_it_as_the_problems_list(qtbot, make_ui, turkish):
    from tests.training.conftest import spiral_mlp

    project = spiral_mlp(samples=60, epochs=1)
    project["graph"]["edges"] = [e for e in project["graph"]["edges"] if e["dst"] != "y"]  # Output unconnected
    ui = make_ui(project)
    with qtbot.waitSignal(ui.controller.run_failed, timeout=20_000) as blocker:
        ui.controller.train()
    lines = blocker.args[0].splitlines()
    assert "[y] eksik girdi: Output 1 girdi ister, 0 girdisi var" in lines, lines
    assert all(" bağlantısız: " in line for line in lines if "eksik girdi" not in line), lines
    assert "disconnected" not in blocker.args[0] and "missing input" not in blocker.args[0]
    assert "Eğitilemez: [x, y] bağlantısız" in ui.training_panel.banner.text()


def test_a_diverging_run_stops_with_a_turkish_message(qtbot, make_ui, turkish):
    from tests.training.conftest import spiral_mlp

    ui = make_ui(spiral_mlp(samples=60, epochs=20, activation="ReLU", optimizer={"type": "SGD", "lr": 1e6}))
    with qtbot.waitSignal(ui.controller.run_finished, timeout=20_000) as blocker:
        ui.controller.train()
    result = blocker.args[0].result
    assert result.stop_reason == "non_finite_loss"
    assert "loss became" in result.message  # the engine's own words stay English (the CLI prints them)
    banner = ui.training_panel.banner.text()
    assert "1e+06 öğrenme oranı fazla yüksek olabilir" in banner and "ağırlıklar korundu" in banner, banner
    assert "loss became" not in banner


def test_layer_docs_and_option_help_are_translated(turkish):
    from dlplayground.layers.catalogue import CATALOGUE
    from dlplayground.qt.engine_text import shown
    from dlplayground.qt.param_form import param_doc

    english = []
    for spec in CATALOGUE.values():
        if shown(spec.doc) == spec.doc:
            english.append(spec.type)
        english += [f"{spec.type}.{p.name}" for p in spec.schema if p.doc and param_doc(p) == p.doc]
    assert not english, f"shown in English under Turkish: {english}"


def test_a_problem_and_its_fix_read_turkish_in_the_inspector_and_the_problems_list(qtbot, window, turkish):
    from PySide6.QtGui import QTextDocument

    from tests.qt.firsthour.test_problem_texts import break_output

    node_id = break_output(window)  # the last Linear gives 7 outputs for 2 classes
    problem = next(p for p in window.session.problems if node_id in p.node_ids)
    window.scene.select_nodes([node_id])
    window.scene.selectionChanged.emit()
    qtbot.wait(20)
    document = QTextDocument()
    document.setHtml(window.inspector._problems.text())
    inspector = document.toPlainText()
    assert problem.message not in inspector
    assert f"'{node_id}' düğümünü değiştirin" in inspector, inspector  # the fix, in Turkish, naming the node
    row = window.summary_panel.problems.topLevelItem(0).text(0)
    assert row.startswith("hatalı ayarlar: ") and "değiştirin" in row and "change" not in row, row
    # the node's tooltip says the same in Turkish, under the layer's doc
    item = window.scene.node_items[node_id]
    item.refresh_tooltip()
    assert "değiştirin" in item.toolTip() and "Tam bağlantılı" in item.toolTip()
    # and so does the reason Train is refused
    from dlplayground.qt.train_gate import blocking_reason

    reason = blocking_reason(window.session)
    assert reason.startswith("Eğitilemez: ") and "değiştirin" in reason and "change" not in reason, reason


def test_a_bad_option_a_shape_error_and_a_layer_doc_read_turkish(qtbot, window, turkish):
    from tests.qt.conftest import open_example

    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    linear = next(n for n in graph.nodes if n.type == "Linear")
    window.editor.set_param(linear.id, "out_features", -3)
    window.scene.select_nodes([linear.id])
    window.scene.selectionChanged.emit()
    qtbot.wait(20)
    labels = window.inspector.findChildren(type(window.inspector._problems))
    shown_texts = " ".join(label.text() for label in labels)
    assert "Linear: 'out_features' &gt;= 1 olmalı, alınan: -3" in shown_texts, shown_texts
    assert "Tam bağlantılı (yoğun) katman" in shown_texts
    assert "Fully connected" not in shown_texts and "must be" not in shown_texts
    assert {"kimlik", "girdiler", "çıktı", "eğitilebilir", "parametreler"} <= {label.text() for label in labels}
    assert window.inspector.trainable_box.text() == "ağırlıklarını eğit"
    assert window.inspector.trainable_box.toolTip().startswith("İşaretsiz: düğüm dondurulmuştur")
    # a shape rule's refusal, with its advice, as the Problems list shows it
    from dlplayground.graph.text import message_of
    from dlplayground.layers.catalogue import get_spec
    from dlplayground.layers.spec import ShapeError
    from dlplayground.qt.engine_text import shown

    spec = get_spec("Linear")
    with pytest.raises(ShapeError) as raised:
        spec.shape_rule([(3, 8, 8)], spec.schema.resolve({}))
    assert shown(message_of(raised.value)) == ("Linear [öznitelikler] (ya da [zaman, öznitelikler]) bekler, "
                                               "gelen: [3, 8, 8]: önüne bir Flatten ekleyin")


def test_the_palette_speaks_turkish(qtbot, settings, turkish):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    tree = window.palette.tree
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert "Core" not in groups and len(groups) >= 8, list(groups)
    tips = [group.child(j).toolTip(0) for group in groups.values() for j in range(group.childCount())]
    linear = next(t for t in tips if t.startswith("<b>Linear</b>"))
    assert "Tam bağlantılı" in linear


def test_the_generative_view_speaks_turkish(qtbot, turkish):
    from dlplayground.qt.training.generative_view import GenerativeView
    from dlplayground.qt.training.payloads import Progress
    from tests.qt.training.test_generative_view import _epoch, _info

    view = GenerativeView()
    qtbot.addWidget(view)
    assert view.note.text().startswith("Bir otokodlayıcı")
    view.start(_info("gan"))
    assert view.note.text() == "İlk resimler bekleniyor..."
    assert view.verdict() == "İlk epok bekleniyor..."
    view.add(Progress(1, epochs=[_epoch(1, 0.01)]))
    view.redraw()
    assert view.note.text().startswith("Ayırt edici kazanıyor") and "0.010" in view.note.text()
    assert "Sabit gürültüden örnekler" in view.picture.titleLabel.text
    assert "Epok başına" not in view.curves_plot.titleLabel.text  # the legend replaced it while running
    view.clear()
    assert "Epok başına" in view.curves_plot.titleLabel.text


def test_the_input_and_output_nodes_keep_their_lines_under_turkish(qtbot, window, turkish):
    """The nodes' type names stay the catalogue's: the Input still shows its shape and role."""
    from tests.qt.conftest import open_example

    open_example(window, "spiral_mlp.dlp.json")
    items = window.scene.node_items
    first = next(items[n.id] for n in window.session.graph.nodes if n.type == "Input")
    last = next(items[n.id] for n in window.session.graph.nodes if n.type == "Output")
    assert (first._params_text, first._count_text) == ("[2]", "model girdisi")
    assert (last._params_text, last._count_text) == ("[3]", "model çıktısı")


def test_every_error_of_the_model_pictures_is_marked_for_translation():
    """A picture the training views cannot draw (decision boundary, confusion matrix, filters,
    feature maps, Grad-CAM, neuron maps) shows its reason in the window: the ``ValueError`` and
    ``KeyError`` messages of the analysis modules come from ``tx()``."""
    import ast

    unmarked, checked = [], 0
    for name in ("analysis.py", "image_analysis.py", "neuron_maps.py"):
        path = ROOT / "dlplayground" / "training" / name
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                    and call.func.id in ("ValueError", "KeyError")):
                continue
            checked += 1
            message = call.args[0] if call.args else None
            if not (isinstance(message, ast.Call) and getattr(message.func, "id", None) == "tx"):
                unmarked.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert checked >= 15, checked  # the walk found the pictures' refusals
    assert not unmarked, unmarked


def test_a_picture_that_cannot_be_drawn_says_why_in_turkish(turkish):
    from dlplayground.qt.training.analyst import Analyst
    from dlplayground.qt.training.view_request import Wishes
    from dlplayground.training.setup import prepare_training
    from tests.training.conftest import spiral_mlp

    setup = prepare_training(spiral_mlp(samples=60, epochs=1))
    analyst = Analyst(setup.model, setup.dataset, setup.config.loss, ("nope",), (), None)
    analysis = analyst.analyse(Wishes(surface=False, histogram_layer="nope", images=False), step=0)
    assert analysis.problems == ("histogramlar: 'nope' bu modelin bir katmanı değil",)


def test_a_failed_download_words_each_mirror_in_turkish(turkish, tmp_path):
    from dlplayground.data import DataError, download
    from dlplayground.graph.text import message_of
    from dlplayground.qt.engine_text import shown

    remote = download.Remote("f.bin", ("http://127.0.0.1:9/a/f.bin", "http://127.0.0.1:9/b/f.bin"), "0" * 32)
    with pytest.raises(DataError) as raised:
        download.fetch(remote, tmp_path)
    lines = shown(message_of(raised.value)).splitlines()
    assert lines[0].startswith("f.bin, ") and "indirilemiyor" in lines[0], lines
    assert lines[1:3] == ["  http://127.0.0.1:9/a/f.bin: sunucu bağlantıyı reddetti",
                          "  http://127.0.0.1:9/b/f.bin: sunucu bağlantıyı reddetti"], lines


def test_the_download_dialog_counts_bytes_in_turkish(qtbot, turkish):
    from dlplayground.qt.download_dialog import DownloadProgress

    progress = DownloadProgress()
    progress._update("f.bin", 512 * 1024, 1024 * 1024)
    assert progress.dialog.labelText() == "f.bin indiriliyor: 512.0 KiB / 1.0 MiB"
    progress._update("f.bin", 2048, None)
    assert progress.dialog.labelText() == "f.bin indiriliyor: 2.0 KiB"
    progress._finish()
