"""The first load counts what a browser fetches for the page, and nothing else."""

from tools.bench.first_load import References, css_references


def test_stylesheets_icons_scripts_and_images_are_fetched_other_links_are_not():
    parser = References()
    parser.feed(
        '<link rel="stylesheet" href="/static/a.css"><link rel="icon" href="/static/f.svg">'
        '<link rel="canonical" href="/kiosk/"><link rel="alternate" href="/fr/">'
        '<script src="/static/app.js" defer></script><script>inline()</script>'
        '<img src="/static/logo.png" alt=""><a href="/staff/">staff</a>'
    )
    assert parser.urls == [
        "/static/a.css",
        "/static/f.svg",
        "/static/app.js",
        None,
        "/static/logo.png",
    ]


def test_a_stylesheet_references_fonts_and_images_but_not_data_uris():
    css = (
        '@font-face{src:url("fonts/x.woff2") format("woff2")}'
        ".a{background:url(data:image/svg+xml;base64,AAAA)}"
        ".b{background:url('img/b.png')} .c{mask:url(#m)}"
    )
    assert css_references(css) == ["fonts/x.woff2", "img/b.png"]
