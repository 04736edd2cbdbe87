"""Downloads against a local HTTP server: checksums checked, partial files resumed or removed,
no network reported clearly. Nothing here touches the real network."""

import hashlib
import http.server
import threading
from functools import partial

import pytest

from dlplayground.data import DataError, download, idx, load_dataset
from tests.data.realdata_files import idx_bytes, mnist_arrays


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, honouring ``Range: bytes=N-`` (the stdlib handler ignores it)."""

    ranges: list = []

    def log_message(self, *args):
        pass

    def send_head(self):
        header = self.headers.get("Range")
        path = self.translate_path(self.path)
        if header is None:
            return super().send_head()
        start = int(header.split("=")[1].rstrip("-"))
        type(self).ranges.append(start)
        data = open(path, "rb").read()
        self.send_response(206)
        self.send_header("Content-Length", str(len(data) - start))
        self.end_headers()
        import io
        return io.BytesIO(data[start:])


@pytest.fixture
def server(tmp_path):
    served = tmp_path / "served"
    served.mkdir()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(served)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield served, f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def _remote(served, url, name, data, md5=None):
    (served / name).write_bytes(data)
    return download.Remote(name, (url + name,), md5 or hashlib.md5(data).hexdigest())


def test_fetch_checks_the_checksum_and_resumes_a_partial_file(server, tmp_path):
    served, url = server
    data = bytes(range(256)) * 1000
    remote = _remote(served, url, "f.bin", data)
    out = tmp_path / "out"
    out.mkdir()
    (out / "f.bin.part").write_bytes(data[:1000])
    seen = []
    _Handler.ranges = []
    path = download.fetch(remote, out, lambda name, done, total: seen.append((done, total)))
    assert path.read_bytes() == data and not (out / "f.bin.part").exists()
    assert _Handler.ranges == [1000] and seen[-1] == (len(data), len(data))


def test_a_wrong_checksum_removes_the_file_and_says_so(server, tmp_path):
    served, url = server
    remote = _remote(served, url, "f.bin", b"tampered", md5="0" * 32)
    with pytest.raises(DataError, match="checksum .* does not match the published 0000"):
        download.fetch(remote, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_no_network_is_a_clear_message(tmp_path):
    remote = download.Remote("f.bin", ("http://127.0.0.1:9/f.bin",), "0" * 32)
    with pytest.raises(DataError, match="(?s)cannot download f.bin .*no network.*\n  http://127.0.0.1:9/f.bin: "
                                        "the server refused the connection\n.*download\": false"):
        download.fetch(remote, tmp_path)


def test_each_mirror_that_fails_gets_a_line_saying_why(server, tmp_path):
    served, url = server
    good = _remote(served, url, "f.bin", b"payload")
    remote = download.Remote("f.bin", (url + "missing/f.bin", "http://127.0.0.1:9/f.bin"), "0" * 32)
    with pytest.raises(DataError) as raised:
        download.fetch(remote, tmp_path / "out")
    lines = str(raised.value).splitlines()
    assert lines[1:3] == [f"  {url}missing/f.bin: the server answered HTTP 404 File not found",
                          "  http://127.0.0.1:9/f.bin: the server refused the connection"], lines
    # a mirror that serves a wrong file is named with both digests
    wrong = download.Remote("f.bin", good.urls, "0" * 32)
    with pytest.raises(DataError, match=f"\n  {url}f.bin: checksum {good.md5} does not match the published 0{{32}}\n"):
        download.fetch(wrong, tmp_path / "out")


def test_mnist_download_true_fetches_the_four_files(server, tmp_path, monkeypatch):
    import gzip

    served, url = server
    train, test = mnist_arrays(40, 0), mnist_arrays(10, 1)
    remotes = tuple(_remote(served, url, stem + ".gz", gzip.compress(idx_bytes(array)))
                    for stem, array in zip(idx.FILES, (*train, *test)))
    monkeypatch.setitem(idx.REMOTES, "mnist", remotes)
    monkeypatch.setattr(download, "_progress_factory", lambda: None)
    data = load_dataset({"name": "mnist", "params": {"path": str(tmp_path / "m"), "download": True},
                         "val_split": "test"})
    assert len(data.x_train) == 40 and len(data.x_val) == 10
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == sorted(r.name for r in remotes)


def test_cifar_download_extracts_only_the_six_batch_files(server, tmp_path, monkeypatch):
    import io
    import tarfile

    from dlplayground.data import cifar
    from tests.data.realdata_files import write_cifar

    served, url = server
    files = write_cifar(tmp_path / "src", per_file=3, test=2)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(files.iterdir()):
            tar.add(path, arcname=f"cifar-10-batches-bin/{path.name}")
        evil = tarfile.TarInfo("../evil.txt")
        evil.size = 4
        tar.addfile(evil, io.BytesIO(b"evil"))
    monkeypatch.setattr(cifar, "REMOTE", _remote(served, url, "cifar-10-binary.tar.gz", buffer.getvalue()))
    monkeypatch.setattr(download, "_progress_factory", lambda: None)
    target = tmp_path / "dest" / "c"
    data = load_dataset({"name": "cifar10", "params": {"path": str(target), "download": True}, "val_split": "test"})
    assert len(data.x_train) == 15 and len(data.x_val) == 2
    assert not (tmp_path / "dest" / "evil.txt").exists() and not (target / "evil.txt").exists()
    assert len(list((target / "cifar-10-batches-bin").iterdir())) == 6


def test_the_cli_progress_bar_shows_each_file(server, tmp_path, capsys):
    served, url = server
    data = bytes(200_000)
    remote = _remote(served, url, "big.bin", data)
    download.fetch(remote, tmp_path / "out", download.tqdm_progress())
    err = capsys.readouterr().err
    assert "big.bin" in err and "100%" in err and "200k" in err
