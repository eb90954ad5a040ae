"""The seeded patient library, written by the clinic team in plain language.

Each module holds one section as a list of dicts that `education.seed` loads.
Keys are CatalogueItem fields, plus `related` (slugs) and, for exercises, `steps`
(the numbered steps, in order). Target reading grade 6, never above 8: the test
suite measures every item.
"""

from education.content import (
    causes,
    exercises,
    help,
    prevention,
    symptoms,
    treatments,
    understanding,
)

CATALOGUE = [
    *understanding.ITEMS,
    *causes.ITEMS,
    *symptoms.ITEMS,
    *treatments.ITEMS,
    *exercises.ITEMS,
    *prevention.ITEMS,
    *help.ITEMS,
]
