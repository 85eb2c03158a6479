#!/usr/bin/env python3
"""Checks that a PNG screenshot of a sigil report is not blank and shows the report.

usage: png_check.py FILE.png
Decodes the PNG with the standard library only (zlib + the five PNG row filters) and checks:
  1. the grey-level standard deviation is above 0.05 (a blank or single-colour page is ~0);
  2. at least 16 distinct colours appear;
  3. the page header's dark blue (#1f2a36) is at the top-left, so the inline CSS applied;
  4. pixels of a figure colour appear (COSMIC C>T red #E62725 in profiles, or #4E79A7, the first
     signature colour of exposure plots, or the consensus heatmap's #08306B, which now fills the
     extract page's first screen), so inline SVG figures were painted
     (skipped with --no-figures).
Prints one line of figures and exits 0 when all hold, 1 otherwise.
"""
import struct
import sys
import zlib


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG file")
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour not in (2, 6):
                raise SystemExit(f"{path}: expected 8-bit RGB or RGBA, got depth {depth} colour type {colour}")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


FIGURE_COLOURS = [(0xE6, 0x27, 0x25), (0x4E, 0x79, 0xA7), (0x08, 0x30, 0x6B)]


def main():
    path = sys.argv[1]
    need_figures = "--no-figures" not in sys.argv
    width, height, bpp, rows = decode(path)
    colours, n, total, total_sq, red = set(), 0, 0.0, 0.0, 0
    for y in range(0, height, 2):          # every other row and column is plenty
        row = rows[y]
        for x in range(0, width, 2):
            r, g, b = row[x * bpp], row[x * bpp + 1], row[x * bpp + 2]
            colours.add((r, g, b))
            grey = (0.299 * r + 0.587 * g + 0.114 * b) / 255
            n += 1
            total += grey
            total_sq += grey * grey
            for fr, fg, fb in FIGURE_COLOURS:
                if abs(r - fr) <= 6 and abs(g - fg) <= 6 and abs(b - fb) <= 6:
                    red += 1
    mean = total / n
    sd = max(0.0, total_sq / n - mean * mean) ** 0.5
    corner = rows[10][10 * bpp:10 * bpp + 3]
    header = all(abs(c - e) <= 8 for c, e in zip(corner, (0x1F, 0x2A, 0x36)))
    ok = sd > 0.05 and len(colours) >= 16 and header and (red > 0 or not need_figures)
    print(f"{path}: {width}x{height}, grey sd {sd:.3f}, {len(colours)} colours, header {'yes' if header else 'no'}, "
          f"figure-colour pixels {red} -> {'OK' if ok else 'BLANK OR BROKEN'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
