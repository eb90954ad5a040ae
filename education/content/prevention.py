"""Prevention: four everyday habits that take pressure off the nerves."""

ITEMS = [
    {
        "slug": "regular-exercise",
        "title": "Regular exercise",
        "kind": "prevention",
        "position": 1,
        "summary": (
            "Strong muscles in your core, back and legs support your spine and take pressure "
            "off your nerves."
        ),
        "body": """\
Your core is the ring of muscles around your belly and lower back. With your
back and leg muscles, it holds your spine in a good line. When these muscles are
strong, there is less strain on your nerves.

## Ideas to try

- Walk most days. Build up to 30 minutes at a time.
- Swim or cycle if walking hurts.
- Do simple core work, like the pelvic tilt.
- Stretch after you exercise, while your muscles are warm.

Start slowly and build up bit by bit. Ask your clinician which exercises are
safe for you, most of all if you have pain now.""",
        "related": ["pelvic-tilt", "rest-and-physical-therapy", "lifestyle-adjustments"],
    },
    {
        "slug": "posture",
        "title": "Posture",
        "kind": "prevention",
        "position": 2,
        "summary": ("How you sit and stand changes the load on the nerves in your back and legs."),
        "body": """\
Good posture spreads your weight well. It keeps strain off the nerves in your
back and legs.

## When you sit

- Sit back in your chair so it supports your lower back.
- Keep both feet flat on the floor.
- Try not to cross your legs.
- Set your screen at eye level so you do not lean forward.

## When you stand and lift

- Stand tall, with your weight on both feet.
- To lift, bend your knees and keep the load close to your body.
- Turn with your feet, not by twisting your back.

No posture is perfect for hours. The best posture is the next one, so change
position often.""",
        "related": ["breaks", "lifestyle-adjustments", "herniated-disc"],
    },
    {
        "slug": "breaks",
        "title": "Breaks from sitting and repeated movements",
        "kind": "prevention",
        "position": 3,
        "summary": (
            "Short, frequent breaks to move and stretch stop one position or movement from "
            "loading a nerve all day."
        ),
        "body": """\
Sitting still for a long time presses on the nerves and muscles of your lower
back and buttocks. Doing the same motion again and again can strain them too.

## How to take breaks

- Stand up and move for a minute or two every 30 minutes.
- Set a timer on your phone or computer to remind you.
- Walk to get water, or take phone calls standing up.
- During sport or lifting work, rest and stretch between sets.

Short, frequent breaks help more than one long break.""",
        "related": ["posture", "repetitive-motions", "hamstring-stretch"],
    },
    {
        "slug": "healthy-weight",
        "title": "Healthy weight",
        "kind": "prevention",
        "position": 4,
        "summary": (
            "Extra body weight adds load to your spine and leg joints. Small changes can help."
        ),
        "body": """\
Your spine and the joints of your legs carry your body weight all day. Extra
weight adds to that load. It can raise the chance of a squeezed nerve.

## Small steps that help

- Choose water over sugary drinks.
- Fill half your plate with vegetables.
- Add a short walk to your day, then make it a bit longer each week.
- Ask your clinician or a dietitian for a plan that fits you.

You do not need to change everything at once. Even a small weight loss can ease
the load on your back.""",
        "related": ["medical-conditions", "lifestyle-adjustments", "regular-exercise"],
    },
]
