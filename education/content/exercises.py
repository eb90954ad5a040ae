"""Exercises: the nerve glides and stretches the treatment pages mention."""

STOP_IF_COMMON = """\
- You feel sharp or shooting pain.
- Tingling or numbness gets worse, or does not fade soon after you stop.
- Your leg feels weaker.

Tell your clinician if this happens."""

ITEMS = [
    {
        "slug": "sciatic-nerve-glide",
        "title": "Seated sciatic nerve glide",
        "kind": "exercise",
        "position": 1,
        "summary": (
            "A gentle move that lets your sciatic nerve slide back and forth. You do it "
            "sitting in a chair."
        ),
        "body": """\
This is not a stretch. The aim is to move the nerve gently, not to pull it. You
should feel little or no discomfort.""",
        "steps": [
            "Sit up tall on a firm chair. Put both feet flat on the floor.",
            "Let your head drop forward a little, and slump your back a little.",
            "Slowly straighten your sore leg, with your toes pointing up.",
            "As your leg goes straight, lift your head to look ahead.",
            "Slowly bend your knee again, and let your head drop forward again.",
            "Keep moving smoothly between the two positions.",
        ],
        "hold_time": "Do not hold. Keep moving slowly.",
        "repetitions": "10 times",
        "how_often": "2 or 3 times a day",
        "stop_if": STOP_IF_COMMON,
        "related": ["stretching-and-nerve-gliding", "tingling", "hamstring-stretch"],
    },
    {
        "slug": "hamstring-stretch",
        "title": "Hamstring stretch",
        "kind": "exercise",
        "position": 2,
        "summary": "Stretches the muscles at the back of your thigh while you lie down.",
        "body": "Your hamstrings are the muscles at the back of your thigh. A towel helps.",
        "steps": [
            "Lie on your back with both knees bent and feet flat.",
            "Loop a towel or belt around the sole of one foot.",
            "Hold the ends of the towel and slowly straighten that leg up toward the ceiling.",
            "Stop when you feel a gentle pull at the back of your thigh.",
            "Hold, and keep breathing.",
            "Slowly lower the leg and switch sides.",
        ],
        "hold_time": "20 to 30 seconds",
        "repetitions": "3 times on each leg",
        "how_often": "Once or twice a day",
        "stop_if": STOP_IF_COMMON,
        "related": ["stretching-and-nerve-gliding", "muscle-tightness", "glute-stretch"],
    },
    {
        "slug": "glute-stretch",
        "title": "Glute stretch",
        "kind": "exercise",
        "position": 3,
        "summary": ("Stretches the muscles of your buttock, which sit close to the sciatic nerve."),
        "body": (
            "Your glutes are the muscles of your buttock. One of them, the piriformis, lies "
            "right over the sciatic nerve."
        ),
        "steps": [
            "Lie on your back with both knees bent and feet flat.",
            "Cross your sore leg over, so that ankle rests on the other knee.",
            "Reach your hands behind the thigh of the bottom leg.",
            "Gently pull that thigh toward your chest.",
            "Stop when you feel a stretch deep in your buttock.",
            "Hold, then slowly let go and switch sides.",
        ],
        "hold_time": "20 to 30 seconds",
        "repetitions": "3 times on each side",
        "how_often": "Once or twice a day",
        "stop_if": STOP_IF_COMMON,
        "related": ["muscle-tightness", "massage", "knee-to-chest-stretch"],
    },
    {
        "slug": "knee-to-chest-stretch",
        "title": "Knee to chest stretch",
        "kind": "exercise",
        "position": 4,
        "summary": "A gentle stretch for your lower back while you lie on your back.",
        "body": "This stretch can ease a stiff lower back. Move slowly.",
        "steps": [
            "Lie on your back on a firm surface, with knees bent and feet flat.",
            "Hold one knee with both hands.",
            "Gently pull that knee toward your chest.",
            "Keep your other foot flat on the floor.",
            "Hold, then slowly lower your foot back to the floor.",
            "Switch legs. Later you can try both knees at once.",
        ],
        "hold_time": "15 to 20 seconds",
        "repetitions": "3 to 5 times on each leg",
        "how_often": "Once or twice a day",
        "stop_if": STOP_IF_COMMON,
        "related": ["reduced-range-of-motion", "pelvic-tilt", "glute-stretch"],
    },
    {
        "slug": "calf-stretch",
        "title": "Calf stretch",
        "kind": "exercise",
        "position": 5,
        "summary": "Stretches the muscles of your calf, using a wall for support.",
        "body": "Tight calves can add to pain in the lower leg. Keep your heel down.",
        "steps": [
            "Stand facing a wall, with your hands on the wall at shoulder height.",
            "Step your sore leg back about one big step.",
            "Keep that leg straight and press its heel to the floor.",
            "Bend your front knee and lean toward the wall.",
            "Stop when you feel a stretch in the calf of your back leg.",
            "Hold, then step back in and switch legs.",
        ],
        "hold_time": "20 to 30 seconds",
        "repetitions": "3 times on each leg",
        "how_often": "Twice a day",
        "stop_if": STOP_IF_COMMON,
        "related": ["stretching-and-nerve-gliding", "muscle-tightness"],
    },
    {
        "slug": "pelvic-tilt",
        "title": "Pelvic tilt",
        "kind": "exercise",
        "position": 6,
        "summary": ("A small move that wakes up your core muscles and eases a stiff lower back."),
        "body": "Your core is the ring of muscles around your belly and lower back.",
        "steps": [
            "Lie on your back with knees bent and feet flat, hip width apart.",
            "Rest your arms by your sides.",
            "Tighten your belly muscles, as if you pull your belly button in.",
            "Press the small of your back gently into the floor. Your hips tilt a little.",
            "Hold, and keep breathing.",
            "Relax, and let your back return to where it started.",
        ],
        "hold_time": "5 seconds",
        "repetitions": "10 times",
        "how_often": "Once or twice a day",
        "stop_if": STOP_IF_COMMON,
        "related": ["regular-exercise", "rest-and-physical-therapy", "knee-to-chest-stretch"],
    },
]
