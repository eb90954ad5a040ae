"""gunicorn's settings for NerveDesk: ``gunicorn -c config/gunicorn.conf.py``.

Command-line flags (--bind, --workers, --access-logfile ...) still override these.
"""

wsgi_app = "config.wsgi"
# Masks handout tokens and kiosk codes in the access and error logs (config/logging.py).
logger_class = "config.logging.MaskedGunicornLogger"
