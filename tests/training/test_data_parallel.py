"""Data-parallel pieces in one process: batch splitting, the launcher's report, a one-rank
process group against the plain trainer, devices. (Several ranks: tests/commands/test_train_ranks.py.)"""

import socket
import types

import pytest
import torch

from dlplayground.training import TrainingConfigError, prepare_training
from dlplayground.training.data_parallel import (
    CpuSyncBatchNorm,
    DataParallel,
    SingleProcess,
    pick_device,
    shard_bounds,
    sync_batchnorm,
    under_torchrun,
)
from dlplayground.training.launch import PEER_LOST_EXIT, Topology, describe_failure
from tests.helpers import chain_project


def bn_project(**training):
    settings = {"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
                "batch_size": 13, "epochs": 2, "seed": 3, **training}
    return chain_project(("fc1", "Linear", {"out_features": 12}), ("bn", "BatchNorm1d", {}), ("a", "ReLU", {}),
                         ("fc2", "Linear", {"out_features": 3}),
                         data={"name": "spiral", "params": {"samples": 117, "classes": 3}, "val_split": 0.2, "seed": 0},
                         training=settings)


@pytest.mark.parametrize("world", [1, 2, 3, 5])
def test_shards_cover_each_batch_in_order_and_differ_by_at_most_one(world):
    for count in range(0, 23):
        bounds = [shard_bounds(count, rank, world) for rank in range(world)]
        assert bounds[0][0] == 0 and bounds[-1][1] == count
        assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))  # contiguous, in rank order
        sizes = [stop - start for start, stop in bounds]
        assert max(sizes) - min(sizes) <= 1


def test_one_process_changes_nothing():
    single = SingleProcess()
    batch = torch.arange(7)
    assert single.shard(batch) is batch and single.eval_bounds(9) == (0, 9) and single.all_sum(2.5, 3) == (2.5, 3)
    assert not single.distributed and single.world_size == 1 and single.device is None


def test_torchrun_is_recognised_by_its_variables():
    full = {"RANK": "0", "WORLD_SIZE": "2", "LOCAL_RANK": "0", "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": "1"}
    assert under_torchrun(full)
    assert not under_torchrun({k: v for k, v in full.items() if k != "MASTER_PORT"})


def test_sync_batchnorm_keeps_the_parameters_and_the_state_dict_keys():
    setup = prepare_training(bn_project())
    model = setup.model
    before = dict(model.state_dict())
    params = list(model.parameters())
    sync_batchnorm(model, "cpu")
    bn = model.layers[model.node_ids["bn"]]
    assert isinstance(bn, CpuSyncBatchNorm)
    assert list(model.parameters()) == params  # the same objects: an optimiser made before still works
    assert model.state_dict().keys() == before.keys()
    x = torch.randn(9, 2)
    model.train()
    plain = prepare_training(bn_project()).model.train()
    assert torch.allclose(model(x), plain(x))  # one process: a plain BatchNorm


def test_a_one_rank_process_group_trains_as_one_process(monkeypatch):
    """The whole distributed path (process group, DDP, sharding, reductions) in this process."""
    plain = prepare_training(bn_project()).trainer()
    plain.run()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    for name, value in {"RANK": "0", "WORLD_SIZE": "1", "LOCAL_RANK": "0", "LOCAL_WORLD_SIZE": "1",
                        "MASTER_ADDR": "127.0.0.1", "MASTER_PORT": str(port)}.items():
        monkeypatch.setenv(name, value)
    parallel = DataParallel.from_environment("cpu")
    try:
        setup = prepare_training(bn_project())
        ranked = setup.trainer(parallel=parallel)
        assert type(ranked.objective.networks["model"]).__name__ == "DistributedDataParallel"
        ranked.run()
    finally:
        parallel.close()
    assert parallel.backend == "gloo" and ranked.device == torch.device("cpu")
    for a, b in zip(plain.state.history, ranked.state.history):
        assert a.train_loss == pytest.approx(b.train_loss, rel=1e-6) and a.val_acc == pytest.approx(b.val_acc)
    for key, value in plain.model.state_dict().items():
        assert torch.allclose(value.float(), ranked.model.state_dict()[key].float(), rtol=1e-5, atol=1e-7), key


def test_devices_resolve_and_absent_ones_are_named():
    expected = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
    assert pick_device("auto").type == expected
    assert pick_device("cpu").type == "cpu"
    if not torch.backends.mps.is_available():
        with pytest.raises(ValueError, match="no Apple-silicon GPU"):
            pick_device("mps")
        with pytest.raises(TrainingConfigError, match="training.device: device 'mps'"):
            prepare_training(bn_project(), device="mps").trainer()


def test_topology_problems_name_the_option():
    assert Topology(2).problems() == []
    assert "--nproc-per-node" in Topology(0).problems()[0]
    assert "--node-rank must be between 0 and 1" in Topology(2, nnodes=2, node_rank=2, master_addr="h").problems()[0]
    assert "--master-addr" in Topology(2, nnodes=2).problems()[0]
    assert "--master-port" in Topology(2, master_port=70000).problems()[0]
    assert Topology(4, 2, 1, "10.0.0.1", 29400).torchrun_args() == [
        "--nproc-per-node", "4", "--nnodes", "2", "--node-rank", "1", "--master-addr", "10.0.0.1",
        "--master-port", "29400"]


def failure(local_rank, exitcode, pid=100):
    signal_name = {-9: "SIGKILL", -15: "SIGTERM"}.get(exitcode, "<N/A>")
    return types.SimpleNamespace(local_rank=local_rank, exitcode=exitcode, pid=pid, signal_name=lambda: signal_name)


def test_the_failure_report_names_the_rank_that_failed_first():
    # rank 1 was killed; rank 0 lost its partner; rank 2 was stopped by the launcher
    report = describe_failure({0: failure(0, PEER_LOST_EXIT), 1: failure(1, -9, pid=4242), 2: failure(2, -15)})
    text = str(report)
    assert text.startswith("rank 1 (local rank 1 on ") and "process 4242) was killed by signal SIGKILL" in text
    assert "no run folder was written" in text and "(ranks 0, 2 stopped with it)" in text
    assert report.exit_code == 1
    # every rank refused the project (exit 2): a user error, each rank said why
    both = describe_failure({0: failure(0, 2), 1: failure(1, 2)})
    assert both.exit_code == 2 and "rank 0" in str(both) and "rank 1" in str(both) and "exited with code 2" in str(both)
