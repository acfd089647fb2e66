#!/usr/bin/env python3
"""Draws Axis's app icons (public/icons/*.png) with the standard library only: the brand teal with a
white ring and dot, anti-aliased, full-bleed so the same image serves as a maskable icon (the mark stays
inside the central safe zone). Run from the repo root: python3 scripts/make-icons.py"""
import math, struct, zlib

TEAL = (15, 118, 110)  # --color-brand-700
WHITE = (255, 255, 255)

def pixel(x, y, size):
    # Distance from the centre in units of the icon's size; 4x4 supersampling for smooth edges.
    cover = 0.0
    for sx in range(4):
        for sy in range(4):
            dx = (x + (sx + 0.5) / 4) / size - 0.5
            dy = (y + (sy + 0.5) / 4) / size - 0.5
            r = math.hypot(dx, dy)
            ring = 0.20 <= r <= 0.27
            dot = r <= 0.085
            cover += 1.0 if ring or dot else 0.0
    a = cover / 16
    return tuple(round(TEAL[i] * (1 - a) + WHITE[i] * a) for i in range(3))

def png(size):
    rows = b''.join(b'\x00' + b''.join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))
    chunk = lambda kind, data: struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b'')

for name, size in [('icon-192.png', 192), ('icon-512.png', 512), ('apple-touch-icon.png', 180), ('favicon-32.png', 32)]:
    with open(f'public/icons/{name}', 'wb') as f:
        f.write(png(size))
    print('wrote', name)
