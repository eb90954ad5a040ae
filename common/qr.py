"""QR codes as inline SVG (the tablet code, the shared handout link, the two-factor key)."""

import segno


def qr_svg(data, *, scale=4):
    """``data`` as an inline ``<svg>`` element: black on white, medium error correction
    (still readable when a printed code is a little worn)."""
    return segno.make(data, error="m").svg_inline(scale=scale, dark="#000", light="#fff")
