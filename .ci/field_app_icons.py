"""The field app's icons, drawn with Pillow from the favicon's design (a white tick on the
portal's navy), so that they can be redrawn instead of edited by hand.

    .venv/bin/python .ci/field_app_icons.py

writes static/icons/field-app-192.png, field-app-512.png (rounded, for browsers that show the
icon as it is) and field-app-maskable-512.png (full bleed, the tick inside the central 80 %
that every mask keeps).
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
NAVY = (11, 61, 107, 255)
WHITE = (255, 255, 255, 255)
# The favicon's tick on its 32-unit grid: (8, 17) → (13, 22) → (24, 10), 4 units wide.
TICK = [(8, 17), (13, 22), (24, 10)]
SUPERSAMPLE = 4


def draw_icon(size: int, *, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=NAVY)
        scale, offset = big * 0.6 / 32, big * 0.2
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=NAVY)
        scale, offset = big / 32, 0
    points = [(offset + x * scale, offset + y * scale) for x, y in TICK]
    width = round(4 * scale)
    draw.line(points, fill=WHITE, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round caps, as the favicon's stroke-linecap
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    folder = ROOT / "static" / "icons"
    folder.mkdir(exist_ok=True)
    draw_icon(192, maskable=False).save(folder / "field-app-192.png", optimize=True)
    draw_icon(512, maskable=False).save(folder / "field-app-512.png", optimize=True)
    draw_icon(512, maskable=True).save(folder / "field-app-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
