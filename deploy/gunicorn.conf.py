"""gunicorn's settings wherever the site is served: `make run` and each instance of `make cluster`
(scripts/cluster.py gives --bind and the log files on the command line, which win over these).

Sync workers: behind nginx (which buffers slow clients) they are the simplest model that holds.
Without nginx, as in `make run`, a slow client holds a worker; that is the development server.
"""

import importlib.util
import os
from pathlib import Path

# webapp/config.py alone, without the webapp package: importing the app (and WeasyPrint with it)
# in the arbiter before it forks its workers is what WeasyPrint warns against.
_spec = importlib.util.spec_from_file_location(
    "portal_config", Path(__file__).resolve().parent.parent / "webapp" / "config.py"
)
_config = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_config)

RATE_LIMIT_STORAGE = _config.rate_limit_storage(os.environ)
SHARED_LIMITS = not RATE_LIMIT_STORAGE.startswith("memory://")

wsgi_app = "wsgi:app"
bind = [f"127.0.0.1:{os.environ.get('PORT') or 5000}"]
# One worker while the rate limits are counted in this process's memory (`make run` on SQLite,
# no Redis); two once they are shared. WEB_CONCURRENCY (gunicorn's own variable) overrides.
workers = int(os.environ.get("WEB_CONCURRENCY") or (2 if SHARED_LIMITS else 1))
# F17: gunicorn's largest request line (the default is 4094). `0` (unlimited) let a 16 MB line
# be buffered in a worker; nginx in front refuses anything longer than 8 KB before it gets here.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
timeout = 30
graceful_timeout = 20
accesslog = "-"


def on_starting(server):
    """Refuses memory:// rate limits with more than one worker, in any environment (F8): each
    worker would count for itself, so every limit would be multiplied by the workers."""
    if server.cfg.workers > 1 and not SHARED_LIMITS:
        raise RuntimeError(
            f"{server.cfg.workers} gunicorn workers with rate limits in memory "
            "(RATELIMIT_STORAGE_URI unset or memory://) would each count their own requests: "
            "set REDIS_URL (for example redis://127.0.0.1:6379/0) or RATELIMIT_STORAGE_URI, "
            "or run one worker (WEB_CONCURRENCY=1)."
        )
