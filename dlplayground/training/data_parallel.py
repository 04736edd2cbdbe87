"""Data-parallel training over ``torch.distributed``: what each rank does at every step.

A run started by torchrun (``dlplayground train --nproc-per-node N``, or ``torchrun ... -m
dlplayground train``) has ``WORLD_SIZE`` processes, the ranks. Every rank loads the same data,
seeds the same generator and so draws the same shuffled order; each step's global batch is the
one a single-process run takes, and rank ``r`` trains on its contiguous part of it
(:func:`shard_bounds`: sizes differ by at most one, a part may be empty when the batch has
fewer samples than there are ranks). Each rank scales its mean loss by ``count * world / total``
before ``backward()``, so that after DistributedDataParallel averages the gradients over the
ranks they are those of the mean loss over the global batch however unequal the parts are.
BatchNorm takes its statistics over the global batch (torch's ``SyncBatchNorm`` on CUDA; on the
CPU, where that class refuses to run, :class:`CpuSyncBatchNorm`). Validation is split the same
way and its sums are added up over the ranks. The result repeats a one-process run up to the
order in which floating-point sums are taken.

:class:`SingleProcess` is the same interface for one process, doing nothing extra; the Trainer
and the exported script's loop call one or the other.

This module imports only the standard library and torch: the training-script export copies its
source into every ``train.py``, so that the app and the script split and weight batches alike.
"""
import datetime
import os

import torch
import torch.distributed as dist
from torch import nn

from dlplayground.graph.text import tx

#: the environment torchrun gives each process it starts
TORCHRUN_VARIABLES = ("RANK", "WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT")
#: how long a collective waits for a silent rank before giving up (a dead rank is noticed at
#: once: its sockets close; this is for one that hangs)
COLLECTIVE_TIMEOUT = datetime.timedelta(minutes=10)


def under_torchrun(environ=None):
    """Whether this process is one of the ranks torchrun started."""
    environ = os.environ if environ is None else environ
    return all(name in environ for name in TORCHRUN_VARIABLES)


def shard_bounds(count, rank, world_size):
    """``(start, stop)`` of rank ``rank``'s contiguous part of ``count`` samples."""
    return count * rank // world_size, count * (rank + 1) // world_size


def pick_device(name):
    """``auto`` -> CUDA, then Apple's MPS, then the CPU; a named device that is absent raises
    ValueError saying so."""
    mps = getattr(torch.backends, "mps", None)
    has_mps = mps is not None and mps.is_available()
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "mps" if has_mps else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise ValueError(tx("device 'cuda' was asked for, but torch finds no CUDA GPU here (torch.cuda.is_available() "
                            "is False): use --device cpu or auto"))
    if name == "mps" and not has_mps:
        raise ValueError(tx("device 'mps' was asked for, but this machine has no Apple-silicon GPU that torch can "
                            "use (torch.backends.mps.is_available() is False): use --device cpu or auto"))
    return torch.device(name)


class SingleProcess:
    """One process trains on every sample of every batch: nothing to split or add up."""

    rank = 0
    world_size = 1
    local_rank = 0
    local_world_size = 1
    is_main = True
    distributed = False
    backend = None
    #: the device every rank uses (None: the run's settings decide)
    device = None

    def wrap(self, model):
        """The module the training loop calls (the model itself)."""
        return model

    def shard(self, batch):
        """This rank's part of a global batch (all of it)."""
        return batch

    def scaled_loss(self, loss, outputs, count, total):
        """What this rank calls ``backward()`` on: its mean loss over its ``count`` samples of
        a global batch of ``total``, weighted so that the gradients averaged over the ranks are
        those of the global batch's mean loss (one process: the loss itself)."""
        return loss

    def mean_over_ranks(self, scaled):
        """The global batch's mean loss from every rank's :meth:`scaled_loss` (a tensor)."""
        return scaled.detach()

    def train_accuracy(self, predictions, labels, seen, batch_size):
        """The share of correct ``predictions`` (one tensor a batch) over an epoch's ``seen``
        training samples."""
        return (torch.cat(predictions) == labels[:seen]).float().mean().item()

    def eval_bounds(self, count):
        """``(start, stop)`` of the validation samples this rank evaluates."""
        return 0, count

    def all_sum(self, *values):
        """Sums over the ranks of Python numbers (the numbers themselves here)."""
        return values

    def close(self, finished=False):
        pass


class DataParallel(SingleProcess):
    """One rank of a data-parallel run; its process group is joined by :meth:`from_environment`."""

    distributed = True

    def __init__(self, rank, world_size, local_rank, local_world_size, device):
        self.rank, self.world_size = rank, world_size
        self.local_rank, self.local_world_size = local_rank, local_world_size
        self.is_main = rank == 0
        self.device = device
        self.backend = dist.get_backend() if dist.is_initialized() else None

    @classmethod
    def from_environment(cls, device_name="auto", environ=None):
        """Join the process group torchrun describes in the environment: NCCL for CUDA,
        gloo for the CPU (one CUDA device per local rank)."""
        environ = os.environ if environ is None else environ
        rank, world_size = int(environ["RANK"]), int(environ["WORLD_SIZE"])
        local_rank = int(environ["LOCAL_RANK"])
        local_world_size = int(environ.get("LOCAL_WORLD_SIZE", world_size))
        if device_name == "auto":
            device_name = "cuda" if torch.cuda.is_available() else "cpu"
        device = pick_device(device_name)
        if device.type == "cuda":
            if local_rank >= torch.cuda.device_count():
                raise ValueError(f"rank {rank} is local rank {local_rank}, but this machine has "
                                 f"{torch.cuda.device_count()} CUDA GPU(s): start at most that many processes per node")
            device = torch.device("cuda", local_rank)
            torch.cuda.set_device(device)
            backend = "nccl"
        elif device.type == "cpu":
            backend = "gloo"
        else:
            raise ValueError(f"device '{device.type}' cannot train with several processes (torch.distributed has "
                             "no backend for it): use --device cuda or cpu, or train in one process")
        if not dist.is_initialized():
            dist.init_process_group(backend, timeout=COLLECTIVE_TIMEOUT)
        return cls(rank, world_size, local_rank, local_world_size, device)

    # -- the model ------------------------------------------------------------------------
    def wrap(self, model):
        """BatchNorm made global, then DistributedDataParallel around the model (which sends
        rank 0's weights to every rank)."""
        sync_batchnorm(model, self.device.type)
        from torch.nn.parallel import DistributedDataParallel

        device_ids = [self.device.index] if self.device.type == "cuda" else None
        # buffers (BatchNorm's running statistics) are computed from global statistics, so
        # every rank already holds the same ones: broadcasting them each step would be waste
        # (newer torch names the switch forward_sync_buffers)
        import inspect

        names = inspect.signature(DistributedDataParallel).parameters
        no_sync = {"forward_sync_buffers" if "forward_sync_buffers" in names else "broadcast_buffers": False}
        wrapped = DistributedDataParallel(model, device_ids=device_ids, **no_sync)
        # the ranks built the model from one seed; from here on each draws its own random numbers
        # (dropout masks), else every rank would drop the same units of its part of the batch
        if self.rank:
            torch.manual_seed(torch.initial_seed() + self.rank)
        return wrapped

    # -- a step ---------------------------------------------------------------------------
    def shard(self, batch):
        start, stop = shard_bounds(len(batch), self.rank, self.world_size)
        return batch[start:stop]

    def scaled_loss(self, loss, outputs, count, total):
        if count == 0:
            # no samples here (a last batch smaller than the ranks): zero gradients, but this
            # rank still takes part in the gradient exchange
            return outputs.sum() * 0.0
        # DDP divides the summed gradients by world_size: weight this part by its share of
        # the global batch, so the result is the gradient of the global batch's mean loss
        return loss * (count * self.world_size / total)

    def mean_over_ranks(self, scaled):
        total = scaled.detach().to(torch.float64)
        dist.all_reduce(total)
        return total / self.world_size

    def train_accuracy(self, predictions, labels, seen, batch_size):
        mine = torch.cat([self.shard(labels[start:min(start + batch_size, seen)])
                          for start in range(0, seen, batch_size)])
        correct = (torch.cat(predictions) == mine).sum().to(torch.float64)
        totals = torch.stack([correct, torch.tensor(float(len(mine)), dtype=torch.float64, device=correct.device)])
        dist.all_reduce(totals)
        return (totals[0] / totals[1]).item()

    # -- evaluation -----------------------------------------------------------------------
    def eval_bounds(self, count):
        return shard_bounds(count, self.rank, self.world_size)

    def all_sum(self, *values):
        totals = torch.tensor([float(v) for v in values], dtype=torch.float64, device=self.device)
        dist.all_reduce(totals)
        return tuple(totals.tolist())

    def close(self, finished=False):
        """Leave the process group. After a finished run, first wait for every rank to get
        here: a rank that tears its connections down while rank 0 still writes the run folder
        can abort in gloo's threads ("terminate called without an active exception"). After a
        failure no rank waits: a partner may be gone."""
        if not dist.is_initialized():
            return
        if finished:
            dist.barrier()
        dist.destroy_process_group()


class CpuSyncBatchNorm(nn.modules.batchnorm._BatchNorm):
    """BatchNorm over the global batch for CPU ranks (``nn.SyncBatchNorm`` runs on GPUs only).

    In training, the per-channel sums and then the sums of squared deviations are added up over
    the ranks with autograd-aware all-reduces, so the gradients also flow across the ranks;
    otherwise (evaluation, one rank) it is a plain BatchNorm. Same parameters and buffers as
    the BatchNorm it replaces, so the weights file keeps its keys.
    """

    def _check_input_dim(self, input):
        if input.dim() < 2:
            raise ValueError(f"expected a 2-D or larger input, got {input.dim()}-D")

    def forward(self, input):
        self._check_input_dim(input)
        if not (self.training and dist.is_initialized() and dist.get_world_size() > 1):
            return super().forward(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.track_running_stats and self.num_batches_tracked is not None:
            self.num_batches_tracked.add_(1)
            factor = 1.0 / float(self.num_batches_tracked) if self.momentum is None else self.momentum
        dims = [0] + list(range(2, input.dim()))
        shape = [1, -1] + [1] * (input.dim() - 2)
        count = torch.tensor([input.numel() // max(input.size(1), 1)], dtype=input.dtype, device=input.device)
        sums = SumOverRanks.apply(torch.cat([input.sum(dims), count]))
        total = sums[-1].detach()
        mean = sums[:-1] / total
        centred = input - mean.view(shape)
        var = SumOverRanks.apply((centred * centred).sum(dims)) / total
        output = centred * torch.rsqrt(var + self.eps).view(shape)
        if self.affine:
            output = output * self.weight.view(shape) + self.bias.view(shape)
        if self.track_running_stats and self.running_mean is not None:
            with torch.no_grad():  # the unbiased variance, as F.batch_norm keeps it
                unbiased = var.detach() * (total / max(float(total) - 1.0, 1.0))
                self.running_mean.mul_(1 - factor).add_(mean.detach(), alpha=factor)
                self.running_var.mul_(1 - factor).add_(unbiased, alpha=factor)
        return output


class SumOverRanks(torch.autograd.Function):
    """The sum of a tensor over the ranks, with gradients summed over the ranks in turn (each
    rank's part of the global sum receives every rank's gradient with respect to it)."""

    @staticmethod
    def forward(ctx, tensor):
        total = tensor.clone()
        dist.all_reduce(total)
        return total

    @staticmethod
    def backward(ctx, grad):
        total = grad.clone()
        dist.all_reduce(total)
        return total


def sync_batchnorm(model, device_type):
    """Replace the model's BatchNorm layers, in place, by ones that take global statistics:
    ``nn.SyncBatchNorm`` on CUDA, :class:`CpuSyncBatchNorm` on the CPU. The new layers hold
    the old ones' parameter and buffer objects, so an optimiser made before still updates them."""
    for name, child in list(model.named_children()):
        if isinstance(child, nn.modules.batchnorm._BatchNorm) and not isinstance(
                child, (nn.SyncBatchNorm, CpuSyncBatchNorm)):
            kind = nn.SyncBatchNorm if device_type == "cuda" else CpuSyncBatchNorm
            replacement = kind(child.num_features, child.eps, child.momentum, child.affine, child.track_running_stats)
            if child.affine:
                replacement.weight, replacement.bias = child.weight, child.bias
            if child.track_running_stats:
                replacement.running_mean, replacement.running_var = child.running_mean, child.running_var
                replacement.num_batches_tracked = child.num_batches_tracked
            replacement.train(child.training)
            setattr(model, name, replacement)
        else:
            sync_batchnorm(child, device_type)
    return model
