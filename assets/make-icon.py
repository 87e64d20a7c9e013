#!/usr/bin/env python3
"""Draws assets/reactor-studio.png (256x256): a rounded dark tile with a warm plasma disc and a
white play mark — the studio's icon. Pure Python (zlib), so it needs nothing installed."""
import math, struct, zlib, pathlib

N = 256
def lerp(a, b, t): return a + (b - a) * t

def pixel(x, y):
    # rounded-square mask with a soft edge
    r = 48
    dx = max(r - x, 0, x - (N - 1 - r)); dy = max(r - y, 0, y - (N - 1 - r))
    edge = r - math.hypot(dx, dy)
    alpha = max(0.0, min(1.0, edge + 0.5))
    if alpha == 0: return (0, 0, 0, 0)
    bg = (22, 27, 34)
    cx, cy = x - N / 2, y - N / 2
    d = math.hypot(cx, cy)
    col = bg
    if d < 92:
        v = math.sin(x * 0.05) + math.sin(y * 0.04 - 1) + math.sin((x + y) * 0.03)
        t = (v + 3) / 6
        warm = [(26, 5, 0), (255, 106, 0), (255, 242, 168)]
        c = [lerp(warm[0][i], warm[1][i], t * 2) if t < .5 else lerp(warm[1][i], warm[2][i], (t - .5) * 2) for i in range(3)]
        a = max(0.0, min(1.0, 92 - d))
        col = tuple(int(lerp(bg[i], c[i], a)) for i in range(3))
    # play triangle
    px, py = cx + 10, cy
    if px > -28 and abs(py) < (40 - (px + 28) * 40 / 70) and px < 42:
        col = (255, 255, 255)
    return col + (int(alpha * 255),)

rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(N)) for y in range(N))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
out = pathlib.Path(__file__).with_name("reactor-studio.png")
out.write_bytes(png)
print(out)
