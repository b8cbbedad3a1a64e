"""Reading a PDF the way a person checks it: poppler's pdfinfo/pdftotext, and pdftoppm to look at a page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def text(pdf: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def render(pdf: Path, page: int, out_stem: Path, dpi: int = 40, fmt: str = "ppm") -> Path:
    """One page as an image (PPM for counting pixels, PNG for looking at it)."""
    flag = [] if fmt == "ppm" else [f"-{fmt}"]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", *flag, str(pdf),
                    str(out_stem)], check=True)
    return out_stem.with_suffix("." + fmt)


def read_ppm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    magic, width, height, maxval, rest = re.match(rb"(P6)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
    assert magic == b"P6" and int(maxval) == 255
    return int(width), int(height), rest


def count_pixels(path: Path, box_mm: tuple[float, float, float, float], test) -> int:
    """Pixels inside box (x0, y0, x1, y1 in mm on an A4 page) for which test(r, g, b) holds."""
    width, height, pixels = read_ppm(path)
    sx, sy = width / 210, height / 297
    x0, y0, x1, y1 = (int(box_mm[0] * sx), int(box_mm[1] * sy), int(box_mm[2] * sx), int(box_mm[3] * sy))
    n = 0
    for y in range(y0, y1):
        row = y * width * 3
        for x in range(x0, x1):
            i = row + x * 3
            if test(pixels[i], pixels[i + 1], pixels[i + 2]):
                n += 1
    return n


def magenta(r: int, g: int, b: int) -> bool:
    """The outline of the page's own wijk on its map (#c51b8a)."""
    return r > 150 and g < 90 and b > 100


MAP_BOX = (12, 22, 162, 117)  # the map item of the layout (mm)
