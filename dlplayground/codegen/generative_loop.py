"""The training loop of an exported script for a generative project, copied in verbatim.

It follows :mod:`dlplayground.codegen.loop` (whose helpers, ``load_split``, ``replaceable`` and
``publish``, the script also holds) with the objective's step in place of the supervised one:
an autoencoder's reconstruction, a VAE's reconstruction plus KL, or a GAN's alternating
discriminator and generator steps, exactly as dlplayground's generative objectives compute
them, so on the same device the script repeats the app's run.
"""
import argparse
import copy
import csv
import json
import math
import shutil
import tempfile
import time
from pathlib import Path

import torch
from safetensors.torch import save_file
from torch import nn

from dlplayground.codegen.loop import (EVAL_CHUNK, EarlyStopping, load_split, publish, replaceable,
                                      step_after_epoch)

# ---- the generative objectives ------------------------------------------------------------
# The losses of dlplayground.training.generative. Dataset labels are never read.


def kl_divergence(mu, logvar):
    """KL(N(mu, exp(logvar)) || N(0, 1)), summed over the latent dims, averaged over the batch."""
    return (-0.5 * (1.0 + logvar - mu.pow(2) - logvar.exp())).sum(dim=1).mean()


def reconstruction_loss(loss, output, target):
    """``loss`` (a torch.nn loss name) summed over each sample's elements, averaged over the batch."""
    per_element = getattr(nn, loss)(reduction="none")(output, target)
    return per_element.reshape(len(output), -1).sum(dim=1).mean()


def discriminator_loss(real_logits, fake_logits):
    """BCE with logits: real samples labelled 1, generated ones 0."""
    bce = nn.functional.binary_cross_entropy_with_logits
    return bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))


def generator_loss(fake_logits):
    """The non-saturating generator loss: the fakes labelled 1."""
    return nn.functional.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def chunked_mean(model, x, loss):
    """The sample-weighted mean of ``loss(model, chunk)`` over ``x`` in eval mode."""
    if len(x) == 0:
        return None
    model.eval()
    total = 0.0
    with torch.no_grad():
        for start in range(0, len(x), EVAL_CHUNK):
            xb = x[start:start + EVAL_CHUNK]
            total += float(loss(model, xb)) * len(xb)
    model.train()
    return total / len(x)


class Autoencoder:
    """The target is the input itself."""

    columns = ()

    def __init__(self, settings, device):
        self.loss_fn = settings["loss"]()

    def batch_loss(self, model, xb, record):
        return self.loss_fn(model(xb), xb)

    def evaluate(self, model, x):
        return chunked_mean(model, x, lambda m, xb: self.loss_fn(m(xb), xb))

    def weights(self):
        return {}


class Vae:
    """Reconstruction (summed over a sample) plus kl_weight times the KL term."""

    columns = ("recon_loss", "kl")

    def __init__(self, settings, device):
        self.loss_name, self.kl_weight = settings["loss_name"], settings["kl_weight"]

    def parts(self, model, xb):
        output, mu, logvar = model(xb, with_taps=True)
        return reconstruction_loss(self.loss_name, output, xb), kl_divergence(mu, logvar)

    def batch_loss(self, model, xb, record):
        recon, kl = self.parts(model, xb)
        record(len(xb), recon_loss=recon.detach(), kl=kl.detach())
        return recon + self.kl_weight * kl

    def evaluate(self, model, x):
        def loss(m, xb):
            recon, kl = self.parts(m, xb)
            return recon + self.kl_weight * kl
        return chunked_mean(model, x, loss)

    def weights(self):
        return {}


class Gan:
    """Each batch: a discriminator step (real 1, fake 0), then the generator's loss (fakes 1)."""

    columns = ("d_loss", "g_loss", "d_real", "d_fake")

    def __init__(self, settings, device, discriminator, seed):
        self.discriminator = discriminator
        self.latent_dim = settings["latent_dim"]
        self.optimizer = settings["discriminator_optimizer"](discriminator.parameters())
        self.noise_generator = torch.Generator().manual_seed(seed)
        # evaluation's noise: a fixed bank, the same at every epoch
        self.eval_noise = torch.randn(EVAL_CHUNK, self.latent_dim, generator=torch.Generator().manual_seed(seed + 1))

    def batch_loss(self, model, xb, record):
        fake = model(torch.randn(len(xb), self.latent_dim, generator=self.noise_generator).to(xb.device))
        self.optimizer.zero_grad(set_to_none=True)
        real_logits = self.discriminator(xb)
        fake_logits = self.discriminator(fake.detach())
        d_loss = discriminator_loss(real_logits, fake_logits)
        d_loss.backward()
        self.optimizer.step()
        g_loss = generator_loss(self.discriminator(fake))  # against the discriminator just updated
        record(len(xb), d_loss=d_loss.detach(), g_loss=g_loss.detach(),
               d_real=torch.sigmoid(real_logits.detach()).mean(), d_fake=torch.sigmoid(fake_logits.detach()).mean())
        return g_loss

    def evaluate(self, model, x):
        if len(x) == 0:
            return None
        model.eval()
        self.discriminator.eval()
        total = 0.0
        with torch.no_grad():
            for start in range(0, len(x), EVAL_CHUNK):
                count = len(x[start:start + EVAL_CHUNK])
                z = self.eval_noise[:count].to(x.device)
                total += float(generator_loss(self.discriminator(model(z)))) * count
        model.train()
        self.discriminator.train()
        return total / len(x)

    def weights(self):
        return {f"discriminator.{node_id}.{name}": tensor
                for node_id, module in self.discriminator.node_modules()
                for name, tensor in module.state_dict().items()}


def train_generative(model, data, objective, *, epochs, seed, batch_size, make_optimizer, make_scheduler,
                     scheduler_step, early_stopping, log):
    """Train ``model`` (a GAN's generator) in place, as the supervised ``train`` does, with the
    objective's loss; return (metrics rows, final row, stop reason, message, best epoch)."""
    device = data["x_train"].device
    x_train, x_val = data["x_train"], data["x_val"]
    count = len(x_train)
    batch_size = count if batch_size is None else min(batch_size, count)
    steps = math.ceil(count / batch_size)
    optimizer = make_optimizer(model.parameters())
    scheduler = make_scheduler(optimizer, steps, epochs)
    order_generator = torch.Generator().manual_seed(seed)
    sums, counted = {}, [0]

    def record(n, **values):
        for key, value in values.items():
            sums[key] = sums.get(key, 0.0) + float(value) * n
        counted[0] += n

    rows, final, reason, message = [], None, None, ""
    started = time.perf_counter()
    good_weights = copy.deepcopy(model.state_dict())
    stopping = EarlyStopping(early_stopping)
    iteration = 0
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(count, generator=order_generator).to(device)
        xs = x_train[order]
        loss_sum, seen = 0.0, 0
        for start in range(0, count, batch_size):
            xb = xs[start:start + batch_size]
            optimizer.zero_grad(set_to_none=True)
            loss = objective.batch_loss(model, xb, record)
            loss.backward()
            batch_loss = loss.item()
            if not math.isfinite(batch_loss):
                model.load_state_dict(good_weights)
                reason = "non_finite_loss"
                message = (f"the loss became {batch_loss} at epoch {epoch}, step {iteration + 1}: training "
                           "stopped; the weights of the last complete epoch were kept")
                break
            optimizer.step()
            if scheduler is not None and scheduler_step == "step":
                scheduler.step()
            loss_sum += batch_loss * len(xb)
            seen += len(xb)
            iteration += 1
        if reason is not None:
            break

        val_loss = objective.evaluate(model, x_val)
        extras = {key: sums.get(key, float("nan")) / max(counted[0], 1) for key in objective.columns}
        sums.clear()
        counted[0] = 0
        row = {"epoch": epoch, "train_loss": loss_sum / seen, "val_loss": val_loss, **extras,
               "lr": optimizer.param_groups[0]["lr"], "seconds": time.perf_counter() - started}
        rows.append(row)
        log(row)
        good_weights = copy.deepcopy(model.state_dict())

        stopped = stopping.stop(rows, model, good_weights)
        if stopped is not None:
            reason, (message, final) = "early_stopping", stopped
            break
        step_after_epoch(scheduler, scheduler_step, val_loss, row)
    model.eval()
    return rows, final or (rows[-1] if rows else None), reason or "completed", message, stopping.best_epoch


def main_generative(model_class, settings, project_name, here, discriminator_class=None, run_name="run"):
    """Parse the command line, train the generative objective, and write the run folder."""
    parser = argparse.ArgumentParser(description=f"Train {project_name!r} (exported from dlplayground).")
    parser.add_argument("--epochs", type=int, default=settings["epochs"])
    parser.add_argument("--seed", type=int, default=settings["seed"],
                        help="initial weights, batch order and noise (the split in data.npz stays as exported)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--data", default=str(here / "data.npz"))
    parser.add_argument("--out", help="run folder (default: runs/<name>-<timestamp>)")
    args = parser.parse_args()
    if args.device == "auto":
        args.device = "cuda" if torch.cuda.is_available() else "cpu"
    out = replaceable(Path(args.out or f"runs/{run_name}-{time.strftime('%Y%m%d-%H%M%S')}"))

    data = load_split(args.data, args.device)
    torch.manual_seed(args.seed)  # before building: the initial weights follow the seed
    model = model_class().to(args.device)
    if settings["objective"] == "gan":  # built right after the generator, as the app does
        objective = Gan(settings, args.device, discriminator_class().to(args.device), args.seed)
        objective.discriminator.train()
    else:
        objective = {"autoencoder": Autoencoder, "vae": Vae}[settings["objective"]](settings, args.device)
    columns = ["epoch", "train_loss", "val_loss", *objective.columns, "lr", "seconds"]

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f"{out.name}.partial-", dir=out.parent))  # renamed to OUT at the end
    with open(partial / "metrics.csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, columns, extrasaction="ignore")
        writer.writeheader()

        def log(row):
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
            stream.flush()
            shown = ", ".join(f"{k} {row[k]:.4g}" for k in columns[1:-2] if row[k] is not None)
            print(f"epoch {row['epoch']}/{args.epochs}: {shown}", flush=True)

        rows, final, reason, message, best_epoch = train_generative(
            model, data, objective, epochs=args.epochs, seed=args.seed, batch_size=settings["batch_size"],
            make_optimizer=settings["optimizer"], make_scheduler=settings["scheduler"],
            scheduler_step=settings["scheduler_step"], early_stopping=settings["early_stopping"], log=log)

    weights = {f"{node_id}.{name}": tensor
               for node_id, module in model.node_modules() for name, tensor in module.state_dict().items()}
    weights.update(objective.weights())  # a GAN's discriminator, keys prefixed "discriminator."
    save_file({k: v.detach().cpu().contiguous() for k, v in weights.items()}, str(partial / "weights.safetensors"),
              metadata={"format": "dlplayground/weights", "project": project_name})
    if (here / "project.json").exists():
        shutil.copyfile(here / "project.json", partial / "project.json")
    keys = ("train_loss", "val_loss", "train_acc", "val_acc", *objective.columns)
    summary = {"epochs": len(rows), "seconds": round(rows[-1]["seconds"], 3) if rows else 0.0,
               "final": {k: (final or {}).get(k) for k in keys}, "final_epoch": final and final["epoch"],
               "stop_reason": reason, "message": message, "best_epoch": best_epoch, "device": args.device}
    (partial / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    out = publish(partial, out)
    if message:
        print(message)
    print(f"run folder: {out}")
    return 1 if reason == "non_finite_loss" else 0
