"""``python -m tools.bench.small``: the staff pages' 1k database, in a process of its own.

``python -m tools.bench`` runs it with ``DATABASE_URL`` naming ``<BENCH_DATABASE>_1k``
(just made afresh): migrated and seeded as the large database, then the same first
1,000 intakes (the loader's same seed, so the same keys), analysed. The last line of
its output is JSON: the practitioner's session cookie, the summary URLs and their
patients' chart numbers (the large database must agree). A second gunicorn serves
this database, so the staff pages at 1k and at 100k are measured in interleaved rounds.
"""

import json

from tools.bench.stack import say, setup_django

SMALL = 1_000


def main():
    setup_django(static=False)
    from tools.bench import loader
    from tools.bench.staff import analyze, staff_cookies, summary_patients, summary_urls

    loaded = loader.load(intakes=SMALL, tag="a")
    analyze()
    say(f"loaded {loaded['intakes']:,} intakes, {loaded['child_rows']:,} answer rows")
    summaries = summary_urls()
    print(
        json.dumps(
            {
                "cookies": staff_cookies(),
                "summaries": summaries,
                "patients": summary_patients(summaries),
            }
        )
    )


if __name__ == "__main__":
    main()
