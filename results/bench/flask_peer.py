"""The study's stack, as the HTTP peer of `./pixelforge bench http`: Flask + Pillow, gray conversion.

POST /tone with an image body answers the image converted with Pillow's convert('L'), in the same
format (JPEG at quality 75), as the first study's function did. Run under gunicorn:

    gunicorn -w 2 -b 127.0.0.1:18181 --chdir results/bench flask_peer:app
"""
import io

from flask import Flask, Response, request
from PIL import Image

app = Flask(__name__)


@app.post('/tone')
def tone():
    with Image.open(io.BytesIO(request.get_data())) as im:
        fmt = im.format
        gray = im.convert('L')
    out = io.BytesIO()
    if fmt == 'JPEG':
        gray.save(out, format='JPEG', quality=75)
    else:
        gray.save(out, format=fmt)
    return Response(out.getvalue(), mimetype=Image.MIME.get(fmt, 'application/octet-stream'))
