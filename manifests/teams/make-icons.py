"""Draws PeerBot's Teams icons: two peers side by side. color.png 192x192 on the accent colour,
outline.png 32x32 white on transparent (the Teams rule for outline icons). Pure stdlib: python3 make-icons.py"""
import struct
import zlib

ACCENT = (0x2E, 0x7D, 0x6B)


def peers(x, y, size):
    """True where the two-peers glyph covers the point (coordinates in 0..1 of the icon)."""
    u, v = x / size, y / size
    for cx in (0.36, 0.64):
        if (u - cx) ** 2 + (v - 0.36) ** 2 <= 0.11 ** 2:  # heads
            return True
        if v >= 0.56 and v <= 0.78 and (u - cx) ** 2 + ((v - 0.78) * 1.0) ** 2 <= 0.19 ** 2:  # shoulders
            return True
    return False


def coverage(x, y, size, samples=4):
    hits = sum(peers(x + (i + 0.5) / samples, y + (j + 0.5) / samples, size) for i in range(samples) for j in range(samples))
    return hits / (samples * samples)


def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    chunk = lambda tag, data: struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def color(x, y):
    a = coverage(x, y, 192)
    return tuple(round(c + (255 - c) * a) for c in ACCENT) + (255,)


def outline(x, y):
    return (255, 255, 255, round(255 * coverage(x, y, 32)))


png("color.png", 192, color)
png("outline.png", 32, outline)
