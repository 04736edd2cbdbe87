"""Checks of the desktop packaging files: fast, no PyInstaller run.

The .desktop entry, AppStream metainfo and MIME definition must parse and agree with each other
and with the project (command name, version, file extension); every icon size must exist at its
pixel size and match its SVG source; the PyInstaller spec must point at files that exist and
must not exclude a module the package imports.
"""

from __future__ import annotations

import ast
import configparser
import fnmatch
import importlib.util
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dlplayground import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "assets" / "icons"
EXAMPLES = ROOT / "assets" / "examples"
DESKTOP_FILE = PACKAGING / "dlplayground.desktop"
METAINFO_FILE = PACKAGING / "io.github.dlplayground.metainfo.xml"
MIME_FILE = PACKAGING / "dlplayground-mime.xml"
SPEC_FILE = PACKAGING / "dlplayground.spec"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _desktop_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive in desktop entries
    parser.read_string(DESKTOP_FILE.read_text(encoding="utf-8"))
    return dict(parser["Desktop Entry"])


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _mime_type() -> ET.Element:
    return ET.parse(MIME_FILE).getroot().find("m:mime-type", MIME_NS)


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def _load_render_icons():
    spec = importlib.util.spec_from_file_location("render_icons", PACKAGING / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _spec_assignments() -> dict[str, ast.expr]:
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    return {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
            for target in node.targets if isinstance(target, ast.Name)}


def _spec_value(name: str):
    """Evaluate one of the spec's path constants with its ROOT pointing at this checkout."""
    namespace = {"ROOT": ROOT, "PACKAGE": ROOT / "dlplayground", "str": str, "Path": Path}
    return eval(compile(ast.Expression(_spec_assignments()[name]), str(SPEC_FILE), "eval"), namespace)


# ------------------------------------------------------------------------------- desktop ----

def test_desktop_entry_launches_the_installed_command_with_a_file():
    entry = _desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "dlplayground"
    command, *field_codes = entry["Exec"].split()
    assert command in _pyproject()["project"]["scripts"], "Exec must run the installed command"
    assert field_codes == ["%f"], "the window takes one optional project file"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";") and "Science" in entry["Categories"].split(";")


def test_desktop_entry_names_an_icon_that_exists_at_every_size():
    icon = _desktop_entry()["Icon"]
    assert "/" not in icon and "." not in icon, "a theme icon name, not a path"
    for size in ICON_SIZES:
        assert (ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{icon}.png").is_file()
    assert (ICONS / "hicolor" / "scalable" / "apps" / f"{icon}.svg").is_file()


def test_desktop_entry_and_mime_definition_agree():
    mime = _mime_type()
    assert _desktop_entry()["MimeType"].rstrip(";").split(";") == [mime.get("type")]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (desktop-file-utils)")
def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "error" not in result.stdout, result.stdout


# ------------------------------------------------------------------------------ metainfo ----

def test_metainfo_agrees_with_the_desktop_entry_and_the_project():
    root = ET.parse(METAINFO_FILE).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    component_id = root.findtext("id")
    assert METAINFO_FILE.name == f"{component_id}.metainfo.xml"
    assert (PACKAGING / root.findtext("launchable[@type='desktop-id']")).resolve() == DESKTOP_FILE
    assert root.findtext("icon[@type='stock']") == _desktop_entry()["Icon"]
    assert root.findtext("provides/binary") in _pyproject()["project"]["scripts"]
    assert root.findtext("provides/mediatype") == _mime_type().get("type")
    assert root.findtext("project_license") == _pyproject()["project"]["license"]["text"]
    assert root.find("releases/release").get("version") == __version__, "release notes lag the version"
    assert root.findtext("summary") and root.find("description/p") is not None


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (appstream)")
def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO_FILE)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


# ---------------------------------------------------------------------------------- MIME ----

def test_mime_definition_recognises_every_example_project():
    mime = _mime_type()
    pattern = mime.find("m:glob", MIME_NS).get("pattern")
    match = mime.find("m:magic/m:match", MIME_NS)
    start, end = (int(n) for n in match.get("offset").split(":"))
    examples = sorted(EXAMPLES.glob("*.json"))
    assert examples
    for example in examples:
        assert fnmatch.fnmatch(example.name, pattern), f"{example.name} does not match {pattern}"
        head = example.read_bytes()[: end + len(match.get("value"))]
        assert head.find(match.get("value").encode(), start) != -1, f"magic not found in {example.name}"
    assert mime.find("m:sub-class-of", MIME_NS).get("type") == "application/json"


# --------------------------------------------------------------------------------- icons ----

@pytest.mark.parametrize("size", ICON_SIZES)
def test_icon_exists_at_its_pixel_size(size):
    assert _png_size(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "dlplayground.png") == (size, size)


def test_package_ships_the_window_icons():
    icons = ROOT / "dlplayground" / "qt" / "icons"
    assert (icons / "dlplayground.svg").read_bytes() == (ICONS / "dlplayground.svg").read_bytes()
    for size in (16, 24, 256):
        assert _png_size(icons / f"dlplayground-{size}.png") == (size, size)
    assert "qt/icons/*" in _pyproject()["tool"]["setuptools"]["package-data"]["dlplayground"]


def test_icons_are_rendered_from_their_svg_sources(qapp):
    # qapp first: the script would otherwise create a QGuiApplication, which widgets cannot use.
    render_icons = _load_render_icons()
    assert render_icons.main(["--check"]) == 0, "run python packaging/render_icons.py"


def test_icon_check_notices_a_changed_design(qapp, tmp_path):
    render_icons = _load_render_icons()
    image = render_icons.render(render_icons.source_for(48), 48)
    other = render_icons.render(render_icons.source_for(16), 48)  # another drawing, same size
    target = tmp_path / "icon.png"
    image.save(str(target))
    assert render_icons.same_pixels(image, target)
    assert not render_icons.same_pixels(other, target)
    assert not render_icons.same_pixels(image, tmp_path / "missing.png")


def test_icon_corners_are_transparent(qapp):
    from PySide6.QtGui import QImage

    for size in ICON_SIZES:
        image = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / "dlplayground.png"))
        assert image.hasAlphaChannel()
        assert image.pixelColor(0, 0).alpha() == 0, f"{size} px: the rounded square has no corners"
        assert image.pixelColor(size // 2, size // 2).alpha() == 255


# ---------------------------------------------------------------------------- PyInstaller ----

def test_spec_bundles_files_that_exist():
    for source_glob, destination in _spec_value("DATAS"):
        matches = list(Path(source_glob).parent.glob(Path(source_glob).name))
        assert matches, f"spec DATAS: nothing matches {source_glob}"
        assert not destination.startswith("/")
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    analysis = next(node for node in ast.walk(tree) if isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "Analysis")
    namespace = {"ROOT": ROOT, "str": str}
    entry_script = Path(eval(compile(ast.Expression(analysis.args[0].elts[0]), "spec", "eval"), namespace))
    assert entry_script == PACKAGING / "entry.py" and entry_script.is_file()


def test_spec_bundles_the_examples_where_the_app_looks_for_them():
    destinations = {destination for _, destination in _spec_value("DATAS")}
    assert "assets/examples" in destinations  # dlplayground.resources: sys._MEIPASS/assets/examples
    assert "dlplayground/data" in destinations  # dlplayground.data.files: next to the module
    assert "dlplayground/qt/icons" in destinations


def test_spec_excludes_no_module_the_package_imports():
    excluded = set(_spec_value("EXCLUDES"))
    for path in sorted((ROOT / "dlplayground").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                hits = {".".join(parts[:i]) for i in range(1, len(parts) + 1)} & excluded
                assert not hits, f"{path.relative_to(ROOT)} imports {name}, which the spec excludes"


def _spec_collection_modes() -> dict[str, str]:
    tree = ast.parse(SPEC_FILE.read_text(encoding="utf-8"))
    analysis = next(node for node in ast.walk(tree) if isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "Analysis")
    keyword = next(k for k in analysis.keywords if k.arg == "module_collection_mode")
    return ast.literal_eval(keyword.value)


def test_spec_collects_the_sources_the_script_export_reads(tmp_path, monkeypatch):
    # the training-script export copies module sources (inspect.getsource): in the bundle those
    # modules must be collected as .py files beside the archive, or the export fails there
    import inspect

    from dlplayground.codegen.script import export_project_script
    from dlplayground.graph.io import load_project, project_to_dict

    read: set[str] = set()
    real_getsource = inspect.getsource

    def recording_getsource(thing):
        read.add(inspect.getmodule(thing).__name__)
        return real_getsource(thing)

    monkeypatch.setattr(inspect, "getsource", recording_getsource)
    for example in ("spiral_mlp.dlp.json", "gan_ring.dlp.json"):  # a supervised and a generative script
        path = ROOT / "assets" / "examples" / example
        export_project_script(project_to_dict(load_project(path)), path.parent, tmp_path / example, epochs=1)
    ours = {name for name in read if name.split(".")[0] == "dlplayground"}
    assert {"dlplayground.codegen.loop", "dlplayground.codegen.generative_loop"} <= ours
    modes = _spec_collection_modes()
    missing = sorted(name for name in ours if modes.get(name) != "pyz+py")
    assert not missing, f"spec module_collection_mode lacks {missing} (as 'pyz+py')"


def test_entry_script_runs_the_cli():
    tree = ast.parse((PACKAGING / "entry.py").read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom)]
    assert any(node.module == "dlplayground.cli" and node.names[0].name == "main" for node in imports)


@pytest.mark.parametrize("name", ["build.sh", "install.sh"])
def test_scripts_are_executable_bash(name):
    script = PACKAGING / name
    assert os.access(script, os.X_OK)
    result = subprocess.run(["bash", "-n", str(script)], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr


def test_install_script_installs_and_uninstalls_the_desktop_integration(tmp_path):
    # The installed command is faked: the script only needs it on PATH to point the entry at it.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    command = bin_dir / "dlplayground"
    command.write_text("#!/bin/sh\n")
    command.chmod(0o755)
    prefix = tmp_path / "prefix"
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin"}

    def install(*args: str) -> None:
        result = subprocess.run([str(PACKAGING / "install.sh"), "--prefix", str(prefix), *args],
                                capture_output=True, text=True, timeout=60, env=env)
        assert result.returncode == 0, result.stdout + result.stderr

    install()
    share = prefix / "share"
    desktop = (share / "applications" / "dlplayground.desktop").read_text(encoding="utf-8")
    assert f"Exec={command} %f" in desktop.splitlines()
    assert (share / "metainfo" / METAINFO_FILE.name).read_bytes() == METAINFO_FILE.read_bytes()
    assert (share / "mime" / "packages" / "dlplayground.xml").is_file()
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "dlplayground.png").is_file()

    install("--uninstall")
    assert not (share / "applications" / "dlplayground.desktop").exists()
    assert not list((share / "icons").rglob("dlplayground.*"))
    assert command.exists(), "uninstall must leave a command it did not install"


def test_packaging_extra_installs_pyinstaller():
    extras = _pyproject()["project"]["optional-dependencies"]
    assert any(req.startswith("pyinstaller") for req in extras["packaging"])
