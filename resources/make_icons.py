"""Draw APDesk's icon: resources/icons/apdesk.png (256 px) and apdesk.ico (16 to 256 px).

Run `python resources/make_icons.py` (Pillow, which ReportLab already needs, and the
bundled DejaVu Sans Bold). The output is committed; the same Pillow gives the same bytes.
The design: the documents' navy (#1F4E79) rounded square, a white folded page, "AP".
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
NAVY = (31, 78, 121, 255)
WHITE = (255, 255, 255, 255)
FOLD = (200, 214, 228, 255)
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
SCALE = 1024  # drawn large, then reduced for each size


def draw() -> Image.Image:
    image = Image.new("RGBA", (SCALE, SCALE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((32, 32, SCALE - 32, SCALE - 32), radius=180, fill=NAVY)
    # A page with its top-right corner folded over.
    left, top, right, bottom, fold = 232, 150, 792, 874, 170
    pen.polygon(
        [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)],
        fill=WHITE,
    )
    pen.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=FOLD)
    font = ImageFont.truetype(str(HERE / "fonts" / "DejaVuSans-Bold.ttf"), 330)
    pen.text(((left + right) / 2, 560), "AP", font=font, fill=NAVY, anchor="mm")
    return image


def write(folder: Path) -> tuple[Path, Path]:
    """Write apdesk.png and apdesk.ico into folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    large = draw()
    images = [large.resize((size, size), Image.Resampling.LANCZOS) for size in SIZES]
    png, ico = folder / "apdesk.png", folder / "apdesk.ico"
    images[-1].save(png, optimize=False)
    images[-1].save(ico, sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    return png, ico


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "icons"):
        print(path)
