"""Settings for the benchmark server only: production settings plus the bare ceiling view.

The app never loads this module, so the bare view is unreachable outside ``make bench``.
"""

from clinic.settings import *  # noqa: F403

ROOT_URLCONF = "clinic.bench.urls"
