/** The Python sources of a PyTorch export (model.py, train.py); the network and data travel beside them as network.json and data.npy. */

/** model.py: one dense block per topological level (targets × the sources they read), one activation call per kind; the exact function of the engine. */
export const MODEL_PY = String.raw`"""The Neurite network as a PyTorch module (exported by Neurite; see README.txt).

Neurons are evaluated level by level (longest path from the inputs). Each level is one dense block,
z = o[sources] @ W.T + b, where W holds the level's targets x the sources they read (the entries without a
synapse are masked to zero), followed by one call per activation kind in the level. Softmax groups are applied
over their members' z at the end. A plain layered network therefore runs as nn.Linear layers would.
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

ACT = {
    "identity": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": F.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "elu": F.elu,
    "softplus": F.softplus,
    "silu": F.silu,
    "gelu": F.gelu,
    "sine": torch.sin,
    "gaussian": lambda z: torch.exp(-z * z),
}


def load_spec(folder=None):
    """The exported network (neurons, synapses, softmax groups) from network.json beside this file."""
    folder = folder or os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(folder, "network.json"), encoding="utf-8") as f:
        return json.load(f)


def depths(spec):
    """Longest-path depth of every neuron (inputs 0, any other neuron 1 + its deepest source), without recursion."""
    neurons = spec["neurons"]
    index = {nr["id"]: k for k, nr in enumerate(neurons)}
    outgoing = [[] for _ in neurons]
    indeg = [0] * len(neurons)
    for s in spec["synapses"]:
        outgoing[index[s["source"]]].append(index[s["target"]])
        indeg[index[s["target"]]] += 1
    depth = [0 if nr["role"] == "input" else 1 for nr in neurons]
    queue = [k for k in range(len(neurons)) if indeg[k] == 0]
    for k in queue:
        for t in outgoing[k]:
            depth[t] = max(depth[t], depth[k] + 1)
            indeg[t] -= 1
            if indeg[t] == 0:
                queue.append(t)
    if len(queue) != len(neurons):
        raise ValueError("network.json has a cycle; connections must flow one way")
    return depth


def gather_plan(module, prefix, places, widths):
    """How to read columns places [(slot, column)] from the per-slot tensors: whole slots where they are read
    whole and in order, else index_select with a registered index buffer; then a permutation if the wanted order
    is not slot order. Returns ([(slot, buffer name or None)], permutation buffer name or None)."""
    order = sorted(range(len(places)), key=lambda j: places[j])
    parts, j = [], 0
    while j < len(order):
        slot = places[order[j]][0]
        cols = []
        while j < len(order) and places[order[j]][0] == slot:
            cols.append(places[order[j]][1])
            j += 1
        name = None
        if cols != list(range(widths[slot])):
            name = f"{prefix}{len(parts)}"
            module.register_buffer(name, torch.tensor(cols, dtype=torch.long))
        parts.append((slot, name))
    perm = None
    if order != list(range(len(places))):
        perm = f"{prefix}perm"
        inverse = [0] * len(order)
        for pos, j in enumerate(order):
            inverse[j] = pos
        module.register_buffer(perm, torch.tensor(inverse, dtype=torch.long))
    return parts, perm


def gather(module, tensors, parts, perm):
    """The columns a gather_plan names, from the per-slot tensors (no copy when one whole slot is read)."""
    pieces = [tensors[slot] if name is None else tensors[slot].index_select(1, getattr(module, name)) for slot, name in parts]
    if not pieces:
        return tensors[0][:, :0]
    out = pieces[0] if len(pieces) == 1 else torch.cat(pieces, 1)
    return out if perm is None else out.index_select(1, getattr(module, perm))


class Level(nn.Module):
    """One level of the network: its targets' weights on the sources they read, biases, and activation runs."""

    def __init__(self, weight, mask, sign, bias, acts, places, widths):
        super().__init__()
        if weight.shape[1]:
            self.weight = nn.Parameter(weight)
        else:
            self.register_buffer("weight", weight)  # a level fed by nothing: z = b
        self.bias = nn.Parameter(bias)
        self.masked = mask is not None
        if self.masked:
            self.register_buffer("mask", mask)
        self.signed = sign is not None
        if self.signed:
            lo, hi = sign
            self.register_buffer("lo", lo)
            self.register_buffer("hi", hi)
        self.kinds = [kind for kind, _, _ in acts]
        self.acts = [(ACT[kind], start, stop) for kind, start, stop in acts]
        self.parts, self.perm = gather_plan(self, "src", places, widths)

    def forward(self, outs):
        o = gather(self, outs, self.parts, self.perm)
        w = self.weight * self.mask if self.masked else self.weight
        z = F.linear(o, w, self.bias)
        if len(self.acts) == 1:
            return z, self.acts[0][0](z)
        return z, torch.cat([f(z[:, a:b]) for f, a, b in self.acts], 1)


class NeuriteNet(nn.Module):
    """A Neurite neuron graph; forward(x) takes the encoded features and returns the output neurons' values
    (forward(x, logits=True): the outputs' pre-activations z, from which the losses are computed stably)."""

    def __init__(self, spec, dtype=torch.float32):
        super().__init__()
        neurons, synapses = spec["neurons"], spec["synapses"]
        self.spec = spec
        self.ids = [nr["id"] for nr in neurons]
        index = {nid: k for k, nid in enumerate(self.ids)}
        depth = depths(spec)
        incoming = [{} for _ in neurons]
        for s in synapses:
            incoming[index[s["target"]]][index[s["source"]]] = s["weight"]
        groups = [[index[m] for m in g["members"]] for g in spec.get("softmaxGroups", [])]
        grouped = {m for g in groups for m in g}
        kinds = list(ACT)
        kind = lambda k: "identity" if k in grouped else neurons[k]["activation"]

        inputs = [k for k, nr in enumerate(neurons) if nr["role"] == "input"]
        outputs = [k for k, nr in enumerate(neurons) if nr["role"] == "output"]
        # Where each neuron's value lives: (slot, column); slot 0 is x, slot i the i-th level's output.
        self.place = {k: (0, j) for j, k in enumerate(inputs)}
        widths = [len(inputs)]
        self.levels = nn.ModuleList()
        for d in range(1, max(depth, default=0) + 1):
            members = sorted((k for k in range(len(neurons)) if depth[k] == d and neurons[k]["role"] != "input"), key=lambda k: (kinds.index(kind(k)), k))
            if not members:
                continue
            sources = sorted({s for k in members for s in incoming[k]}, key=lambda s: self.place[s])
            col = {s: j for j, s in enumerate(sources)}
            weight = torch.zeros(len(members), len(sources), dtype=dtype)
            mask = torch.zeros(len(members), len(sources), dtype=dtype)
            lo = torch.full((len(members), len(sources)), float("-inf"), dtype=dtype)
            hi = torch.full((len(members), len(sources)), float("inf"), dtype=dtype)
            for r, k in enumerate(members):
                for s, wv in incoming[k].items():
                    weight[r, col[s]] = wv
                    mask[r, col[s]] = 1
                    dale = neurons[s].get("dale")
                    if dale == "E":
                        lo[r, col[s]] = 0
                    elif dale == "I":
                        hi[r, col[s]] = 0
            runs = []
            for r, k in enumerate(members):
                if runs and runs[-1][0] == kind(k):
                    runs[-1][2] = r + 1
                else:
                    runs.append([kind(k), r, r + 1])
            signed = any(neurons[s].get("dale") in ("E", "I") for s in sources)
            level = Level(
                weight,
                None if bool(mask.all()) else mask,
                (lo, hi) if signed else None,
                torch.tensor([neurons[k]["bias"] for k in members], dtype=dtype),
                runs,
                [self.place[s] for s in sources],
                widths,
            )
            level.targets, level.sources = members, sources
            self.levels.append(level)
            for r, k in enumerate(members):
                self.place[k] = (len(widths), r)
            widths.append(len(members))
        self.out_parts, self.out_perm = gather_plan(self, "out", [self.place[k] for k in outputs], widths)
        position = {k: j for j, k in enumerate(outputs)}
        # Softmax groups as columns of the output tensor.
        self.output_groups = [[position[m] for m in g] for g in groups]
        self.softmax_all = len(groups) == 1 and self.output_groups[0] == list(range(len(outputs)))
        for j, g in enumerate(self.output_groups):
            self.register_buffer(f"group{j}", torch.tensor(g, dtype=torch.long))
        self.n_inputs, self.n_outputs = len(inputs), len(outputs)

    def run(self, x):
        """Every level's z and o (slot 0: the inputs)."""
        outs, zs = [x], [x]
        for level in self.levels:
            z, o = level(outs)
            outs.append(o)
            zs.append(z)
        return zs, outs

    def finish(self, y):
        """The softmax groups applied to the outputs' pre-softmax values."""
        if self.softmax_all:
            return torch.softmax(y, 1)
        for j in range(len(self.output_groups)):
            idx = getattr(self, f"group{j}")
            y = y.index_copy(1, idx, torch.softmax(y.index_select(1, idx), 1))
        return y

    def forward(self, x, logits=False):
        zs, outs = self.run(x)
        if logits:
            return gather(self, zs, self.out_parts, self.out_perm)
        return self.finish(gather(self, outs, self.out_parts, self.out_perm))

    def values_and_logits(self, x):
        """The outputs' values and pre-activations from one pass (for evaluation)."""
        zs, outs = self.run(x)
        return self.finish(gather(self, outs, self.out_parts, self.out_perm)), gather(self, zs, self.out_parts, self.out_perm)

    @torch.no_grad()
    def keep_dale_signs(self):
        """Dale's principle by projection, as Neurite trains: E neurons' outgoing weights >= 0, I neurons' <= 0."""
        for level in self.levels:
            if level.signed:
                level.weight.copy_(torch.minimum(torch.maximum(level.weight, level.lo), level.hi))

    def has_dale(self):
        return any(level.signed for level in self.levels)

    def weights_file(self, history=None, note=""):
        """The trained weights in the format Neurite imports back as a new run (File > Import > Weights...)."""
        neurons = self.spec["neurons"]
        index = {nid: k for k, nid in enumerate(self.ids)}
        bias = {k: float(nr["bias"]) for k, nr in enumerate(neurons)}
        weight = {}
        for level in self.levels:
            w = level.weight.detach().double().cpu().tolist()
            b = level.bias.detach().double().cpu().tolist()
            col = {s: j for j, s in enumerate(level.sources)}
            for r, k in enumerate(level.targets):
                bias[k] = b[r]
                for s in col:
                    weight[(k, s)] = w[r][col[s]]
        return {
            "format": "neurite-weights",
            "version": 1,
            "structure": self.spec["structure"],
            "trainedWith": note,
            "neurons": [{"id": nr["id"], "bias": bias[k]} for k, nr in enumerate(neurons)],
            "synapses": [
                {"id": s["id"], "source": s["source"], "target": s["target"], "weight": weight[(index[s["target"]], index[s["source"]])]}
                for s in self.spec["synapses"]
            ],
            "history": history or [],
        }
`;

/** train.py: the whole dataset on the device, batches by index, validation metrics per epoch, checkpoints and --resume; one CPU, one GPU, or torchrun. */
export const TRAIN_PY = String.raw`"""Train the exported Neurite network on the exported data (see README.txt).

  python3 train.py --epochs 20                         # one process (the GPU if there is one)
  python3 train.py --epochs 40 --resume                # continue from checkpoint.pt up to epoch 40
  torchrun --nproc_per_node=4 train.py --cpu           # DistributedDataParallel on CPU processes (gloo)
  torchrun --nproc_per_node=NUM_GPUS train.py          # one process per GPU (nccl)

The encoded dataset is read once from data.npy and kept on the device when it fits; batches are drawn by index
there. Every epoch rank 0 prints and appends to the log the training loss and the validation loss and accuracy
(or MSE and R2), saves checkpoint.pt, and at the end writes weights.json for Neurite to import.
"""
import argparse
import contextlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from model import NeuriteNet, load_spec

HERE = os.path.dirname(os.path.abspath(__file__))
SPLITS = {"train": 0, "validation": 1, "test": 2}


def load_data(spec, folder=HERE):
    """data.npy (float32: features, targets, split code per row) as CPU tensors in the network's input and output order."""
    path = os.path.join(folder, "data.npy")
    arr = np.load(path)
    nf, no = len(spec["encoding"]["features"]), len(spec["encoding"]["outputs"])
    if arr.ndim != 2 or arr.shape[1] != nf + no + 1:
        sys.exit(f"{path} has shape {arr.shape}; network.json expects {nf} feature, {no} target and 1 split column")
    t = torch.from_numpy(np.ascontiguousarray(arr, dtype=np.float32))
    return t[:, :nf].contiguous(), t[:, nf : nf + no].contiguous(), t[:, nf + no].round().to(torch.uint8)


class Objective:
    """The export's loss as Neurite computes it: BCE from the outputs' logits, CCE by log-softmax over each softmax
    group (cross_entropy on class indices when the targets are one-hot), MSE on the outputs' values."""

    def __init__(self, model, kind):
        self.kind = kind
        self.logits = kind in ("bce", "cce")
        self.groups = model.output_groups
        self.single = model.softmax_all

    def labels(self, y):
        """Class indices when the CCE targets are one-hot over a single softmax group (the fast path), else None."""
        if self.kind != "cce" or not self.single or y.shape[0] == 0:
            return None
        one_hot = bool(((y == 0) | (y == 1)).all()) and bool((y.sum(1) == 1).all())
        return y.argmax(1) if one_hot else None

    def __call__(self, out, y, labels=None):
        if self.kind == "bce":
            return F.binary_cross_entropy_with_logits(out, y)
        if self.kind == "cce":
            if labels is not None:
                return F.cross_entropy(out, labels)
            if self.single:
                return -(y * F.log_softmax(out, 1)).sum(1).mean()
            return sum(-(y[:, g] * F.log_softmax(out[:, g], 1)).sum(1).mean() for g in self.groups)
        return F.mse_loss(out, y)


def autocast(enabled):
    """bf16 autocast on the GPU (torch.amp in 1.13 and 2.x alike), or nothing."""
    if not enabled:
        return contextlib.nullcontext()
    amp = getattr(torch, "amp", None)
    if amp is not None and hasattr(amp, "autocast"):
        return amp.autocast("cuda", dtype=torch.bfloat16)
    return torch.autocast("cuda", dtype=torch.bfloat16)


def first_epoch_setup(model):
    """Before the first epoch, as Neurite starts a run: weights that break their neuron's Dale sign are clamped."""
    if model.has_dale():
        model.keep_dale_signs()


def train_epoch(net, model, opt, objective, x, y, labels, order, batch, amp=False, device=None):
    """One pass over the rows order (indices on the data's device) in batches of batch; returns the summed
    loss as a tensor on device (default: the data's), so no step waits for the device."""
    device = device or x.device
    total = torch.zeros((), dtype=torch.float64, device=device)
    dale = model.has_dale()
    near = x.device == device
    logits = objective.logits
    for start in range(0, order.shape[0], batch):
        idx = order[start : start + batch]
        xb = x.index_select(0, idx)
        # With class indices the one-hot targets are not needed.
        yb, lb = (None, labels.index_select(0, idx)) if labels is not None else (y.index_select(0, idx), None)
        if not near:  # the data stayed on the host: copy this batch over
            xb = xb.to(device, non_blocking=True)
            yb = None if yb is None else yb.to(device, non_blocking=True)
            lb = None if lb is None else lb.to(device, non_blocking=True)
        if amp:
            with autocast(True):
                out = net(xb, logits=logits)
            out = out.float()
        else:
            out = net(xb, logits=logits)
        loss = objective(out, yb, lb)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if dale:
            model.keep_dale_signs()
        total.add_(loss.detach(), alpha=idx.shape[0])
    return total


@torch.no_grad()
def evaluate(model, objective, x, y, labels, chunk=8192, amp=False, device=None):
    """Sums over the rows, as one float64 tensor on device (default: the data's):
    [rows, loss x rows, correct, squared error, sum y (k), sum y^2 (k)]."""
    device = device or x.device
    k = y.shape[1]
    stats = torch.zeros(4 + 2 * k, dtype=torch.float64, device=device)
    for start in range(0, x.shape[0], chunk):
        xb, yb = x[start : start + chunk].to(device), y[start : start + chunk].to(device)
        lb = None if labels is None else labels[start : start + chunk].to(device)
        with autocast(amp):
            values, logits = model.values_and_logits(xb)
        values, logits = values.float(), logits.float()
        n = xb.shape[0]
        stats[0] += n
        stats[1] += objective(logits if objective.logits else values, yb, lb).double() * n
        if k == 1:
            stats[2] += ((values >= 0.5) == (yb >= 0.5)).sum()
        else:
            stats[2] += (values.argmax(1) == yb.argmax(1)).sum()
        stats[3] += ((values - yb) ** 2).sum().double()
        stats[4 : 4 + k] += yb.double().sum(0)
        stats[4 + k :] += (yb.double() ** 2).sum(0)
    return stats


def metrics(kind, stats, k):
    """Validation loss and accuracy (classification) or MSE and R2 (regression) from evaluate()'s summed stats."""
    n = stats[0]
    if not n:
        return {}
    out = {"valLoss": stats[1] / n}
    if kind == "mse":
        sum_y, sum_y2 = stats[4 : 4 + k], stats[4 + k :]
        tot = sum(s2 - s * s / n for s, s2 in zip(sum_y, sum_y2))
        out["valMse"] = stats[3] / (n * k)
        if tot > 0:  # R2 is undefined for constant targets
            out["valR2"] = 1 - stats[3] / tot
    else:
        out["valAccuracy"] = stats[2] / n
    return out


def finite(entry):
    """The entry with non-finite numbers as None: JSON has no NaN, and Neurite reads strict JSON."""
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in entry.items()}


def gpu_problem(processes, gpus):
    """Why processes processes on this machine cannot each have a GPU of their own (None when they can)."""
    if processes <= gpus:
        return None
    return (
        f"train.py: torchrun started {processes} processes on this machine but it has {gpus} GPU(s); NCCL needs one GPU per process.\n"
        f"  Use --nproc_per_node={gpus} to train on the GPU(s), or add --cpu to train {processes} CPU processes with gloo."
    )


def save_checkpoint(path, model, opt, epoch, history, structure):
    """Weights, optimizer state, epoch and history; everything but tensors as JSON, so that loading needs no
    code from the file (torch.load with weights_only, which in PyTorch 1.13 reads no Python floats)."""
    state = opt.state_dict()
    meta = {"format": "neurite-train-checkpoint", "version": 1, "structure": structure, "epoch": epoch, "history": history, "param_groups": state["param_groups"]}
    tmp = path + ".tmp"
    torch.save({"meta": json.dumps(meta), "model": model.state_dict(), "optimizer": state["state"]}, tmp)
    os.replace(tmp, path)  # a crash mid-write leaves the previous checkpoint whole


def load_checkpoint(path, device):
    """(meta, model state, optimizer state) from save_checkpoint's file."""
    try:
        ck = torch.load(path, map_location=device, weights_only=True)
    except TypeError:  # a PyTorch without weights_only
        ck = torch.load(path, map_location=device)
    meta = json.loads(ck["meta"])
    if meta.get("format") != "neurite-train-checkpoint" or meta.get("version") != 1:
        sys.exit(f"train.py: {path} is not a checkpoint this train.py wrote")
    for group in meta["param_groups"]:
        if isinstance(group.get("betas"), list):
            group["betas"] = tuple(group["betas"])
    return meta, ck["model"], {"state": ck["optimizer"], "param_groups": meta["param_groups"]}


def fits_on(device, *tensors):
    """Whether the tensors fit in half of the GPU's free memory (always on the CPU)."""
    if device.type != "cuda":
        return True
    need = sum(t.numel() * t.element_size() for t in tensors)
    free = torch.cuda.mem_get_info(device)[0] if hasattr(torch.cuda, "mem_get_info") else 0
    return need < free / 2


def describe(kind, m):
    """The validation part of an epoch's log line."""
    num = lambda v, f: "n/a" if v is None else format(v, f)
    if "valLoss" not in m:
        return "  (no validation rows)"
    if kind == "mse":
        return f"  val loss {num(m['valLoss'], '.6f')}  val MSE {num(m['valMse'], '.6f')}  val R2 {num(m.get('valR2'), '.4f')}"
    return f"  val loss {num(m['valLoss'], '.6f')}  val accuracy {num(None if m['valAccuracy'] is None else 100 * m['valAccuracy'], '.2f')}%"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=20, help="train up to this epoch (with --resume: the total, counting the epochs already done)")
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--batch", type=int, default=32, help="batch size per process")
    ap.add_argument("--seed", type=int, default=1, help="seeds the order of the rows in every epoch")
    ap.add_argument("--cpu", action="store_true", help="stay on the CPU even if there is a GPU")
    ap.add_argument("--threads", type=int, default=0, help="CPU threads per process (default: PyTorch's choice)")
    ap.add_argument("--compile", action="store_true", help="torch.compile the model (PyTorch 2 and later)")
    ap.add_argument("--amp", action="store_true", help="bf16 autocast on the GPU")
    ap.add_argument("--resume", action="store_true", help="continue from the checkpoint")
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "checkpoint.pt"), help="written after every epoch")
    ap.add_argument("--out", default=os.path.join(HERE, "weights.json"))
    ap.add_argument("--log", default=os.path.join(HERE, "train-log.jsonl"))
    args = ap.parse_args()

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    cuda = torch.cuda.is_available() and not args.cpu
    if cuda and world > 1:
        problem = gpu_problem(local_world, torch.cuda.device_count())
        if problem:
            if local == 0:
                print(problem, file=sys.stderr, flush=True)
            sys.exit(2)
    say = (lambda *a: print(*a, flush=True)) if rank == 0 else (lambda *a: None)
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    if cuda:
        torch.cuda.set_device(local)
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    amp = args.amp and cuda
    if args.amp and not cuda:
        say("note: --amp applies on a GPU; training in float32 on the CPU")
    elif amp and not torch.cuda.is_bf16_supported():
        amp = False
        say("note: this GPU has no bf16; training in float32")
    if world > 1:
        dist.init_process_group("nccl" if cuda else "gloo")
    torch.manual_seed(args.seed)

    spec = load_spec(HERE)
    kind = spec["loss"]
    x, y, split = load_data(spec)
    model = NeuriteNet(spec).to(device)
    objective = Objective(model, kind)
    parts = {}
    for name, code in SPLITS.items():
        rows = (split == code).nonzero().flatten()
        if name == "validation":  # each process evaluates its share of the validation rows
            n_val = rows.shape[0]
            rows = rows[rank::world]
        parts[name] = (x.index_select(0, rows), y.index_select(0, rows))
    xt, yt = parts["train"]
    xv, yv = parts["validation"]
    if xt.shape[0] < world:
        sys.exit(f"train.py: {xt.shape[0]} training rows cannot be shared by {world} processes")
    home = device if fits_on(device, xt, yt, xv, yv) else torch.device("cpu")
    if home != device:
        say(f"note: the data does not fit on {device}; batches are copied from the host")
    xt, yt, xv, yv = (t.to(home) for t in (xt, yt, xv, yv))
    lt, lv = objective.labels(yt), objective.labels(yv)

    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    history, first = [], 1
    if args.resume:
        if not os.path.exists(args.checkpoint):
            sys.exit(f"train.py: --resume but there is no {args.checkpoint}; train without --resume first")
        meta, weights, state = load_checkpoint(args.checkpoint, device)
        if meta["structure"] != spec["structure"]:
            sys.exit(f"train.py: {args.checkpoint} is from another network ({meta['structure']}; this one is {spec['structure']})")
        model.load_state_dict(weights)
        opt.load_state_dict(state)
        for group in opt.param_groups:
            group["lr"] = args.lr
        history, first = meta["history"], meta["epoch"] + 1
        say(f"resuming after epoch {meta['epoch']} from {args.checkpoint}")
        if first > args.epochs:
            say(f"nothing to do: {meta['epoch']} epochs are done and --epochs is {args.epochs}")
    else:
        first_epoch_setup(model)
        if rank == 0 and os.path.exists(args.log):
            os.remove(args.log)

    net = DistributedDataParallel(model, device_ids=[local] if cuda else None, broadcast_buffers=False) if world > 1 else model
    if args.compile:
        if hasattr(torch, "compile"):
            net = torch.compile(net)
        else:
            say(f"note: --compile needs PyTorch 2 (this is {torch.__version__}); training without it")

    n_train = xt.shape[0]
    share = n_train // world  # every process takes the same number of steps; up to world-1 rows sit out each epoch
    say(f"{n_train} training rows, {n_val} validation rows, {kind} loss, {device}{' (bf16 autocast)' if amp else ''}, {world} process{'es' if world > 1 else ''}")
    for epoch in range(first, args.epochs + 1):
        t0 = time.time()
        gen = torch.Generator()
        gen.manual_seed(args.seed * 100003 + epoch)  # the same order in every process, and after a resume
        order = torch.randperm(n_train, generator=gen)[rank::world][:share].to(home)
        model.train()
        loss_sum = train_epoch(net, model, opt, objective, xt, yt, lt, order, args.batch, amp, device)
        model.eval()
        stats = evaluate(model, objective, xv, yv, lv, amp=amp, device=device)
        packed = torch.cat([torch.stack([loss_sum, torch.tensor(float(share), dtype=torch.float64, device=device)]), stats])
        if world > 1:
            dist.all_reduce(packed)
        values = packed.tolist()  # the one wait for the device this epoch
        entry = {"epoch": epoch, "loss": values[0] / values[1]}
        entry.update(metrics(kind, values[2:], yt.shape[1]))
        entry = finite(entry)
        if entry["loss"] is None:  # every process sees the same reduced loss, so all stop here
            say(f"epoch {epoch}: the training loss is NaN or infinite; stopping. {args.checkpoint} keeps epoch {epoch - 1}; try a smaller --lr and --resume.")
            if world > 1:
                dist.destroy_process_group()
            sys.exit(3)
        history.append(entry)
        seconds = time.time() - t0
        if rank == 0:
            say(f"epoch {epoch}/{args.epochs}  train loss {entry['loss']:.6f}{describe(kind, entry)}  ({seconds:.2f} s, {values[1] / seconds:,.0f} rows/s)")
            with open(args.log, "a", encoding="utf-8") as f:
                f.write(json.dumps({**entry, "processes": world, "seconds": seconds}) + "\n")
            save_checkpoint(args.checkpoint, model, opt, epoch, history, spec["structure"])
    if rank == 0:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(model.weights_file(history, f"PyTorch {torch.__version__}, {world} process(es), {len(history)} epochs"), f)
        say(f"wrote {args.out}: import it in Neurite with File > Import > Weights...")
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
