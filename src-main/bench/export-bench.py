"""Training throughput of an exported folder's train.py loop against a hand-written nn.Sequential MLP of the same
shape: same data, batch, optimizer, row order, initial weights and threads, in one process, taking turns.

  python3 export-bench.py FOLDER BATCH REPS THREADS LR      prints one JSON object on the last line
"""
import json
import sys
import time

folder, batch, reps, threads, lr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
sys.path.insert(0, folder)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

import train  # noqa: E402
from model import NeuriteNet, load_spec  # noqa: E402

torch.set_num_threads(threads)
spec = load_spec(folder)
x, y, _ = train.load_data(spec, folder)
n = x.shape[0]
SEGMENT = 16  # batches per turn when the two loops alternate


MODULES = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "gelu": nn.GELU, "silu": nn.SiLU, "elu": nn.ELU}


def sequential_like(model):
    """nn.Sequential(Linear, act, ..., Linear) holding the exported model's initial weights (a layered network's
    levels read whole layers in order, so each level's block is that layer's nn.Linear weight). The last layer
    gives logits, as the exported model does for its loss."""
    layers = []
    for k, level in enumerate(model.levels):
        lin = nn.Linear(level.weight.shape[1], level.weight.shape[0])
        with torch.no_grad():
            lin.weight.copy_(level.weight)
            lin.bias.copy_(level.bias)
        layers.append(lin)
        if k < len(model.levels) - 1:
            (kind,) = level.kinds
            layers.append(MODULES[kind]())
    return nn.Sequential(*layers)


def peer_epoch(seq, opt, x, targets, order, batch):
    """The plain PyTorch loop: batches by index on the device, cross-entropy on class indices (or binary
    cross-entropy on logits), Adam, the loss summed on the device."""
    total = torch.zeros((), dtype=torch.float64, device=x.device)
    binary = targets.dtype != torch.long
    for start in range(0, order.shape[0], batch):
        idx = order[start : start + batch]
        out, t = seq(x.index_select(0, idx)), targets.index_select(0, idx)
        loss = F.binary_cross_entropy_with_logits(out, t) if binary else F.cross_entropy(out, t)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        total.add_(loss.detach(), alpha=idx.shape[0])
    return total


def measure(device, amp=False):
    cuda = device.type == "cuda"
    xd, yd = x.to(device), y.to(device)
    model = NeuriteNet(spec).to(device)
    seq = sequential_like(model).to(device)
    objective = train.Objective(model, spec["loss"])
    labels = objective.labels(yd)
    assert labels is not None or spec["loss"] == "bce", "the bench expects one-hot classes or binary targets"
    opt_m = torch.optim.Adam(model.parameters(), lr=lr)
    opt_s = torch.optim.Adam(seq.parameters(), lr=lr)
    gen = torch.Generator()
    gen.manual_seed(7)
    clock = time.perf_counter if cuda else time.process_time
    spent = {"exported": 0.0, "nn.Sequential": 0.0}
    sums = {}
    seg = SEGMENT * batch

    def timed(name, order):
        if cuda:
            torch.cuda.synchronize()
        t0 = clock()
        if name == "exported":
            total = train.train_epoch(model, model, opt_m, objective, xd, yd, labels, order, batch, amp)
        else:
            with train.autocast(amp):
                total = peer_epoch(seq, opt_s, xd, yd if labels is None else labels, order, batch)
        if cuda:
            torch.cuda.synchronize()
        return clock() - t0, total

    # Epochs of the same row order for both; within an epoch the two alternate every SEGMENT batches (who goes
    # first alternating too), so load from other processes on a shared machine falls on both alike. The first
    # epoch warms up (allocator, kernels) and is not counted.
    for rep in range(reps + 1):
        order = torch.randperm(n, generator=gen).to(device)
        sums = {"exported": 0.0, "nn.Sequential": 0.0}
        for k, start in enumerate(range(0, n, seg)):
            names = ["exported", "nn.Sequential"] if k % 2 == 0 else ["nn.Sequential", "exported"]
            for name in names:
                seconds, total = timed(name, order[start : start + seg])
                sums[name] += total
                if rep > 0:
                    spent[name] += seconds
    loss = {k: float(v) / n for k, v in sums.items()}
    return {
        "device": str(device) + (" bf16" if amp else ""),
        "clock": "wall" if cuda else "process CPU",
        "samplesPerSec": {k: reps * n / v for k, v in spent.items()},
        "lastEpochLoss": loss,
    }


result = {"torch": torch.__version__, "threads": threads, "rows": n, "batch": batch, "runs": [measure(torch.device("cpu"))]}
if torch.cuda.is_available():
    result["gpu"] = torch.cuda.get_device_name(0)
    result["runs"].append(measure(torch.device("cuda")))
    if torch.cuda.is_bf16_supported():
        result["runs"].append(measure(torch.device("cuda"), amp=True))
print(json.dumps(result))
