#!/usr/bin/python3
"""Makes the Pillow reference images that GrayMatchesPillowTest compares PixelForge against.

Run with Debian's Python and Pillow (apt-get install python3-pil), from this directory:

    /usr/bin/python3 make_references.py

It writes deterministic inputs (made here from arithmetic patterns, nothing downloaded) and, for
each, Pillow's convert('L') of it as <name>.L.png. Every input is lossless, so the comparison is of
the gray formula alone, not of two JPEG decoders.
"""
import PIL
from PIL import Image

W, H = 256, 192


def pattern_rgb():
    # Every R and G value, with B mixing both: all three weights of the luma formula are exercised.
    data = bytearray()
    for y in range(H):
        for x in range(W):
            data += bytes((x, (y * 255) // (H - 1), (x * 7 + y * 13) & 0xFF))
    return Image.frombytes("RGB", (W, H), bytes(data))


def pattern_alpha():
    return Image.frombytes("L", (W, H), bytes(((x + y) * 3) & 0xFF for y in range(H) for x in range(W)))


def main():
    rgb = pattern_rgb()
    rgba = rgb.copy()
    rgba.putalpha(pattern_alpha())
    inputs = {
        "rgb.png": rgb,
        "rgba.png": rgba,
        "palette.png": rgb.quantize(colors=200, method=Image.Quantize.MEDIANCUT),
        "gray.png": rgb.convert("L"),
        "gray-alpha.png": rgba.convert("LA"),
        "palette.gif": rgb.quantize(colors=128, method=Image.Quantize.MEDIANCUT),
        "rgb.bmp": rgb,
    }
    for name, image in inputs.items():
        image.save(name)
        # Read back what was written, as a client's file would be, then convert as the study did.
        with Image.open(name) as written:
            written.convert("L").save(name.rsplit(".", 1)[0] + "." + name.rsplit(".", 1)[1] + ".L.png")
    with open("PILLOW_VERSION", "w") as f:
        f.write(PIL.__version__ + "\n")


if __name__ == "__main__":
    main()
