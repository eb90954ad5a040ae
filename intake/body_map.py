"""Geometry of the body map: one SVG shape per side of each body region, front and back.

The map is drawn server-side from these shapes (templates/intake/_body_map.html) and
backed by real checkboxes named with `vocabulary.region_key`, so it works without
JavaScript and with a screen reader; static/js/body-map.js makes the shapes tappable.

Coordinates are in a 200 x 400 box per view. The front view faces the patient, so
the patient's right leg is on the viewer's left; the back view shows the patient from
behind, so their left leg is on the viewer's left.
"""

from dataclasses import dataclass

from intake.vocabulary import REGION_VIEW, BodyRegion, Side, region_key

# Shapes of the patient's RIGHT side in each view, as (x, y, width, height, corner radius):
# on the viewer's left in the front view, on the viewer's right in the back view.
# The left side is the mirror image about x = 100.
_RIGHT_SIDE_FRONT = {
    BodyRegion.HIP: (52, 22, 44, 40, 14),
    BodyRegion.THIGH_FRONT: (56, 66, 40, 104, 12),
    BodyRegion.KNEE: (60, 174, 34, 34, 14),
    BodyRegion.SHIN: (63, 212, 28, 104, 10),
    BodyRegion.ANKLE: (64, 320, 26, 22, 8),
    BodyRegion.FOOT_TOP: (56, 346, 36, 40, 12),
}
_RIGHT_SIDE_BACK = {
    BodyRegion.LOWER_BACK: (102, 2, 44, 44, 8),
    BodyRegion.BUTTOCK: (102, 50, 46, 56, 22),
    BodyRegion.THIGH_BACK: (104, 110, 40, 104, 12),
    BodyRegion.CALF: (107, 218, 32, 104, 14),
    BodyRegion.FOOT_SOLE: (108, 332, 30, 54, 14),
}


@dataclass(frozen=True)
class Shape:
    key: str
    view: str
    side: str
    region: str
    label: str
    x: int
    y: int
    width: int
    height: int
    radius: int


def _shape(view, side, region, box):
    x, y, width, height, radius = box
    if side == Side.LEFT:
        x = 200 - x - width
    return Shape(
        key=region_key(side, region),
        view=view,
        side=side.value,
        region=region.value,
        label=f"{region.label} ({side.label})",
        x=x,
        y=y,
        width=width,
        height=height,
        radius=radius,
    )


def shapes(view):
    """Every shape drawn in one view ("front" or "back")."""
    boxes = _RIGHT_SIDE_FRONT if view == "front" else _RIGHT_SIDE_BACK
    return [
        _shape(view, side, region, boxes[region])
        for side in (Side.RIGHT, Side.LEFT)
        for region in BodyRegion
        if REGION_VIEW[region] == view
    ]


def views(selected=()):
    """The two views with their shapes, each marked selected or not, for the template."""
    chosen = set(selected)
    return [
        {
            "code": view,
            "shapes": [(shape, shape.key in chosen) for shape in shapes(view)],
        }
        for view in ("front", "back")
    ]
