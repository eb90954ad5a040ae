import re

from common.qr import qr_svg


def test_the_code_is_an_inline_svg_element():
    svg = qr_svg("https://clinic.example/kiosk/")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<?xml" not in svg  # inline: no XML declaration inside an HTML page


def test_a_larger_scale_draws_a_larger_code():
    def width(svg):
        return int(re.search(r'width="(\d+)"', svg).group(1))

    url = "https://clinic.example/h/abc/"
    assert width(qr_svg(url, scale=5)) > width(qr_svg(url, scale=4))


def test_different_data_gives_different_codes():
    assert qr_svg("https://clinic.example/h/a/") != qr_svg("https://clinic.example/h/b/")
