/** The Python sources of a PyTorch export (model.py, train.py); the data and network travel beside them as JSON and CSV. */

/** model.py: the network as masked dense layers, one per topological level; the exact function of the engine. */
export const MODEL_PY = String.raw`"""The Neurite network as a PyTorch module (exported by Neurite; see README.txt).

Neurons are evaluated level by level (longest path from the inputs): each level is one masked dense layer
z = o @ (W * mask)[level].T + b[level], then each neuron's own activation. Softmax groups are applied
over their members' z at the end. Weights W[target, source] exist only where the network has a synapse.
"""
import json
import math
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


class NeuriteNet(nn.Module):
    """A Neurite neuron graph; forward(x) takes the encoded features and returns the output neurons' values."""

    def __init__(self, spec, dtype=torch.float32):
        super().__init__()
        neurons, synapses = spec["neurons"], spec["synapses"]
        self.spec = spec
        self.ids = [n["id"] for n in neurons]
        index = {nid: k for k, nid in enumerate(self.ids)}
        n = len(neurons)
        weight = torch.zeros(n, n, dtype=dtype)
        mask = torch.zeros(n, n, dtype=dtype)
        sign = torch.zeros(n, n, dtype=dtype)
        depth = [0] * n
        for s in synapses:
            t, src = index[s["target"]], index[s["source"]]
            weight[t, src] = s["weight"]
            mask[t, src] = 1
            dale = neurons[src].get("dale")
            sign[t, src] = 1 if dale == "E" else -1 if dale == "I" else 0
        self.weight = nn.Parameter(weight)
        self.bias = nn.Parameter(torch.tensor([nr["bias"] for nr in neurons], dtype=dtype))
        self.register_buffer("mask", mask)
        self.register_buffer("sign", sign)
        self.register_buffer("inputs", torch.tensor([k for k, nr in enumerate(neurons) if nr["role"] == "input"], dtype=torch.long))
        self.register_buffer("outputs", torch.tensor([k for k, nr in enumerate(neurons) if nr["role"] == "output"], dtype=torch.long))
        # Longest-path depth: every source of a neuron sits in an earlier level.
        incoming = [[] for _ in range(n)]
        for s in synapses:
            incoming[index[s["target"]]].append(index[s["source"]])
        order, seen = [], set()

        def visit(k):
            if k in seen:
                return
            seen.add(k)
            for src in incoming[k]:
                visit(src)
            order.append(k)

        for k in range(n):
            visit(k)
        for k in order:
            depth[k] = 0 if neurons[k]["role"] == "input" else 1 + max((depth[s] for s in incoming[k]), default=0)
        self.groups = [[index[m] for m in g["members"]] for g in spec.get("softmaxGroups", [])]
        grouped = {m for g in self.groups for m in g}
        self.levels = []
        for d in range(1, max(depth, default=0) + 1):
            members = [k for k in range(n) if depth[k] == d and neurons[k]["role"] != "input"]
            if members:
                acts = ["identity" if k in grouped else neurons[k]["activation"] for k in members]
                self.levels.append((torch.tensor(members, dtype=torch.long), acts))

    def forward(self, x):
        b = x.shape[0]
        n = self.weight.shape[0]
        o = x.new_zeros(b, n).index_copy(1, self.inputs, x)
        z_all = x.new_zeros(b, n)
        w = self.weight * self.mask
        for members, acts in self.levels:
            members = members.to(x.device)
            z = o @ w[members].T + self.bias[members]
            z_all = z_all.index_copy(1, members, z)
            out = torch.stack([ACT[a](z[:, j]) for j, a in enumerate(acts)], dim=1)
            o = o.index_copy(1, members, out)
        for g in self.groups:
            idx = torch.tensor(g, dtype=torch.long, device=x.device)
            o = o.index_copy(1, idx, torch.softmax(z_all[:, idx], dim=1))
        return o[:, self.outputs]

    @torch.no_grad()
    def keep_dale_signs(self):
        """Dale's principle by projection, as Neurite trains: E neurons' outgoing weights >= 0, I neurons' <= 0."""
        w = self.weight
        w.copy_(torch.where(self.sign > 0, w.clamp(min=0), torch.where(self.sign < 0, w.clamp(max=0), w)))

    def weights_file(self, history=None, note=""):
        """The trained weights in the format Neurite imports back as a new run (File > Import > Weights...)."""
        neurons = self.spec["neurons"]
        index = {nid: k for k, nid in enumerate(self.ids)}
        w = self.weight.detach().double().cpu()
        b = self.bias.detach().double().cpu()
        return {
            "format": "neurite-weights",
            "version": 1,
            "structure": self.spec["structure"],
            "trainedWith": note,
            "neurons": [{"id": nr["id"], "bias": float(b[k])} for k, nr in enumerate(neurons)],
            "synapses": [
                {"id": s["id"], "source": s["source"], "target": s["target"], "weight": float(w[index[s["target"]], index[s["source"]]])}
                for s in self.spec["synapses"]
            ],
            "history": history or [],
        }
`;

/** train.py: one CPU, one GPU, or many processes under torchrun with DistributedDataParallel. */
export const TRAIN_PY = String.raw`"""Train the exported Neurite network on the exported data (see README.txt).

  python3 train.py --epochs 20                         # one process (GPU if there is one)
  torchrun --nproc_per_node=4 train.py --epochs 20     # DistributedDataParallel: gloo on CPU, nccl on GPU

Rank 0 appends one JSON line per epoch to the log and writes the weights for Neurite to import at the end.
"""
import argparse
import csv
import json
import os
import time

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

from model import NeuriteNet, load_spec

HERE = os.path.dirname(os.path.abspath(__file__))


def read_data(spec, split):
    """Encoded rows of one split from data.csv: features and targets in the network's input and output order.

    Columns are read by position (features, then outputs, then split): header names are made
    inert for spreadsheets (a name starting with = + - @ gets a leading '), so they may differ."""
    enc = spec["encoding"]
    nf, no = len(enc["features"]), len(enc["outputs"])
    xs, ys = [], []
    with open(os.path.join(HERE, "data.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            if row[nf + no] == split:
                xs.append([float(v) for v in row[:nf]])
                ys.append([float(v) for v in row[nf:nf + no]])
    return torch.tensor(xs), torch.tensor(ys)


def loss_fn(kind, p, y):
    if kind == "cce":
        return -(y * torch.log(p.clamp_min(1e-12))).sum(dim=1).mean()
    if kind == "bce":
        return F.binary_cross_entropy(p.clamp(1e-7, 1 - 1e-7), y)
    return F.mse_loss(p, y)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--batch", type=int, default=32, help="batch size per process")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cpu", action="store_true", help="stay on the CPU even if there is a GPU")
    ap.add_argument("--out", default=os.path.join(HERE, "weights.json"))
    ap.add_argument("--log", default=os.path.join(HERE, "train-log.jsonl"))
    args = ap.parse_args()

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available() and not args.cpu
    if world > 1:
        dist.init_process_group("nccl" if cuda else "gloo")
    device = torch.device(f"cuda:{local}" if cuda else "cpu")
    torch.manual_seed(args.seed)

    spec = load_spec(HERE)
    x, y = read_data(spec, "train")
    model = NeuriteNet(spec).to(device)
    net = DistributedDataParallel(model, device_ids=[local] if cuda else None) if world > 1 else model
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    data = TensorDataset(x, y)
    sampler = DistributedSampler(data, shuffle=True, seed=args.seed) if world > 1 else None
    loader = DataLoader(data, batch_size=args.batch, shuffle=sampler is None, sampler=sampler)
    kind = spec["loss"]
    history = []
    if rank == 0 and os.path.exists(args.log):
        os.remove(args.log)
    for epoch in range(1, args.epochs + 1):
        if sampler:
            sampler.set_epoch(epoch)
        total = torch.zeros(2, dtype=torch.float64, device=device)
        t0 = time.time()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(kind, net(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            model.keep_dale_signs()
            total += torch.tensor([loss.item() * len(xb), len(xb)], dtype=torch.float64, device=device)
        if world > 1:
            dist.all_reduce(total)
        mean = (total[0] / total[1]).item()
        history.append({"epoch": epoch, "loss": mean})
        if rank == 0:
            print(f"epoch {epoch}/{args.epochs} loss {mean:.6f} ({time.time() - t0:.2f} s, {world} process{'es' if world > 1 else ''})", flush=True)
            with open(args.log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"epoch": epoch, "loss": mean, "processes": world}) + "\n")
    if rank == 0:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(model.weights_file(history, f"PyTorch {torch.__version__}, {world} process(es), {args.epochs} epochs"), f)
        print(f"wrote {args.out}: import it in Neurite with File > Import > Weights...", flush=True)
    if world > 1:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
