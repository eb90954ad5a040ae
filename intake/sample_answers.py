"""One complete, realistic set of intake answers, in the wizard's form format.

Steps 1-8 as the kiosk forms post them (step 9, consent, names a consent text version
and so is added by each user). Shared by the tests and the load generators, which
must not drift apart. No Django imports: the load generator runs without Django.
"""

SAMPLE_ANSWERS = {
    1: {"height_cm": "170", "weight_kg": "92.5", "sits_long": "true", "manual_work": "false"},
    2: {"regions": ["left_lower_back", "left_buttock", "left_calf", "left_foot_sole"]},
    3: {
        "symptoms": ["pain", "numbness", "tingling"],
        "pain_qualities": ["burning", "shooting"],
        "onset_type": "gradual",
        "onset_after_injury": "false",
        "first_episode": "false",
        "course": "same",
        "worse_factors": ["sitting", "coughing_sneezing"],
        "better_factors": ["walking"],
    },
    4: {
        "leg_pain_now": "6",
        "leg_pain_average": "5",
        "leg_pain_worst": "8",
        "back_pain_now": "3",
        "sbi_1": "4",
        "sbi_2": "3",
        "sbi_3": "1",
        "sbi_4": "5",
    },
    5: {"risk_factors": ["muscle_tightness", "diabetes", "repetitive_sport"]},
    6: {"bladder": "false", "saddle_numbness": "false", "night_pain": "true"},
    7: {
        **{f"start_back-item_{n}": "1" for n in range(1, 9)},
        "start_back-item_9": "4",
        **{f"rmdq-item_{n}": "1" if n <= 10 else "0" for n in range(1, 25)},
        **{f"odi-item_{n}": "2" for n in range(1, 10)},
    },
    8: {
        "treatment_rest_physical_therapy": "not_helped",
        "treatment_medication": "helped",
        "treatment_surgery": "not_tried",
        "medicines": "Ibuprofen 400 mg\nParacetamol",
        "goals": "Walk the dog again.",
    },
}
