"""Settings for the measured benchmarks: the real settings with a bench-only URL and no limiter.

The SKM per-address flood limit is raised out of reach because every load-generator thread
comes from 127.0.0.1: the throughput benchmark measures the form, not the limiter.
"""

import warnings

from sikap.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_bench"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SIKAP_SKM_RATE_LIMIT = (1_000_000_000, 600)
SIKAP_SKM_KIOSK_RATE_LIMIT = (1_000_000_000, 600)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

# The benchmarks serve no static files; WhiteNoise would warn once per worker otherwise.
warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")
