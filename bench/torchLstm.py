"""PyTorch peer of bench/trainThroughput.ts: the same quantile LSTM, shapes and loss, timed the same way.

Run by the TypeScript bench as `/usr/bin/python3 bench/torchLstm.py '<json config>'` with OPENBLAS_NUM_THREADS=1
(OpenBLAS's own threads fight torch's); prints one JSON line. Exits 3 when torch is not importable.
"""
import json
import sys
import time

try:
    import torch
except Exception as err:  # noqa: BLE001 - any import failure means "no peer here"
    print(json.dumps({"skipped": f"torch is not importable: {err}"}))
    sys.exit(3)


class QuantileLstm(torch.nn.Module):
    def __init__(self, inputs, hidden, outputs):
        super().__init__()
        self.lstm = torch.nn.LSTM(inputs, hidden, batch_first=True)
        self.head = torch.nn.Linear(hidden, outputs)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.head(h[-1])


def pinball(pred, y, levels):
    diff = y.unsqueeze(-1) - pred.view(y.shape[0], y.shape[1], -1)
    return torch.mean(torch.maximum(levels * diff, (levels - 1) * diff))


def main():
    cfg = json.loads(sys.argv[1])
    torch.set_num_threads(cfg.get("threads", 2))
    torch.manual_seed(1)
    n, t, f, h, k = cfg["windows"], cfg["steps"], cfg["inputs"], cfg["hidden"], cfg["targets"]
    levels = torch.tensor(cfg["quantiles"], dtype=torch.float32)
    x = torch.rand(n, t, f) - 0.5
    y = torch.rand(n, k)
    model = QuantileLstm(f, h, k * len(cfg["quantiles"]))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    epoch_seconds = []
    for _ in range(cfg["epochs"]):
        started = time.perf_counter()
        order = torch.randperm(n)
        for s in range(0, n, cfg["batch"]):
            idx = order[s : s + cfg["batch"]]
            opt.zero_grad()
            loss = pinball(model(x[idx]), y[idx], levels)
            loss.backward()
            opt.step()
        epoch_seconds.append(time.perf_counter() - started)
    best = min(epoch_seconds)
    result = {"secondsPerEpoch": best, "samplesPerSecond": n / best, "threads": torch.get_num_threads(), "torch": torch.__version__}
    with torch.no_grad():
        for count in cfg.get("inferCounts", []):
            xs = x[:count]
            model(xs)
            runs = 20 if count == 1 else 5
            started = time.perf_counter()
            for _ in range(runs):
                model(xs)
            result[f"infer{count}Ms"] = (time.perf_counter() - started) / runs * 1000
    print(json.dumps(result))


main()
