#!/usr/bin/python3
"""Makes the "files from the wild" corpus and Pillow's answers for it (issue 14).

Run with Debian's Python and Pillow, and libjpeg-turbo's jpegtran for the arithmetic-coded JPEG
(apt-get install python3-pil libjpeg-turbo-progs), from this directory:

    /usr/bin/python3 make_corpus.py

Every input is made here from arithmetic patterns (nothing downloaded). Pillow writes what it can;
the few kinds it cannot write (YCCK and restart-marker JPEGs, interlaced and 16-bit RGB PNGs, an ICC
profile) are written by the small encoders below (and the arithmetic-coded JPEG by jpegtran), and Pillow then reads every file back, as a
client's file would be read, to make the reference:

    <name>.L.png          Image.open(f).convert('L')
    <name>.T.L.png        ImageOps.exif_transpose(Image.open(f)).convert('L'): what a browser shows
    <name>.LA.png         Image.open(f).convert('LA'), for inputs with transparency
    <name>.RGB.png        Image.open(f).convert('RGB'), for CMYK inputs: the pixels every scale starts from
    <name>.<i>.L.png      frame i of an animation, seek(i) then convert('L')
    <name>.frames         one line per frame: duration in ms; then loop=<n>
"""
import io
import math
import struct
import subprocess
import zlib

import PIL
from PIL import Image, ImageOps

W, H = 64, 48


def pattern_rgb(w=W, h=H, phase=0):
    data = bytearray()
    for y in range(h):
        for x in range(w):
            data += bytes(((x * 4 + phase) & 0xFF, (y * 255) // (h - 1), (x * 7 + y * 13 + phase * 3) & 0xFF))
    return Image.frombytes("RGB", (w, h), bytes(data))


def pattern_cmyk():
    data = bytearray()
    for y in range(H):
        for x in range(W):
            data += bytes(((x * 4) & 0xFF, (y * 5) & 0xFF, (x * 3 + y * 2) & 0xFF, ((x + y) * 2) & 0xFF))
    return Image.frombytes("CMYK", (W, H), bytes(data))


# --- a minimal baseline JPEG encoder: what Pillow cannot write (YCCK, restart markers) -------------

ZIGZAG = [0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
          21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
          61, 54, 47, 55, 62, 63]
COS = [[math.cos((2 * x + 1) * u * math.pi / 16) for x in range(8)] for u in range(8)]
QUANT = 2  # one step for every coefficient: near-lossless, so two decoders differ only by their IDCT
DC_SYMBOLS = list(range(12))
AC_SYMBOLS = [0x00, 0xF0] + [(run << 4) | size for run in range(16) for size in range(1, 11)]


def canonical(symbols, length):
    # Every symbol gets a code of the same length: valid JPEG Huffman tables, just not optimal ones.
    return {s: (i, length) for i, s in enumerate(symbols)}


DC_CODES, AC_CODES = canonical(DC_SYMBOLS, 4), canonical(AC_SYMBOLS, 8)


class Bits:
    def __init__(self):
        self.out, self.acc, self.n = bytearray(), 0, 0

    def put(self, value, length):
        for i in range(length - 1, -1, -1):
            self.acc = (self.acc << 1) | ((value >> i) & 1)
            self.n += 1
            if self.n == 8:
                self.out.append(self.acc)
                if self.acc == 0xFF:
                    self.out.append(0)
                self.acc, self.n = 0, 0

    def flush(self):
        if self.n:
            self.put((1 << (8 - self.n)) - 1, 8 - self.n)


def magnitude(v):
    size = abs(v).bit_length()
    return size, (v if v >= 0 else v + (1 << size) - 1)


def encode_block(bits, block, previous_dc):
    coef = []
    for v in range(8):
        for u in range(8):
            s = sum(COS[u][x] * COS[v][y] * (block[y * 8 + x] - 128) for y in range(8) for x in range(8))
            cu = 1 / math.sqrt(2) if u == 0 else 1
            cv = 1 / math.sqrt(2) if v == 0 else 1
            coef.append(int(round(s * cu * cv / 4 / QUANT)))
    zz = [coef[ZIGZAG[i]] for i in range(64)]
    size, value = magnitude(zz[0] - previous_dc)
    bits.put(*DC_CODES[size])
    bits.put(value, size)
    run = 0
    for c in zz[1:]:
        if c == 0:
            run += 1
            continue
        while run > 15:
            bits.put(*AC_CODES[0xF0])
            run -= 16
        size, value = magnitude(c)
        bits.put(*AC_CODES[(run << 4) | size])
        bits.put(value, size)
        run = 0
    if run:
        bits.put(*AC_CODES[0x00])
    return zz[0]


def segment(marker, payload):
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def huffman_table(cls_id, symbols, length):
    counts = [0] * 16
    counts[length - 1] = len(symbols)
    return bytes([cls_id]) + bytes(counts) + bytes(symbols)


def write_jpeg(planes, w, h, adobe_transform=None, restart_interval=0):
    """planes: one list of w*h samples per component, 1x1 sampling, baseline Huffman."""
    n = len(planes)
    head = b"\xFF\xD8"
    if adobe_transform is not None:
        head += segment(0xEE, b"Adobe" + struct.pack(">HHHB", 100, 0, 0, adobe_transform))
    else:
        head += segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    head += segment(0xDB, b"\x00" + bytes([QUANT] * 64))
    head += segment(0xC0, struct.pack(">BHHB", 8, h, w, n) + b"".join(bytes([i + 1, 0x11, 0]) for i in range(n)))
    head += segment(0xC4, huffman_table(0x00, DC_SYMBOLS, 4) + huffman_table(0x10, AC_SYMBOLS, 8))
    if restart_interval:
        head += segment(0xDD, struct.pack(">H", restart_interval))
    head += segment(0xDA, bytes([n]) + b"".join(bytes([i + 1, 0x00]) for i in range(n)) + b"\x00\x3F\x00")
    bits, data = Bits(), bytearray()
    dc = [0] * n
    mcus_x, mcus_y = (w + 7) // 8, (h + 7) // 8
    for m in range(mcus_x * mcus_y):
        if restart_interval and m and m % restart_interval == 0:
            bits.flush()
            data += bits.out + bytes([0xFF, 0xD0 + (m // restart_interval - 1) % 8])
            bits, dc = Bits(), [0] * n
        bx, by = (m % mcus_x) * 8, (m // mcus_x) * 8
        for c in range(n):
            block = [planes[c][min(by + y, h - 1) * w + min(bx + x, w - 1)] for y in range(8) for x in range(8)]
            dc[c] = encode_block(bits, block, dc[c])
    bits.flush()
    data += bits.out
    return head + bytes(data) + b"\xFF\xD9"


def ycc(r, g, b):
    # JFIF's RGB -> YCbCr, as libjpeg's encoder computes it.
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
    cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
    return [max(0, min(255, int(round(v)))) for v in (y, cb, cr)]


def ycck_jpeg(cmyk):
    # Adobe YCCK (APP14 transform 2): libjpeg decodes it to inverted CMYK, C' = 255 - R with R, G, B the
    # YCC-coded triple, K' as stored. For Adobe's inverted C' = 255 - C: R = C, G = M, B = Y, K' = 255 - K.
    planes = [[], [], [], []]
    for c, m, y, k in cmyk.getdata():
        for i, v in enumerate(ycc(c, m, y) + [255 - k]):
            planes[i].append(v)
    return write_jpeg(planes, W, H, adobe_transform=2)


def restart_jpeg(rgb):
    planes = [[], [], []]
    for px in rgb.getdata():
        for i, v in enumerate(ycc(*px)):
            planes[i].append(v)
    return write_jpeg(planes, W, H, restart_interval=3)


def strip_app14(jpeg):
    # A plain CMYK JPEG (no Adobe marker): its samples are read as stored, not inverted.
    out, i = bytearray(jpeg[:2]), 2
    while True:
        marker, length = jpeg[i + 1], struct.unpack(">H", jpeg[i + 2:i + 4])[0]
        if marker != 0xEE:
            out += jpeg[i:i + 2 + length]
        i += 2 + length
        if marker == 0xDA:
            return bytes(out) + jpeg[i:]


def arithmetic_coded(jpeg):
    # Re-coded losslessly with arithmetic coding by libjpeg-turbo's jpegtran (Pillow cannot write it).
    return subprocess.run(["jpegtran", "-arithmetic", "-copy", "all"], input=jpeg, capture_output=True, check=True).stdout


# --- PNGs Pillow cannot write ---------------------------------------------------------------------

def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def write_png(w, h, bit_depth, color_type, rows, interlaced=False, extra=b""):
    """rows(x0, dx, y) yields the raw bytes of one (sub-)row."""
    bpp_channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    raw = bytearray()
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)] \
        if interlaced else [(0, 0, 1, 1)]
    for x0, y0, dx, dy in passes:
        if x0 >= w or y0 >= h:
            continue
        for y in range(y0, h, dy):
            raw += b"\x00" + rows(x0, dx, y)
    ihdr = struct.pack(">IIBBBBB", w, h, bit_depth, color_type, 0, 0, 1 if interlaced else 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + extra
            + png_chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + png_chunk(b"IEND", b""))


def rgb_rows(image):
    px = image.load()
    return lambda x0, dx, y: b"".join(bytes(px[x, y]) for x in range(x0, image.width, dx))


def rgb16_rows(x0, dx, y):
    # Distinct low bytes, so a reader that truncates and one that rounds can be told apart.
    return b"".join(struct.pack(">HHH", (x * 1031 + y * 7) & 0xFFFF, (y * 1361) & 0xFFFF, (x * 977 + y * 4099) & 0xFFFF)
                    for x in range(x0, W, dx))


def s15(v):
    return struct.pack(">i", int(round(v * 65536)))


def display_p3_profile():
    # An ICC v2 matrix/TRC profile with Display P3's primaries (D50-adapted) and a 2.2 gamma curve.
    def tag_xyz(x, y, z):
        return b"XYZ \x00\x00\x00\x00" + s15(x) + s15(y) + s15(z)

    desc_text = b"Display P3 (PixelForge test)\x00"
    tags = [
        (b"desc", b"desc\x00\x00\x00\x00" + struct.pack(">I", len(desc_text)) + desc_text + b"\x00" * 79),
        (b"wtpt", tag_xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", tag_xyz(0.5151, 0.2412, -0.0011)),
        (b"gXYZ", tag_xyz(0.2920, 0.6922, 0.0419)),
        (b"bXYZ", tag_xyz(0.1571, 0.0666, 0.7841)),
        (b"rTRC", b"curv\x00\x00\x00\x00" + struct.pack(">IH", 1, int(2.2 * 256))),
        (b"cprt", b"text\x00\x00\x00\x00" + b"No copyright, test data\x00"),
    ]
    tags.append((b"gTRC", tags[5][1]))
    tags.append((b"bTRC", tags[5][1]))
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        while len(data) % 4:
            data += b"\x00"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"none" + b"\x02\x10\x00\x00" + b"mntrRGB XYZ " + b"\x00" * 12 + b"acsp"
              + b"APPL" + b"\x00" * 24 + s15(0.9642) + s15(1.0) + s15(0.8249) + b"none" + b"\x00" * 44)
    return header + struct.pack(">I", len(tags)) + table + body


def exif_with_orientation(n):
    exif = Image.Exif()
    exif[0x0112] = n
    return exif.tobytes()


def save_and_reference(name, data_or_image, **save):
    if isinstance(data_or_image, bytes):
        with open(name, "wb") as f:
            f.write(data_or_image)
    else:
        data_or_image.save(name, **save)
    with Image.open(name) as written:
        written.convert("L").save(name + ".L.png")
        if "transparency" in written.info or written.mode in ("RGBA", "LA", "PA"):
            written.convert("LA").save(name + ".LA.png")


def main():
    rgb, cmyk = pattern_rgb(), pattern_cmyk()

    # 1. CMYK and YCCK JPEGs: Pillow writes Adobe's inverted CMYK (APP14, transform 0).
    save_and_reference("cmyk-adobe.jpg", cmyk, quality=95)
    with open("cmyk-adobe.jpg", "rb") as f:
        adobe = f.read()
    save_and_reference("cmyk-plain.jpg", strip_app14(adobe))
    save_and_reference("ycck-adobe.jpg", ycck_jpeg(cmyk))
    save_and_reference("cmyk.tif", cmyk)
    for name in ("cmyk-adobe.jpg", "cmyk-plain.jpg", "ycck-adobe.jpg", "cmyk.tif"):
        with Image.open(name) as written:
            written.convert("RGB").save(name + ".RGB.png")

    # 2. EXIF orientation 1 to 8, in a JPEG's APP1 and a PNG's eXIf chunk.
    for n in range(1, 9):
        for ext, options in (("jpg", {"quality": 95}), ("png", {})):
            name = "orientation-%d.%s" % (n, ext)
            rgb.save(name, exif=exif_with_orientation(n), **options)
            with Image.open(name) as written:
                ImageOps.exif_transpose(written).convert("L").save(name + ".T.L.png")

    # 3. A wide-gamut profile: Pillow converts the encoded values, ignoring the profile.
    p3 = display_p3_profile()
    save_and_reference("display-p3.png", rgb, icc_profile=p3)
    save_and_reference("display-p3.jpg", rgb, icc_profile=p3, quality=95)
    save_and_reference("display-p3.webp", rgb, icc_profile=p3, lossless=True)
    save_and_reference("display-p3.tif", rgb, icc_profile=p3)
    # Print files carry a profile too; this one does not even match the colour space: it must not matter.
    save_and_reference("cmyk-icc.jpg", cmyk, icc_profile=p3, quality=95)

    # 4. An animated GIF: full-frame, opaque frames with their own timings, looping forever.
    frames = [pattern_rgb(phase=40 * i).quantize(colors=64, method=Image.Quantize.MEDIANCUT) for i in range(3)]
    frames[0].save("animated.gif", save_all=True, append_images=frames[1:], duration=[100, 250, 40], loop=0)
    with Image.open("animated.gif") as gif, open("animated.gif.frames", "w") as listing:
        for i in range(gif.n_frames):
            gif.seek(i)
            gif.convert("L").save("animated.gif.%d.L.png" % i)
            listing.write("%d\n" % gif.info["duration"])
        listing.write("loop=%d\n" % gif.info["loop"])

    # A sprite moving over a still background: Pillow stores frames 2 on as the changed rectangle only,
    # at an offset, with a transparent index, looping three times.
    background = pattern_rgb().quantize(colors=32, method=Image.Quantize.MEDIANCUT).convert("RGB")
    sprites = []
    for i in range(4):
        frame = background.copy()
        frame.paste((255, 40 * i, 0), (8 + 10 * i, 12, 20 + 10 * i, 24))
        sprites.append(frame.quantize(colors=48, method=Image.Quantize.MEDIANCUT))
    sprites[0].save("moving.gif", save_all=True, append_images=sprites[1:], duration=80, loop=3, disposal=1)

    # 5. WebP (lossless and lossy) and TIFF (plain and LZW).
    save_and_reference("lossless.webp", rgb, lossless=True)
    save_and_reference("lossy.webp", rgb, quality=90)
    rgba = rgb.copy()
    rgba.putalpha(Image.frombytes("L", (W, H), bytes(((x * 4) & 0xFF) for y in range(H) for x in range(W))))
    save_and_reference("alpha.webp", rgba, lossless=True)
    save_and_reference("rgb.tif", rgb)
    save_and_reference("rgb-lzw.tif", rgb, compression="tiff_lzw")

    # 6. PNG and JPEG variants.
    save_and_reference("interlaced.png", write_png(W, H, 8, 2, rgb_rows(rgb), interlaced=True))
    save_and_reference("trns-rgb.png", rgb, transparency=(0, 0, 0))
    gray = rgb.convert("L")
    save_and_reference("trns-gray.png", gray, transparency=int(gray.getpixel((5, 5))))
    for bits in (1, 2, 4):
        palette = rgb.quantize(colors=1 << bits, method=Image.Quantize.MEDIANCUT)
        save_and_reference("palette-%dbit.png" % bits, palette, bits=bits)
    save_and_reference("rgb16.png", write_png(W, H, 16, 2, rgb16_rows))
    save_and_reference("restart-markers.jpg", restart_jpeg(rgb))
    baseline = io.BytesIO()
    rgb.save(baseline, "JPEG", quality=95)
    save_and_reference("arithmetic.jpg", arithmetic_coded(baseline.getvalue()))
    gray_gif = gray.quantize(colors=32, method=Image.Quantize.MEDIANCUT).convert("L").convert("P", palette=Image.Palette.ADAPTIVE, colors=32)
    save_and_reference("gray-transparent.gif", gray_gif, transparency=int(gray_gif.getpixel((0, 0))))

    with open("PILLOW_VERSION", "w") as f:
        f.write(PIL.__version__ + "\n")


if __name__ == "__main__":
    main()
