"""Understanding: the overview page."""

ITEMS = [
    {
        "slug": "nerve-compression-in-the-leg",
        "title": "Nerve compression in the leg",
        "kind": "overview",
        "position": 1,
        "summary": (
            "A nerve in your back or leg can get squeezed. This page explains what that "
            "means, and what sciatica is."
        ),
        "body": """\
Nerves carry messages between your brain and your body. They tell your muscles
to move. They also tell you what you feel, like touch, heat and pain.

Sometimes the tissue around a nerve presses on it. This tissue can be bone, a
disc in your spine, a muscle or a tendon. Doctors call this nerve compression.
Many people call it a pinched nerve. The squeezed nerve does not send its
messages well. That can cause pain, numbness, tingling or weakness.

## The nerves in your leg

Your sciatic nerve is the largest nerve in your body. It starts in your lower
back. It runs through your buttock and down the back of your thigh. Near your
knee it splits into smaller nerves. These go down your calf and into your foot.

A nerve can be squeezed anywhere along this path. It may be in your lower back,
your hip, your thigh or your calf.

## What sciatica means

Sciatica is a name for pain along the path of the sciatic nerve. The pain often
starts in your back or buttock. It can shoot down your leg to your calf or foot.
It is a sign that the nerve is irritated. It is not a disease of its own.

## The good news

For most people, the pain gets better with time and simple care. This can take
a few weeks or a few months. Your clinician will help you find the cause. Then
you can choose a plan together.

Some signs need a doctor quickly. Read about them on the page about when to get
help today.""",
        "related": [
            "herniated-disc",
            "pain",
            "rest-and-physical-therapy",
            "when-to-see-a-doctor",
            "when-to-get-help-today",
        ],
    },
]
