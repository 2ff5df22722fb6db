"""The yardstick for bench/throughput.py: Flask with one route and nothing else.

Served the same way as the real app, so that the ratio cancels out the machine, gunicorn and
Flask's own per-request cost and leaves what the portal adds.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return "Portal pensii"
