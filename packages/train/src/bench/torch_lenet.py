"""Times the LeNet of @inkling/core in PyTorch's CPU path, for the benchmark's ratio.

Same network (3x [Conv 3x3 + ReLU + MaxPool 2] with 32, 32, 64 filters, Dense 64 + ReLU, Dropout 0.5,
Dense 1 + sigmoid), Adam, binary cross-entropy, the given batch. Prints one JSON line per
configuration: {"threads", "memory_format", "train_images_per_second", "infer_images_per_second"}.

usage: python3 torch_lenet.py H W C BATCH WARMUP STEPS THREADS[,THREADS...]
"""
import json
import statistics
import sys
import time

import torch
from torch import nn


def lenet(h, w, c):
    def out(n):  # valid 3x3 conv, then 2x2 pool
        return (n - 2) // 2

    fh, fw = out(out(out(h))), out(out(out(w)))
    return nn.Sequential(
        nn.Conv2d(c, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * fh * fw, 64), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(64, 1), nn.Sigmoid(),
    )


def timed(fn, warmup, steps):
    for _ in range(warmup):
        fn()
    ms = []
    for _ in range(steps):
        start = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - start) * 1000)
    return statistics.median(ms)


def bench(h, w, c, batch, warmup, steps, threads, memory_format):
    torch.manual_seed(1)
    torch.set_num_threads(threads)
    model = lenet(h, w, c).to(memory_format=memory_format)
    x = torch.rand(batch, c, h, w).contiguous(memory_format=memory_format)
    y = torch.tensor([[float(i % 2)] for i in range(batch)])
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.BCELoss()

    def train():
        model.train()
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        loss.item()

    def infer():
        model.eval()
        with torch.no_grad():
            model(x).sum().item()

    train_ms = timed(train, warmup, steps)
    infer_ms = timed(infer, warmup, steps)
    return {
        "threads": threads,
        "memory_format": "channels_last" if memory_format == torch.channels_last else "contiguous",
        "train_images_per_second": batch * 1000 / train_ms,
        "infer_images_per_second": batch * 1000 / infer_ms,
    }


def main():
    h, w, c, batch, warmup, steps = (int(a) for a in sys.argv[1:7])
    for threads in (int(t) for t in sys.argv[7].split(",")):
        for memory_format in (torch.contiguous_format, torch.channels_last):
            print(json.dumps(bench(h, w, c, batch, warmup, steps, threads, memory_format)), flush=True)


if __name__ == "__main__":
    main()
