"""Symptoms: how a squeezed nerve in the leg can feel."""

ITEMS = [
    {
        "slug": "pain",
        "title": "Pain",
        "kind": "symptom",
        "position": 1,
        "summary": (
            "Nerve pain can be sharp, aching or burning. It often travels from your back or "
            "hip down your leg."
        ),
        "body": """\
Pain is the most common sign of a squeezed nerve in the leg. It can feel:

- sharp or shooting, like an electric shock
- dull and aching
- hot or burning

The pain often starts in your lower back, buttock or hip. From there it can
travel down the back of your leg. It may reach your calf or your foot. Many
people feel it in one leg only.

Some things can make it worse. These include sitting for a long time, bending,
coughing or sneezing. Walking or lying down may ease it.

## What you can do

- Keep a note of what makes the pain better or worse. Bring it to your visit.
- Use the pain scale from 0 to 10 to track it each day.
- Ask your clinician which pain medicine is safe for you.

Pain in both legs, or pain that keeps you up every night, needs a doctor soon.""",
        "related": ["medication", "rest-and-physical-therapy", "when-to-see-a-doctor"],
    },
    {
        "slug": "numbness",
        "title": "Numbness",
        "kind": "symptom",
        "position": 2,
        "summary": (
            "Part of your leg or foot may feel dull or asleep, as if you cannot feel it well."
        ),
        "body": """\
Numbness means you feel less than usual in part of your body. Your calf or foot
may feel like it has gone to sleep. Touch, heat or cold may feel faint.

It happens when a squeezed nerve cannot pass on messages from your skin. It
often shows up in the same area as the pain.

## Take care

- Check your feet each day for cuts or blisters you may not feel.
- Test bath water with your hand or elbow first.
- Wear shoes that fit well.

Get help today if you feel numb between your legs or around your bottom. Also
get help today if both legs go numb.""",
        "related": ["tingling", "stretching-and-nerve-gliding", "when-to-get-help-today"],
    },
    {
        "slug": "tingling",
        "title": "Tingling or pins and needles",
        "kind": "symptom",
        "position": 3,
        "summary": (
            "A prickly or buzzing feeling in your leg or foot is a sign that a nerve is irritated."
        ),
        "body": """\
Tingling can feel like pins and needles, prickles or a buzz under your skin. You
may feel it in your calf, the back of your leg or your foot.

It is a sign that a nerve is irritated. The nerve sends mixed-up messages, and
your brain reads them as tingling. It may come and go. It may get worse when you
sit or bend.

## What you can do

- Change your position often.
- Try gentle nerve glides, if your clinician says they suit you.
- Note when the tingling starts and stops.

Tell your clinician if the tingling spreads or comes with new weakness.""",
        "related": ["numbness", "sciatic-nerve-glide", "stretching-and-nerve-gliding"],
    },
    {
        "slug": "muscle-weakness",
        "title": "Muscle weakness",
        "kind": "symptom",
        "position": 4,
        "summary": (
            "Your leg may feel weak or tire fast, most often after you stand or walk for a while."
        ),
        "body": """\
A squeezed nerve may not pass on the signals that make a muscle work. Then the
muscle feels weak. Your leg may give way, or tire faster than the other one.
This is often worse after you stand or walk for a long time.

Some people find it hard to stand on their toes or heels. Some trip more than
usual.

## What you can do

- Tell your clinician exactly which movements feel weak.
- Use a rail on stairs, and clear trip hazards at home.
- Ask for exercises to keep your muscles strong.

Get help today if the weakness is getting worse, if both legs are weak, or if
your foot slaps or drags when you walk. Doctors call the last one foot drop.""",
        "related": ["rest-and-physical-therapy", "when-to-get-help-today"],
    },
    {
        "slug": "reduced-range-of-motion",
        "title": "Reduced range of motion",
        "kind": "symptom",
        "position": 5,
        "summary": (
            "Pain and stiff muscles can make it hard to bend, stretch or move your leg as far "
            "as usual."
        ),
        "body": """\
Range of motion means how far you can move a joint. With a squeezed nerve, you
may not be able to bend forward, lift your leg or stretch as far as before.

This can happen for two reasons. Moving may pull on the sore nerve and hurt.
Your muscles may also tighten up to guard the area.

## What you can do

- Move gently often. Keeping still for a long time makes stiffness worse.
- Try the stretches your clinician shows you. Go only as far as feels safe.
- Use heat on tight muscles for short spells, if it helps you.""",
        "related": ["stretching-and-nerve-gliding", "hamstring-stretch", "knee-to-chest-stretch"],
    },
]
