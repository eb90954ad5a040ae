"""Settings for the bench's server only: the production settings plus the bare view.

The app never loads this module, so ``POST /bench/bare/`` exists only under ``make bench``.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "tools.bench.urls"
