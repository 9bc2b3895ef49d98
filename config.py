"""Settings for each environment; any of them can be overridden by a ``FLASK_<NAME>`` variable.

``create_app`` loads one of these classes, then ``app.config.from_prefixed_env()``, so
``FLASK_SQLALCHEMY_DATABASE_URI=postgresql+psycopg://...`` or ``FLASK_RATELIMIT_STORAGE_URI=...``
take effect without code changes. The README lists every setting.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"


class Config:
    #: None means "generate one into instance/secret_key" (development) or refuse (production).
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'tandem.sqlite3'}"
    #: Seconds a SQLite connection waits for a lock before giving up.
    SQLITE_BUSY_TIMEOUT = 30
    CONTENT_DIR = str(BASE_DIR / "content")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"

    WTF_CSRF_TIME_LIMIT = None
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    #: Sign-in attempts allowed per client address.
    LOGIN_RATE_LIMIT = "10 per minute;50 per hour"

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/Helsinki"
    LANGUAGES = ("en", "fi", "sv")

    #: werkzeug.security method for new password hashes.
    PASSWORD_HASH_METHOD = "scrypt"  # noqa: S105 (an algorithm name)
    #: Largest Markdown text (each field, in UTF-8 bytes) a unit or lesson may hold.
    MAX_MARKDOWN_BYTES = 200 * 1024
    #: Items per page in long lists.
    PAGE_SIZE = 25
    #: Where attached files are stored, one file per distinct content (named by its sha256).
    ATTACHMENT_DIR = str(INSTANCE_DIR / "attachments")
    #: Largest file that can be attached; MAX_CONTENT_LENGTH still caps the whole request.
    ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    #: Days an invitation to work on a unit or lesson stays open.
    INVITATION_DAYS = 14
    #: Days during which a teacher does not review an author who has reviewed their work
    #: (no returning favours).
    REVIEW_RECIPROCAL_DAYS = 365
    #: The search index: "whoosh" (files on this machine) or "postgres" (in the PostgreSQL
    #: database, shared by every web node); ``flask search reindex`` after switching.
    SEARCH_BACKEND = "whoosh"
    #: Where the Whoosh search index lives (one per machine; the database is the truth).
    SEARCH_INDEX_DIR = str(INSTANCE_DIR / "search")
    #: Index segments that may pile up before they are merged (after the response).
    SEARCH_MERGE_SEGMENTS = 8
    #: Merge segments in a background thread; off in tests, where everything runs in order.
    SEARCH_BACKGROUND = True
    #: Results per search page.
    SEARCH_PAGE_SIZE = 20

    #: The mail server notifications are e-mailed through; None sends no e-mail at all.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 25
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_SENDER = "Tandem <tandem@localhost>"
    #: The site's address for links in e-mails ("https://tandem.example.fi/"); None takes the
    #: address of the request that sent the notification.
    SITE_URL: str | None = None


class DevelopmentConfig(Config):
    DEBUG = True


class TestingConfig(Config):
    TESTING = True
    #: One round of hashing keeps tests quick (thousands of teachers are made); the stored
    #: hash and its check work exactly as production's.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"  # noqa: S105
    SECRET_KEY = "tests-only-secret"  # noqa: S105
    LOGIN_RATE_LIMIT = "5 per minute"
    SEARCH_BACKGROUND = False


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True


#: Chosen by the TANDEM_CONFIG environment variable; "default" serves locally (``make run``).
CONFIGS = {
    "default": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
