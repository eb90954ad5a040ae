"""When to get help: seeing a doctor, and the warning signs that cannot wait."""

ITEMS = [
    {
        "slug": "when-to-see-a-doctor",
        "title": "When to see a doctor",
        "kind": "help",
        "position": 1,
        "summary": (
            "See a doctor if your leg pain is strong, lasts, or does not get better with rest "
            "and home care."
        ),
        "body": """\
Most nerve pain in the leg eases with time and simple care. But some pain needs
a doctor to look at it. A nerve that stays squeezed for a long time can be
harmed for good. Getting help early gives you more choices.

## Book a visit with a doctor if

- your pain is strong or keeps coming back
- it does not get better after a few weeks of rest and home care
- it stops you from working, sleeping or doing daily tasks
- the numbness, tingling or weakness is spreading
- you have had cancer in the past
- you have lost weight without trying
- you feel unwell, or have a fever or chills, along with back pain
- you had a spine injection or surgery, or an infection, not long ago
- you use a medicine that weakens your immune system, like steroid tablets
- the pain is there all night and does not ease when you rest or shift
- the pain is in your upper back

## Get help today instead

Some signs cannot wait. Read the page on when to get help today.""",
        "related": ["when-to-get-help-today", "pain", "nerve-compression-in-the-leg"],
    },
    {
        "slug": "when-to-get-help-today",
        "title": "When to get help today",
        "kind": "help",
        "position": 2,
        "summary": (
            "A few warning signs mean a nerve may be badly squeezed. Get help the same day, "
            "at an emergency department if you must."
        ),
        "body": """\
Some warning signs can mean the nerves at the base of your spine are badly
squeezed. This is rare. It needs care fast to protect your bladder, bowel and
legs.

## Tell staff now, or go to an emergency department, if you have

- new: you cannot pee, it is hard to start, or you cannot feel when your
  bladder is full
- new: pee leaks out and you cannot hold it in
- numbness between your legs, around your bottom or your genitals
- new loss of bowel control, or you cannot feel when your bowel opens
- new numbness or loss of feeling or function in your sexual organs
- pain, numbness or tingling in both legs
- weakness that is getting worse, or both legs feel weak
- your foot slaps or drags when you walk

## Do not wait

Do not wait to see if these signs go away. Do not wait for your next visit.
If you are at home, call your emergency number or go to an emergency
department.

Get help the same day too after a big fall or accident. The same goes for a
small fall if you have weak bones.""",
        "related": ["when-to-see-a-doctor", "numbness", "muscle-weakness"],
    },
]
