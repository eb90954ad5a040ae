"""Treatments: the ten options, from self-care to surgery.

Every page says what it is (body), how it may help, what a session or course is
like, how long it usually takes, who it may not suit, and questions to ask.
No page promises a cure.
"""

ITEMS = [
    {
        "slug": "rest-and-physical-therapy",
        "title": "Rest and physical therapy",
        "kind": "treatment",
        "position": 1,
        "treatment_category": "self_care",
        "summary": (
            "A short spell of rest, then exercises with a physical therapist to build "
            "strength and ease pressure on the nerve."
        ),
        "body": """\
Rest here means easing off the things that flare your pain for a short time. It
does not mean bed rest. Staying in bed for days tends to make backs stiffer.

A physical therapist is trained to treat problems with how your body moves.
They check how you move. Then they teach you exercises to stretch tight muscles
and build weak ones.""",
        "how_it_may_help": """\
A short rest can calm swelling around the nerve. Exercise then makes the
muscles that support your spine stronger and more flexible. This can ease the
pressure on the nerve. It may also lower the chance that the problem comes back.""",
        "what_to_expect": """\
Your first visit is mostly talking and testing. The therapist asks about your
pain and watches you move. Later visits last about 30 to 45 minutes. You do
exercises with the therapist, and they may use their hands on your back or leg.
You get exercises to do at home each day. Doing them at home matters as much as
the visits.""",
        "typical_duration": (
            "Often one or two visits a week for 4 to 8 weeks, with home exercises most days."
        ),
        "who_may_not_suit": """\
- People with any warning sign from the page on when to get help today. See a
  doctor first.
- People with a recent broken bone or injury that has not been checked.
- Some exercises may not suit you if you have weak bones or a heart problem. Tell
  your therapist.""",
        "questions_to_ask": """\
- Which exercises should I do at home, and how often?
- How much rest is right for me, and what should I avoid?
- How will we know if it is working?
- What should I do if the pain gets worse?""",
        "related": [
            "stretching-and-nerve-gliding",
            "pelvic-tilt",
            "regular-exercise",
            "herniated-disc",
        ],
    },
    {
        "slug": "stretching-and-nerve-gliding",
        "title": "Stretching and nerve gliding",
        "kind": "treatment",
        "position": 2,
        "treatment_category": "self_care",
        "summary": (
            "Gentle stretches loosen tight muscles. Nerve glides help the nerve slide freely. "
            "You can do both at home."
        ),
        "body": """\
Stretches work on tight muscles in your lower back, buttocks, thighs and calves.
Nerve glides are a bit different. They move your leg and neck in a way that
lets the sciatic nerve slide gently back and forth. Some people call them nerve
flossing.

You can find step-by-step guides in the exercises section of this library.""",
        "how_it_may_help": """\
Loose muscles press less on the nerve. Gliding may help a nerve that is stuck or
sore move more easily. Together they may ease pain and stiffness. They may also
help you move more freely.""",
        "what_to_expect": """\
A clinician shows you each stretch or glide first. Then you do them at home,
most days. Each one takes a few minutes. You should feel a gentle pull. You
should not feel sharp pain. Nerve glides should feel mild. Tingling should fade
as soon as you stop.""",
        "typical_duration": (
            "A few minutes once or twice a day. Many people notice a change within 2 to 6 weeks."
        ),
        "who_may_not_suit": """\
- People whose pain or tingling gets much worse with the moves.
- People with any warning sign. See a doctor first.
- People just after surgery on the back or leg, unless the surgeon agrees.""",
        "questions_to_ask": """\
- Which stretches and glides suit my problem?
- How far should I go, and what should I feel?
- What should I do if my symptoms flare?""",
        "related": [
            "sciatic-nerve-glide",
            "hamstring-stretch",
            "glute-stretch",
            "calf-stretch",
            "muscle-tightness",
        ],
    },
    {
        "slug": "chiropractic-care",
        "title": "Chiropractic care",
        "kind": "treatment",
        "position": 3,
        "treatment_category": "manual_therapy",
        "summary": ("A chiropractor uses their hands to move and adjust the joints of your spine."),
        "body": """\
A chiropractor is trained to treat problems of the spine and joints. The main
treatment is an adjustment. The chiropractor uses their hands, or a small tool,
to move a joint in your spine in a quick, controlled way. You may hear a click.

They may also use gentler ways to move your joints, plus stretches and advice.""",
        "how_it_may_help": """\
The aim is to help the joints of your spine move better. This may ease pressure
on the nerves of your lower back. It may lower pain for some people. The effect
differs a lot from person to person.""",
        "what_to_expect": """\
The first visit includes questions and a check of your back. The chiropractor
may ask for scans. At each visit you lie on a padded table. The adjustments take
a few minutes. A visit usually lasts 15 to 30 minutes. You may feel a little sore
for a day afterwards.""",
        "typical_duration": (
            "Often a few visits over 2 to 6 weeks. Ask for a plan with a clear end point."
        ),
        "who_may_not_suit": """\
Adjustments may not be safe if you:

- have weak bones (osteoporosis)
- have had cancer in your spine or bones
- take blood thinners
- have severe or worsening numbness or weakness
- have had surgery on your spine

Tell the chiropractor about any of these first.""",
        "questions_to_ask": """\
- What do you think is causing my pain?
- How many visits do you expect, and how will we know if it helps?
- What are the risks for me?
- What can I do at home between visits?""",
        "related": ["massage", "rest-and-physical-therapy", "spinal-decompression"],
    },
    {
        "slug": "shockwave-therapy",
        "title": "Shockwave therapy",
        "kind": "treatment",
        "position": 4,
        "treatment_category": "device_based",
        "summary": (
            "A device sends sound waves through your skin into sore tissue. No cuts or "
            "needles are used."
        ),
        "body": """\
Shockwave therapy uses a hand-held device. It sends strong pulses of sound, or
shock waves, through your skin into the sore area. Nothing goes into your body.
There are no cuts or needles.

It is a newer treatment for nerve pain. Research on it is still growing.""",
        "how_it_may_help": """\
The sound waves may boost blood flow and calm swelling in the tissue around the
nerve. This may support healing and ease pain over time. It works better for
some people than others.""",
        "what_to_expect": """\
You sit or lie down. The clinician puts gel on your skin. Then they press the
device on the sore area. You feel fast tapping or clicks. It can feel a bit
uncomfortable, but it should not be very painful. A session takes about 10 to
20 minutes. The area may be red or sore for a day or two.""",
        "typical_duration": "Usually 3 to 6 sessions, about one week apart.",
        "who_may_not_suit": """\
- People who are pregnant.
- People with a bleeding problem or who take blood thinners.
- People with a pacemaker or cancer near the area.
- People with an infection or open wound where the device would go.""",
        "questions_to_ask": """\
- How strong is the evidence for my problem?
- How many sessions will I need, and what do they cost?
- What side effects should I look out for?""",
        "related": ["massage", "rest-and-physical-therapy"],
    },
    {
        "slug": "spinal-decompression",
        "title": "Spinal decompression",
        "kind": "treatment",
        "position": 5,
        "treatment_category": "device_based",
        "summary": (
            "A special table or device gently stretches your spine to take pressure off the "
            "nerves. No surgery is involved."
        ),
        "body": """\
Spinal decompression is a gentle, slow stretch of your spine. You lie on a
special table. A harness around your hips or chest is linked to a machine. The
machine pulls and relaxes in turns.

This page is about the non-surgical kind. Surgery to free a nerve is on the
surgery page.""",
        "how_it_may_help": """\
The stretch may open a little more space between the bones of your spine. This
may take some pressure off a disc or a nerve root. It is most often offered for
herniated discs and sciatica. Results differ from person to person.""",
        "what_to_expect": """\
You lie on your back or front, fully dressed. The machine stretches your spine
slowly, then lets go. You should feel a pull, not pain. Tell the clinician at
once if it hurts. A session lasts about 20 to 30 minutes.""",
        "typical_duration": (
            "Often 10 to 20 sessions over 4 to 6 weeks. Ask for a check of progress part way."
        ),
        "who_may_not_suit": """\
- People who are pregnant.
- People with weak bones, a broken bone or a tumor in the spine.
- People who have metal rods or screws in their spine.
- People with severe nerve damage or any warning sign. They need a doctor first.""",
        "questions_to_ask": """\
- Is my problem one this tends to help?
- How many sessions, and what will it cost?
- What will we do if I see no change?""",
        "related": ["herniated-disc", "chiropractic-care", "surgery"],
    },
    {
        "slug": "massage",
        "title": "Massage",
        "kind": "treatment",
        "position": 6,
        "treatment_category": "manual_therapy",
        "summary": (
            "A massage therapist works on tight muscles in your lower back, buttocks and legs "
            "to ease tension."
        ),
        "body": """\
In massage, a trained therapist uses their hands to press, rub and knead your
muscles. For nerve pain in the leg, they focus on your lower back, buttocks,
thighs and calves.""",
        "how_it_may_help": """\
Massage can relax tight muscles that press on a nerve. It may improve blood flow
to the area. Many people find it eases pain and helps them feel calmer. The
effect is often short, so it works best with stretching and exercise.""",
        "what_to_expect": """\
You lie on a padded table. You are covered with a sheet or towel, and only the
area being worked on is bare. The pressure can be light or firm. Tell the
therapist if it is too much. A session lasts 30 to 60 minutes.""",
        "typical_duration": "Often one session a week for a few weeks, then as needed.",
        "who_may_not_suit": """\
- People with a blood clot, or at risk of one. Do not have the legs massaged.
- People with a skin infection, rash or open wound in the area.
- People with a recent injury or broken bone in the area.
- People who bruise easily or take blood thinners. Ask for light pressure.""",
        "questions_to_ask": """\
- Which muscles will you work on, and why?
- How firm should the pressure be for me?
- Which stretches can I do at home to keep the benefit?""",
        "related": ["muscle-tightness", "stretching-and-nerve-gliding", "glute-stretch"],
    },
    {
        "slug": "medication",
        "title": "Medication",
        "kind": "treatment",
        "position": 7,
        "treatment_category": "medicine",
        "summary": (
            "Pain medicine can ease pain and swelling while the nerve settles. Some are over "
            "the counter. Some need a prescription."
        ),
        "body": """\
Several kinds of medicine can help with nerve pain in the leg.

- **Anti-inflammatory pills**, such as ibuprofen or naproxen. You can buy some
  of them without a prescription. They ease pain and swelling.
- **Paracetamol** (called acetaminophen in some countries). It eases pain but
  not swelling.
- **Prescription medicines.** A doctor may offer these for strong or nerve-type
  pain. Some are made for nerve pain.

Medicine does not fix the cause. It can make it easier to move and do your
exercises while you heal.""",
        "how_it_may_help": """\
Medicine can lower pain and swelling for a while. Less pain makes it easier to
sleep, stay active and do your exercises. That helps your recovery.""",
        "what_to_expect": """\
Your clinician or pharmacist tells you what to take, how much and how often.
Take it with food if the label says so. Keep a note of how well it works and of
any side effects.""",
        "typical_duration": (
            "Usually a short course of a few days to a few weeks. Ask before you take pain "
            "medicine for longer."
        ),
        "who_may_not_suit": """\
Anti-inflammatory pills may not be safe if you:

- have had a stomach ulcer or bleeding
- have kidney, liver or heart problems
- take blood thinners
- are pregnant

Some prescription pain medicines can make you sleepy. Do not drive or drink
alcohol with them until you know how they affect you.""",
        "questions_to_ask": """\
- Which medicine is safe with my other medicines?
- How much should I take, and for how long?
- What side effects should I watch for?
- What should I do if it does not help?""",
        "related": ["pain", "rest-and-physical-therapy", "steroid-injections"],
    },
    {
        "slug": "lifestyle-adjustments",
        "title": "Lifestyle adjustments",
        "kind": "treatment",
        "position": 8,
        "treatment_category": "self_care",
        "summary": (
            "Small changes to how you sit, move, rest and live can take pressure off your "
            "nerves day by day."
        ),
        "body": """\
Lifestyle adjustments are changes you make in daily life. They include:

- better posture when you sit and stand
- regular breaks from sitting, standing or repeated movements
- a work space set up to suit your body
- steps toward a healthy weight
- shoes that support your feet

These changes are often part of every treatment plan.""",
        "how_it_may_help": """\
Each change lowers the strain on your back and legs a little. Together, they can
ease pressure on the nerve. They may also help stop the problem from coming
back.""",
        "what_to_expect": """\
There are no visits or sessions. Your clinician helps you pick a few changes
that fit your day. Start with one or two. Add more once they become habits.""",
        "typical_duration": (
            "Ongoing. Many people feel a difference within a few weeks of steady changes."
        ),
        "who_may_not_suit": """\
These changes suit most people. If you have a health condition, ask before you
start a new diet or exercise plan. If warning signs appear, see a doctor first.""",
        "questions_to_ask": """\
- Which one change would help me most?
- How should I set up my desk or work space?
- Do I need special shoes or inserts?""",
        "related": ["posture", "breaks", "healthy-weight", "regular-exercise"],
    },
    {
        "slug": "steroid-injections",
        "title": "Steroid injections",
        "kind": "treatment",
        "position": 9,
        "treatment_category": "injection",
        "summary": (
            "A doctor injects a strong anti-swelling medicine near the squeezed nerve. It can "
            "give relief for a while."
        ),
        "body": """\
A steroid injection puts a strong anti-swelling medicine, called a
corticosteroid, close to the squeezed nerve. It is not the same as the steroids
some athletes misuse. It often includes a numbing medicine too.

Doctors usually offer it when pain is strong and other treatments have not been
enough.""",
        "how_it_may_help": """\
The steroid calms the swelling around the nerve. This can ease pain for weeks or
sometimes months. The relief does not last for everyone. Many people use that
time to get moving and do their exercises.""",
        "what_to_expect": """\
You lie on your front on a table. The doctor cleans your skin and numbs it. They
often use an X-ray or ultrasound to guide the needle. You may feel pressure or a
short rise in pain. It takes about 15 to 30 minutes. You rest for a short time
after. Someone should drive you home. Your pain may be worse for a day or two
before it eases.""",
        "typical_duration": (
            "One visit. Relief may start in a few days. Doctors limit how many injections "
            "you can have in a year."
        ),
        "who_may_not_suit": """\
- People with an infection, a fever or a skin problem where the needle goes.
- People who take blood thinners. The doctor may ask you to pause them.
- People with diabetes. The shot can raise blood sugar for a few days.
- People who are pregnant, or allergic to the medicines used.""",
        "questions_to_ask": """\
- Why do you suggest it for me, and what are the risks?
- How long might the relief last?
- How many injections could I have?
- Should I stop any medicine before it?""",
        "related": ["medication", "surgery", "herniated-disc"],
    },
    {
        "slug": "surgery",
        "title": "Surgery",
        "kind": "treatment",
        "position": 10,
        "treatment_category": "surgery",
        "summary": (
            "An operation to take pressure off the nerve. It is an option when other "
            "treatments have not helped, or in an emergency."
        ),
        "body": """\
Most people with a squeezed nerve in the leg never need surgery. A surgeon may
offer it when months of other care have not helped. It is also needed fast in
the rare cases where the nerves at the base of the spine are badly squeezed.

There are a few common types.

- **Discectomy.** The surgeon takes out the part of a herniated disc that
  presses on the nerve.
- **Laminectomy.** The surgeon removes a small piece of bone to make more room
  for the nerves.
- **Nerve release.** The surgeon frees a nerve from tight tissue in the hip or
  leg.""",
        "how_it_may_help": """\
Surgery takes away what is pressing on the nerve. For the right person, leg pain
often eases sooner than with other care. Numbness and weakness may take longer
to improve, and may not go away fully. Surgery does not stop new problems in
other parts of the spine.""",
        "what_to_expect": """\
You have tests before the operation. Most people have a general anesthetic, so
you sleep through it. Many go home the same day or the next day. You get a plan
to walk a little each day, and later do physical therapy.""",
        "typical_duration": (
            "The operation takes one to a few hours. Most people get back to light tasks in "
            "2 to 6 weeks. Full recovery can take a few months."
        ),
        "who_may_not_suit": """\
- People whose pain is getting better with other care.
- People whose health makes an operation too risky, such as some heart or lung
  problems.
- People whose scans do not show a clear cause the surgery can fix.

Every operation has risks, such as infection, bleeding or nerve damage. Your
surgeon will go through them with you.""",
        "questions_to_ask": """\
- What will happen if I wait?
- What are the chances it helps my leg pain?
- What are the risks for me?
- How long will I be off work or sport?""",
        "related": ["steroid-injections", "spinal-decompression", "when-to-get-help-today"],
    },
]
