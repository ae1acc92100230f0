#!/usr/bin/python3
"""Pillow's side of `./pixelforge bench kernel`: the first study's function body, timed warm.

For each image: decode, turn upright (EXIF orientation), convert('L'), encode in the same format (JPEG at the given quality, PNG at
Pillow's defaults), all in memory, as the study's Lambda did. Prints one JSON object per image with
the median seconds of the timed runs and the output size, and writes Pillow's gray pixels (before
encoding) to OUT_DIR/<name>.gray for the pixel comparison.

usage: pillow_kernel.py RUNS QUALITY OUT_DIR IMAGE...
"""
import io
import json
import statistics
import sys
import time

from PIL import Image, ImageOps


def one(data, fmt, quality):
    with Image.open(io.BytesIO(data)) as im:
        # A phone photo's answer must display as the photo does, as PixelForge's does: turn it upright
        # first. Only when it has an orientation to apply: exif_transpose copies the image otherwise.
        if im.getexif().get(0x0112, 1) != 1:
            im = ImageOps.exif_transpose(im)
        gray = im.convert('L')
    out = io.BytesIO()
    if fmt == 'JPEG':
        gray.save(out, format='JPEG', quality=quality)
    else:
        gray.save(out, format=fmt)
    return gray, out.getvalue()


def main():
    runs, quality, out_dir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    for path in sys.argv[4:]:
        data = open(path, 'rb').read()
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
        gray, encoded = one(data, fmt, quality)
        for _ in range(2):  # warm-up, as the JVM side gets
            one(data, fmt, quality)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            one(data, fmt, quality)
            times.append(time.perf_counter() - start)
        name = path.rsplit('/', 1)[-1].rsplit('.', 1)[0]
        open(f"{out_dir}/{name}.gray", 'wb').write(gray.tobytes())
        print(json.dumps({"image": name, "seconds": statistics.median(times), "bytes": len(encoded),
                          "width": gray.width, "height": gray.height}), flush=True)


if __name__ == '__main__':
    main()
