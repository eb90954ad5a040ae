"""Causes: five common reasons a nerve in the leg gets squeezed."""

ITEMS = [
    {
        "slug": "herniated-disc",
        "title": "Herniated disc",
        "kind": "cause",
        "position": 1,
        "summary": (
            "A disc in your spine can bulge out and press on a nerve. This is a common "
            "cause of sciatica."
        ),
        "body": """\
Your spine is a stack of bones. Between each pair of bones is a soft pad called a
disc. The discs act like cushions when you move.

A disc has a tough outer ring and a soft, jelly-like center. With age or strain,
the outer ring can weaken. Part of the center can then push out. This is called
a herniated disc. You may also hear "slipped disc" or "bulging disc".

The bulge can press on a nerve root. A nerve root is where a nerve leaves your
spine. If it is a root of the sciatic nerve, you may feel pain down your leg.
You may also feel numb, tingle or feel weak in your leg or foot.

## What you can do

- Keep moving gently, within what you can manage.
- Ask your clinician about stretches and nerve glides.
- Avoid heavy lifting and long sitting while it is sore.

Many herniated discs shrink by themselves over weeks or months. Your clinician
can tell you what fits your case.""",
        "related": [
            "pain",
            "stretching-and-nerve-gliding",
            "rest-and-physical-therapy",
            "spinal-decompression",
        ],
    },
    {
        "slug": "injury-or-trauma",
        "title": "Injury or trauma",
        "kind": "cause",
        "position": 2,
        "summary": (
            "A fall, a blow or an accident can cause swelling or damage that presses on a "
            "nerve in your back, hip or leg."
        ),
        "body": """\
An injury to your lower back, hip or leg can hurt a nerve. This can happen in a
fall, a car crash or a sports accident.

After an injury, the tissue around the nerve often swells. The swelling can
press on the nerve. A broken bone, a bruise deep in a muscle or scar tissue can
press on it too.

## What you can do

- Tell your clinician exactly how you got hurt.
- Rest the injured area at first, then move gently as the pain allows.
- Follow the plan your clinician gives you.

Get help the same day if you had a big fall or accident. Do the same after a
small fall if you have weak bones (osteoporosis).""",
        "related": ["pain", "rest-and-physical-therapy", "when-to-get-help-today"],
    },
    {
        "slug": "muscle-tightness",
        "title": "Muscle tightness or imbalance",
        "kind": "cause",
        "position": 3,
        "summary": (
            "Tight muscles in your buttocks, the back of your thighs or your lower back can "
            "press on a nerve."
        ),
        "body": """\
Your sciatic nerve passes close to several muscles. Two groups matter most. Your
glutes are the muscles of your buttocks. Your hamstrings are the muscles at the
back of your thigh.

When these muscles are tight, they can press on the nerve. The same can happen
when some muscles are much stronger than others. We call this an imbalance. It
can pull your hips or back out of their usual line.

Tight muscles often come from sitting a lot. They can also come from hard
training without stretching, or from an old injury.

## What you can do

- Stretch your glutes, hamstrings and calves each day.
- Build strength in your core, the muscles around your belly and back.
- Get up and move every half hour if you sit a lot.""",
        "related": [
            "stretching-and-nerve-gliding",
            "massage",
            "hamstring-stretch",
            "glute-stretch",
        ],
    },
    {
        "slug": "repetitive-motions",
        "title": "Repetitive motions and overuse",
        "kind": "cause",
        "position": 4,
        "summary": (
            "Doing the same movement again and again, at work or in sport, can strain muscles "
            "so they press on a nerve."
        ),
        "body": """\
Some jobs and sports repeat the same movement many times a day. Think of
lifting boxes, running, cycling or bending over a workbench.

Over time, the muscles and tendons that do this work can get strained and
swollen. Then they can press on a nearby nerve. This is common in athletes and
in people with active jobs.

## What you can do

- Take short breaks to change position and stretch.
- Mix up your tasks or training when you can.
- Build up new activities slowly.
- Ask your clinician to check how you lift, sit or train.""",
        "related": ["breaks", "rest-and-physical-therapy", "regular-exercise"],
    },
    {
        "slug": "medical-conditions",
        "title": "Medical conditions",
        "kind": "cause",
        "position": 5,
        "summary": (
            "Diabetes, arthritis and extra body weight can make nerve compression more likely."
        ),
        "body": """\
Some health conditions raise the chance that a nerve gets squeezed or hurt.

- **Diabetes.** High blood sugar over time can harm nerves and the small blood
  vessels that feed them. Hurt nerves cope less well with pressure.
- **Arthritis.** Swollen or worn joints in your spine or hips can narrow the
  space where nerves run.
- **Extra body weight.** More weight puts more load on your spine and the
  joints of your legs.

## What you can do

- Keep your blood sugar in the range your care team sets.
- Ask about safe ways to stay active with arthritis.
- Small, steady steps toward a healthy weight can ease the load.

Tell your clinician about any of these conditions. They change which
treatments suit you.""",
        "related": ["lifestyle-adjustments", "healthy-weight", "regular-exercise"],
    },
]
