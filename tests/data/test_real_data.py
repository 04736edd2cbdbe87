"""Real data sources: each format loads from small files the tests write, each bad input fails
with a message naming what is wrong, and images stay uint8 until a batch is taken."""

import gzip
import json

import numpy as np
import pytest

from dlplayground.cli import main
from dlplayground.data import DataError, describe, load_dataset
from dlplayground.data.uint8 import ByteImages
from tests.data.realdata_files import (
    cifar_bytes, idx_bytes, mnist_arrays, write_cifar, write_idx, write_image_folder, write_mnist, write_text_csv,
)
from tests.helpers import chain_project


def section(name, val_split=0.25, **params):
    return {"name": name, "params": params, "val_split": val_split, "seed": 0}


@pytest.mark.parametrize("gz", [False, True])
def test_mnist_reads_plain_and_gzipped_idx_into_uint8(tmp_path, gz):
    write_mnist(tmp_path, n_train=120, n_test=40, gz=gz)
    data = load_dataset(section("mnist", path=str(tmp_path)))
    assert isinstance(data.x_train, ByteImages) and data.x_train.raw.dtype == np.uint8
    assert data.input_shape == (1, 28, 28) and len(data.x_train) == 90 and len(data.x_val) == 30
    images, labels = mnist_arrays(120, 0)
    # the held-out samples are the ones the seeded rule picks, with their own labels
    order = np.random.default_rng(0).permutation(120)
    val = np.sort(order[:30])
    assert np.array_equal(data.x_val.raw[:, 0], images[val]) and np.array_equal(data.y_val, labels[val])
    batch = data.x_train[:8]
    assert batch.dtype == np.float32 and abs(float(data.x_train[:].mean())) < 1e-3
    assert abs(float(np.asarray(data.x_train).std()) - 1) < 1e-3


def test_val_split_test_and_subset(tmp_path):
    write_mnist(tmp_path, n_train=100, n_test=30, gz=True)
    data = load_dataset(section("fashion_mnist", "test", path=str(tmp_path), subset=50))
    assert len(data.x_train) == 50 and len(data.x_val) == 30
    assert np.array_equal(data.y_val, mnist_arrays(30, 1)[1])
    assert data.class_names[0] == "T-shirt/top"
    with pytest.raises(DataError, match="official test split"):
        load_dataset({"name": "spiral", "val_split": "test"})


def test_describe_of_the_standard_sets_reads_no_file(tmp_path):
    info = describe(section("cifar10", path=str(tmp_path / "absent"), download=True))
    assert info.input_shape == (3, 32, 32) and info.class_names[0] == "airplane"


@pytest.mark.parametrize("inside", [False, True])
def test_cifar10_binary_directly_or_in_its_subfolder(tmp_path, inside):
    write_cifar(tmp_path / "cifar-10-batches-bin" if inside else tmp_path, per_file=20, test=10)
    data = load_dataset(section("cifar10", "test", path=str(tmp_path)))
    assert data.input_shape == (3, 32, 32) and len(data.x_train) == 100 and len(data.x_val) == 10
    # records are read in file order: sample 20 is the first of data_batch_2
    assert data.x_train.raw[20, 0, 0, 0] == 1 and data.x_val.raw[0, 0, 0, 0] == 5


def test_image_folder_png_and_jpeg_with_defaults_and_resizing(tmp_path):
    write_image_folder(tmp_path / "pics", per_class=6, size=(12, 10))
    data = load_dataset(section("image_folder", path=str(tmp_path / "pics")))
    assert data.class_names == ("cats", "dogs") and data.input_shape == (3, 12, 10)
    resized = load_dataset(section("image_folder", path=str(tmp_path / "pics"), size=[8, 8], channels=1))
    assert resized.input_shape == (1, 8, 8)
    # dogs are brighter than cats in every image
    raw = resized.x_train.raw.reshape(len(resized.y_train), -1).mean(axis=1)
    assert raw[resized.y_train == 1].min() > raw[resized.y_train == 0].max()


def test_image_folder_of_grey_images_has_one_channel(tmp_path):
    write_image_folder(tmp_path, per_class=3, grey=True)
    assert load_dataset(section("image_folder", path=str(tmp_path))).input_shape[0] == 1


def test_a_corrupt_image_is_named_or_skipped_and_listed(tmp_path):
    write_image_folder(tmp_path, per_class=4)
    bad = tmp_path / "dogs" / "broken.png"
    bad.write_bytes(b"\x89PNG not really")
    with pytest.raises(DataError, match="cannot decode .*broken.png"):
        load_dataset(section("image_folder", path=str(tmp_path)))
    with pytest.warns(UserWarning, match="left out 1 image.*broken.png"):
        data = load_dataset(section("image_folder", path=str(tmp_path), skip_bad=True))
    assert len(data.x_train) + len(data.x_val) == 8


def test_a_class_folder_without_images(tmp_path):
    write_image_folder(tmp_path, per_class=2)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no pictures here")
    with pytest.raises(DataError, match="class folder .*empty holds no images"):
        load_dataset(section("image_folder", path=str(tmp_path)))


@pytest.mark.parametrize("mutate, message", [
    (lambda b: b"\x00\x00\x09\x03" + b[4:], "magic number 00000903, expected 00000803"),
    (lambda b: b[:-100], "truncated: the header announces"),
    (lambda b: b"\x00\x00", "magic number"),
])
def test_bad_idx_files_are_named(tmp_path, mutate, message):
    write_mnist(tmp_path, n_train=20, n_test=10)
    target = tmp_path / "train-images-idx3-ubyte"
    target.write_bytes(mutate(target.read_bytes()))
    with pytest.raises(DataError, match=f"train-images-idx3-ubyte.*{message}"):
        load_dataset(section("mnist", path=str(tmp_path)))


def test_truncated_gzip_and_labels_out_of_range(tmp_path):
    write_mnist(tmp_path, n_train=20, n_test=10)
    labels = tmp_path / "train-labels-idx1-ubyte"
    labels.write_bytes(idx_bytes(np.full(20, 12, np.uint8)))
    with pytest.raises(DataError, match="label 12 at sample 0 is outside the class range 0..9"):
        load_dataset(section("mnist", path=str(tmp_path)))
    images = tmp_path / "train-images-idx3-ubyte"
    images.unlink()
    (tmp_path / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(mnist_arrays(20)[0]))[:-30])
    with pytest.raises(DataError, match="train-images-idx3-ubyte.gz"):
        load_dataset(section("mnist", path=str(tmp_path)))


def test_missing_files_say_how_to_get_them(tmp_path):
    write_idx(tmp_path / "train-images-idx3-ubyte", mnist_arrays(10)[0])
    with pytest.raises(DataError, match=r"lacks train-labels-idx1-ubyte.*download\": true"):
        load_dataset(section("mnist", path=str(tmp_path)))


def test_cifar_file_of_the_wrong_size_and_bad_labels(tmp_path):
    write_cifar(tmp_path, per_file=4, test=4)
    (tmp_path / "data_batch_3.bin").write_bytes(b"\x00" * 3000)
    with pytest.raises(DataError, match="data_batch_3.bin: 3000 bytes is not a whole number of 3073"):
        load_dataset(section("cifar10", path=str(tmp_path)))
    (tmp_path / "data_batch_3.bin").write_bytes(cifar_bytes(np.zeros((2, 3, 32, 32), np.uint8), [3, 10]))
    with pytest.raises(DataError, match="label 10 at sample 9 is outside the class range"):
        load_dataset(section("cifar10", path=str(tmp_path)))


def test_text_csv_with_quoted_fields(tmp_path):
    path = write_text_csv(tmp_path / "r.csv", rows=40)
    data = load_dataset(section("text", 0.25, path=str(path), text="review", target="label", max_len=6,
                                vocab_size=8))
    assert data.x_train.dtype == np.int64 and data.input_shape == (6,)
    assert data.class_names == ("neg", "pos") and np.all(data.std == 1) and np.all(data.mean == 0)
    assert data.x_train.max() <= 7 and data.x_train.min() >= 0
    # 8 ids: pad, unknown and the 6 most frequent training words; the comma inside quotes is a word
    assert len(data.vocabulary) == 6 and "," in data.vocabulary and "film" in data.vocabulary
    assert (data.x_train == 1).any()  # the numbers fall outside the vocabulary


def test_text_vocabulary_comes_from_the_training_split_only(tmp_path):
    lines = ["text,label"] + [f"common word{i},{i % 2}" for i in range(20)]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n")
    data = load_dataset(section("text", 0.5, path=str(path), text="text", target="label", max_len=3))
    order = np.random.default_rng(0).permutation(20)
    val_words = {f"word{i}" for i in order[:10]}
    assert not val_words & set(data.vocabulary) and data.class_names == ("0", "1")
    assert np.all(data.x_val[:, 1] == 1)  # every validation word is unknown


@pytest.mark.parametrize("text, message", [
    ("review,label\n,pos\n  ,neg\n", "text column 'review' is empty"),
    ("body,label\nhello,pos\n", "no column 'review' (columns: body, label)"),
    ("review,label\nhi,pos\nhey,\n", "line 3, column 'label' is empty"),
    ('review,label\n"a, b",pos\na, b,neg\n', "line 3 has 3 cells"),
])
def test_bad_text_files(tmp_path, text, message):
    path = tmp_path / "r.csv"
    path.write_text(text)
    with pytest.raises(DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_dataset(section("text", 0.5, path=str(path), text="review", target="label"))


def test_huge_requests_are_refused_before_allocating(tmp_path, monkeypatch):
    write_mnist(tmp_path, n_train=100, n_test=10)
    monkeypatch.setenv("DLPLAYGROUND_MAX_DATA_BYTES", "10000")
    with pytest.raises(DataError, match=r"train-images-idx3-ubyte needs about 76.6 KiB \(100 x 28 x 28 uint8 values\), more than the 9.8 KiB limit"):
        load_dataset(section("mnist", path=str(tmp_path)))


def test_augment_is_checked(tmp_path):
    with pytest.raises(DataError, match="unknown parameter 'zoom'"):
        load_dataset({"name": "digits", "augment": {"zoom": 2}})
    with pytest.raises(DataError, match="image datasets only"):
        load_dataset({"name": "spiral", "augment": {"hflip": True}})
    assert load_dataset({"name": "digits", "augment": {"hflip": True, "rotate": 5}}).augment.rotate == 5


def _mlp_project(tmp_path, data, **training):
    return chain_project(("flat", "Flatten", {}), ("fc", "Linear", {"out_features": 10}), data=data,
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01},
                                   "batch_size": 16, "epochs": 2, "seed": 0, **training})


def test_cli_trains_on_mnist_files_and_bad_data_exits_2(tmp_path, capsys):
    write_mnist(tmp_path / "m", n_train=80, n_test=20, gz=True)
    project = _mlp_project(tmp_path, {"name": "mnist", "params": {"path": "m"}, "val_split": "test", "seed": 0,
                                      "augment": {"crop_padding": 2}})
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]) == 0
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["final"]["val_acc"] is not None
    (tmp_path / "m" / "t10k-labels-idx1-ubyte.gz").write_bytes(b"junk")
    capsys.readouterr()
    assert main(["train", str(path), "--out", str(tmp_path / "run2"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "t10k-labels-idx1-ubyte.gz" in err and "Traceback" not in err
    assert not (tmp_path / "run2").exists()


def test_embedding_smaller_than_the_vocabulary_is_a_problem(tmp_path, capsys):
    path = write_text_csv(tmp_path / "r.csv")
    project = chain_project(("emb", "Embedding", {"num_embeddings": 50, "embedding_dim": 4}),
                            ("gru", "GRU", {"hidden_size": 4}), ("fc", "Linear", {"out_features": 2}),
                            data={"name": "text", "params": {"path": path.name, "text": "review", "target": "label",
                                                             "max_len": 8, "vocab_size": 100}})
    (tmp_path / "p.dlp.json").write_text(json.dumps(project))
    assert main(["train", str(tmp_path / "p.dlp.json"), "--out", str(tmp_path / "run"), "--quiet"]) == 2
    assert "node 'emb' (Embedding) has num_embeddings 50" in capsys.readouterr().err


def test_image_folder_reads_png_jpeg_bmp_and_gif(tmp_path):
    from PIL import Image

    write_image_folder(tmp_path, per_class=8, size=(6, 5), formats=("png", "jpg", "bmp", "gif"))
    suffixes = {p.suffix for p in tmp_path.rglob("*.*")}
    assert suffixes == {".png", ".jpg", ".bmp", ".gif"}
    data = load_dataset(section("image_folder", 0.0, path=str(tmp_path)))
    assert data.input_shape == (3, 6, 5) and len(data.x_train) == 16
    # samples keep the sorted file order of each class: compare each with Pillow's own decoding
    files = sorted((tmp_path / "cats").iterdir()) + sorted((tmp_path / "dogs").iterdir())
    for raw, path in zip(data.x_train.raw, files):
        expected = np.asarray(Image.open(path).convert("RGB")).transpose(2, 0, 1)
        assert np.array_equal(raw, expected), path.name


def test_describe_of_an_image_folder_reads_headers_only(tmp_path, monkeypatch):
    from dlplayground.data import images

    write_image_folder(tmp_path / "pics", per_class=3, size=(9, 7), grey=True)
    expected = load_dataset(section("image_folder", path=str(tmp_path / "pics")))
    monkeypatch.setattr(images, "load_image_folder", lambda *a: pytest.fail("describe decoded the images"))
    info = describe(section("image_folder", path=str(tmp_path / "pics")))
    assert info.input_shape == expected.input_shape == (1, 9, 7) and info.class_names == ("cats", "dogs")
    assert describe(section("image_folder", path=str(tmp_path / "pics"), size=[4, 4])).input_shape == (1, 4, 4)


def test_the_fast_ascii_tokenizer_splits_as_the_regular_expression():
    from dlplayground.data import text

    rng = np.random.default_rng(0)
    alphabet = np.array([chr(c) for c in range(128)] + ["é", "—", "ß", "日"])
    for length in (0, 1, 5, 40, 300):
        for _ in range(60):
            sample = "".join(rng.choice(alphabet, length))
            for lowercase in (False, True):
                folded = sample.lower() if lowercase else sample
                assert text.tokenize(sample, lowercase) == text._TOKEN.findall(folded), repr(sample)
    assert text.tokenize('It\'s "great", isn_t it?!') == ["it", "'", "s", '"', "great", '"', ",", "isn_t", "it",
                                                          "?", "!"]


def test_token_codes_give_the_vocabulary_and_ids_of_the_plain_definition():
    from collections import Counter

    from dlplayground.data import text

    rng = np.random.default_rng(3)
    words = ["a", "b", "c", "dd", "E", "f!", "g,h", "Ü"]
    texts = [" ".join(rng.choice(words, rng.integers(0, 12))) for _ in range(300)]
    rows = rng.permutation(300)[:200]
    tokens = text.Tokens(texts)
    vocabulary = tokens.vocabulary(rows, 7)
    counts = Counter(w for i in rows for w in text.tokenize(texts[i]))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert vocabulary == {w: i + 2 for i, (w, _) in enumerate(ranked)}
    ids = tokens.encode(vocabulary, 6)
    for row, sample in zip(ids, texts):
        expected = [vocabulary.get(w, text.UNKNOWN) for w in text.tokenize(sample)[:6]]
        assert row.tolist() == expected + [0] * (6 - len(expected))


def test_describing_a_text_file_reads_it_once_per_version(tmp_path, monkeypatch):
    import os

    from dlplayground.data import text

    path = write_text_csv(tmp_path / "r.csv")
    reads = []
    real_read = text.read_columns
    monkeypatch.setattr(text, "read_columns", lambda *a: reads.append(a) or real_read(*a))
    for max_len in (8, 9, 10):  # edits of other options do not read the file again
        info = describe(section("text", path=str(path), text="review", target="label", max_len=max_len))
        assert info.input_shape == (max_len,) and info.class_names == ("neg", "pos")
    assert len(reads) == 1
    path.write_text("review,label\nok,a\nfine,b\nmeh,c\n")
    os.utime(path, ns=(1, 1))  # a new version: size and time differ
    assert describe(section("text", path=str(path), text="review", target="label")).class_names == ("a", "b", "c")
    assert len(reads) == 2


def test_text_splits_hold_the_ids_of_their_own_rows(tmp_path):
    lines = ["text,label"] + [f"w{i} x{i % 3},{i % 2}" for i in range(30)]
    path = tmp_path / "t.csv"
    path.write_text("\n".join(lines) + "\n")
    data = load_dataset(section("text", 0.3, path=str(path), text="text", target="label", max_len=2))
    val = np.random.default_rng(0).permutation(30)[:9]
    words = ("<pad>", "<unknown>", *data.vocabulary)
    # a training text's first word names its row, and its label is that row's
    seen = set()
    for ids, label in zip(data.x_train.tolist(), data.y_train.tolist()):
        row = int(words[ids[0]][1:])
        assert label == row % 2 and words[ids[1]] == f"x{row % 3}" and row not in val
        seen.add(row)
    assert len(seen) == 21
    # a validation text's first word is unknown (seen in training only), its second is known
    assert np.all(data.x_val[:, 0] == 1) and len(data.x_val) == 9
    assert sorted(words[i] for i in data.x_val[:, 1]) == sorted(f"x{i % 3}" for i in val)
    assert sorted(data.y_val.tolist()) == sorted(int(i % 2) for i in val)
