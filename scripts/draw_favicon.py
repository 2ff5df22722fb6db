"""Draws the site's icon: a white P on the header's dark blue, over its light blue band.

One set of squares on a 16-unit grid gives both files, so the two can never differ:
static/favicon.svg (linked by the pages) and static/favicon.ico (16, 32 and 48 px, for
browsers and crawlers that ask /favicon.ico). Whole units keep every edge on a pixel at those
sizes, so the small icon stays sharp on an old phone's tab bar. Run again after a change:

    .venv/bin/python scripts/draw_favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "static"
GRID = 16
BRAND = "#003a70"  # --brand in static/css/site.css
BAND = "#5694ca"  # the header's bottom border
WHITE = "#ffffff"
# (x, y, width, height, colour) in grid units, painted in order.
SQUARES = [
    (0, 0, 16, 16, BRAND),
    (0, 13, 16, 3, BAND),
    (4, 2, 7, 6, WHITE),  # the P's bowl
    (4, 8, 3, 3, WHITE),  # the rest of its stem
    (7, 4, 2, 2, BRAND),  # the bowl's hole
]
ICO_SIZES = (16, 32, 48)


def svg() -> str:
    rects = "".join(
        f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{colour}"/>'
        for x, y, w, h, colour in SQUARES
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}" '
        f'shape-rendering="crispEdges">{rects}</svg>\n'
    )


def bitmap(size: int) -> Image.Image:
    scale = size // GRID
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for x, y, w, h, colour in SQUARES:
        draw.rectangle(
            (x * scale, y * scale, (x + w) * scale - 1, (y + h) * scale - 1), fill=colour
        )
    return image


def main() -> None:
    (STATIC / "favicon.svg").write_text(svg(), encoding="ascii")
    images = [bitmap(size) for size in ICO_SIZES]
    # Each size drawn at its own scale rather than shrunk from the largest (which would blur).
    images[-1].save(
        STATIC / "favicon.ico",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )


if __name__ == "__main__":
    main()
