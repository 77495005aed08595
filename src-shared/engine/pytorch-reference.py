"""Independent reference for the Neurite engine, computed with PyTorch autograd and torch.optim (float64).

Usage: /usr/bin/python3 pytorch-reference.py in.json out.json
in.json holds {"cases": [...]}; each case describes a network (neurons, synapses, softmax groups), data, a loss,
an optimiser and a batch order. For each case this writes the forward values and gradients on the first batch and
the weights after training on every batch in order. Exit code 3 with a clear message when torch is missing.
"""
import json
import math
import sys

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    sys.stderr.write("PyTorch is not installed for /usr/bin/python3: run `apt-get install python3-torch`\n")
    sys.exit(3)

torch.set_default_dtype(torch.float64)

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


def topo(n, syn):
    indeg = [0] * n
    out = [[] for _ in range(n)]
    for s in syn:
        indeg[s["tgt"]] += 1
        out[s["src"]].append(s["tgt"])
    q = [i for i in range(n) if indeg[i] == 0]
    h = 0
    while h < len(q):
        for t in out[q[h]]:
            indeg[t] -= 1
            if indeg[t] == 0:
                q.append(t)
        h += 1
    return q


def run_case(c):
    neurons, syn, groups = c["neurons"], c["synapses"], c["groups"]
    n = len(neurons)
    inputs, outputs = c["inputs"], c["outputs"]
    n_in, n_out = len(inputs), len(outputs)
    X = torch.tensor(c["X"], dtype=torch.float64).reshape(-1, n_in)
    Y = torch.tensor(c["Y"], dtype=torch.float64).reshape(-1, n_out)
    w = torch.tensor([s["w"] for s in syn], dtype=torch.float64, requires_grad=True)
    b = torch.tensor([nr["bias"] for nr in neurons], dtype=torch.float64, requires_grad=True)
    order = topo(n, syn)
    incoming = [[] for _ in range(n)]
    for k, s in enumerate(syn):
        incoming[s["tgt"]].append(k)
    grouped = {m for g in groups for m in g}

    def forward(rows):
        xb = X[rows]
        z = [None] * n
        o = [None] * n
        for col, i in enumerate(inputs):
            z[i] = xb[:, col]
            o[i] = xb[:, col]
        for i in order:
            if i in inputs:
                continue
            acc = b[i] + torch.zeros(len(rows))
            for k in incoming[i]:
                acc = acc + w[k] * o[syn[k]["src"]]
            z[i] = acc
            o[i] = acc if i in grouped else ACT[neurons[i]["act"]](acc)
        for g in groups:
            p = torch.softmax(torch.stack([z[m] for m in g], 1), 1)
            for j, m in enumerate(g):
                o[m] = p[:, j]
        return z, o

    def loss_of(rows):
        z, o = forward(rows)
        yb = Y[rows]
        if c["loss"] == "mse":
            loss = F.mse_loss(torch.stack([o[i] for i in outputs], 1), yb)
        elif c["loss"] == "bce":
            loss = F.binary_cross_entropy_with_logits(torch.stack([z[i] for i in outputs], 1), yb)
        else:
            loss = 0
            for g in groups:
                cols = [outputs.index(m) for m in g]
                logp = F.log_softmax(torch.stack([z[m] for m in g], 1), 1)
                loss = loss - (yb[:, cols] * logp).sum(1).mean()
        loss = loss + c["l1"] * w.abs().sum() + 0.5 * c["l2"] * (w * w).sum()
        return loss, z, o

    first = c["batches"][0]
    loss, z, o = loss_of(first)
    loss.backward()
    res = {
        "loss": loss.item(),
        "z": [zi.detach().tolist() if i not in inputs else [] for i, zi in enumerate(z)],
        "o": [oi.detach().tolist() if i not in inputs else [] for i, oi in enumerate(o)],
        "gradW": w.grad.tolist(),
        "gradB": b.grad.tolist(),
    }
    w.grad = None
    b.grad = None

    oc = c["optimizer"]
    lr = oc["lr"]
    kind = oc["kind"]
    if kind == "sgd":
        opt = torch.optim.SGD([w, b], lr=lr)
    elif kind == "momentum":
        opt = torch.optim.SGD([w, b], lr=lr, momentum=oc.get("momentum", 0.9), nesterov=oc.get("nesterov", False))
    elif kind == "adam":
        opt = torch.optim.Adam([w, b], lr=lr, betas=(oc.get("beta1", 0.9), oc.get("beta2", 0.999)), eps=oc.get("eps", 1e-8))
    else:
        opt = torch.optim.AdamW(
            [{"params": [w], "weight_decay": oc.get("weightDecay", 0.01)}, {"params": [b], "weight_decay": 0.0}],
            lr=lr, betas=(oc.get("beta1", 0.9), oc.get("beta2", 0.999)), eps=oc.get("eps", 1e-8))
    sched = c.get("schedule") or {"kind": "constant"}
    sign = torch.tensor(c["daleSign"], dtype=torch.float64)
    losses = []
    for t, rows in enumerate(c["batches"]):
        if sched["kind"] == "step":
            cur = lr * sched["gamma"] ** (t // sched["every"])
        elif sched["kind"] == "cosine":
            f = min(t, sched["totalSteps"]) / sched["totalSteps"]
            lo = sched.get("minLr", 0)
            cur = lo + (lr - lo) * 0.5 * (1 + math.cos(math.pi * f))
        else:
            cur = lr
        for g in opt.param_groups:
            g["lr"] = cur
        opt.zero_grad()
        loss, _, _ = loss_of(rows)
        loss.backward()
        opt.step()
        with torch.no_grad():
            w.copy_(torch.where(sign > 0, w.clamp(min=0), torch.where(sign < 0, w.clamp(max=0), w)))
        losses.append(loss.item())
    res["finalW"] = w.detach().tolist()
    res["finalB"] = b.detach().tolist()
    res["losses"] = losses
    return res


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    out = {"torch": torch.__version__, "results": [run_case(c) for c in cases]}
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
