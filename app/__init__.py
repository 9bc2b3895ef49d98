"""Tandem: teachers from neighbouring municipalities write, adapt and review lessons together."""

import os
import secrets
from pathlib import Path

from flask import Flask

from config import CONFIGS, INSTANCE_DIR


def create_app(config: str | None = None, overrides: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands, error pages.

    ``config`` names a class in ``config.CONFIGS`` (default: $TANDEM_CONFIG, else "default").
    """
    app = Flask(__name__, instance_path=str(INSTANCE_DIR))
    configure(app, config or os.environ.get("TANDEM_CONFIG", "default"), overrides or {})
    register_extensions(app)
    register_blueprints(app)
    register_commands(app)
    register_request_hooks(app)
    return app


def configure(app: Flask, name: str, overrides: dict) -> None:
    """Class defaults, then ``FLASK_*`` environment variables, then explicit overrides."""
    app.config.from_object(CONFIGS[name])
    app.config["CONFIG_NAME"] = name
    app.config.from_prefixed_env()
    app.config.update(overrides)
    if not app.config["SECRET_KEY"]:
        if name == "production":
            raise RuntimeError("Set FLASK_SECRET_KEY: production never runs on a generated key.")
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def instance_secret_key(instance_dir: Path) -> str:
    """The development key in ``instance/secret_key``, created on first use."""
    path = instance_dir / "secret_key"
    if not path.exists():
        instance_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_hex(32))
    return path.read_text().strip()


def register_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (the complete metadata, for migrations)
    from app.auth.sessions import init_login
    from app.db import configure_sqlite
    from app.extensions import babel, csrf, db, limiter, migrate
    from app.i18n import select_locale
    from app.search.engines import init_search

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT"])
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    init_login(app)
    init_search(app)


def register_blueprints(app: Flask) -> None:
    from app.activity.views import bp as activity_bp
    from app.api.token_views import bp as tokens_bp
    from app.api.views import bp as api_bp
    from app.attachments.views import bp as attachments_bp
    from app.auth.views import bp as auth_bp
    from app.collaboration.views import bp as collaboration_bp
    from app.comments.views import bp as comments_bp
    from app.dashboard.views import bp as dashboard_bp
    from app.documents.deletion_views import bp as deletion_bp
    from app.documents.lists import bp as lists_bp
    from app.documents.unit_lessons import bp as unit_lessons_bp
    from app.documents.views import bp as documents_bp
    from app.editor.views import bp as editor_bp
    from app.favourites.views import bp as favourites_bp
    from app.home.views import bp as home_bp
    from app.i18n import bp as i18n_bp
    from app.mentoring.views import bp as mentoring_bp
    from app.network.admin import bp as network_admin_bp
    from app.network.views import bp as network_bp
    from app.notifications.views import bp as notifications_bp
    from app.observations.views import bp as observations_bp
    from app.partners.views import bp as partners_bp
    from app.reviews.assignment_views import bp as assignments_bp
    from app.reviews.conflicts_views import bp as conflicts_bp
    from app.reviews.response_views import bp as responses_bp
    from app.reviews.results_views import bp as results_bp
    from app.reviews.views import bp as reviews_bp
    from app.revisions.compare import bp as compare_bp
    from app.revisions.history import bp as history_bp
    from app.revisions.snapshot_views import bp as snapshots_bp
    from app.revisions.who_wrote import bp as attribution_bp
    from app.rubrics.calibration_views import bp as calibration_bp
    from app.rubrics.views import bp as rubrics_bp
    from app.search.views import bp as search_bp
    from app.transfer.views import bp as transfer_bp
    from app.urls import RowIdConverter

    app.url_map.converters["int"] = RowIdConverter
    for blueprint in (
        home_bp,
        auth_bp,
        network_bp,
        network_admin_bp,
        dashboard_bp,
        partners_bp,
        mentoring_bp,
        i18n_bp,
        documents_bp,
        unit_lessons_bp,
        deletion_bp,
        lists_bp,
        editor_bp,
        attachments_bp,
        collaboration_bp,
        comments_bp,
        favourites_bp,
        notifications_bp,
        transfer_bp,
        history_bp,
        compare_bp,
        activity_bp,
        snapshots_bp,
        attribution_bp,
        search_bp,
        reviews_bp,
        results_bp,
        responses_bp,
        assignments_bp,
        conflicts_bp,
        observations_bp,
        rubrics_bp,
        calibration_bp,
        tokens_bp,
        api_bp,
    ):
        app.register_blueprint(blueprint)


def register_commands(app: Flask) -> None:
    from app.content.commands import content
    from app.notifications.commands import notifications, reviews
    from app.search.commands import search

    app.cli.add_command(content)
    app.cli.add_command(notifications)
    app.cli.add_command(reviews)
    app.cli.add_command(search)


def register_request_hooks(app: Flask) -> None:
    from app.errors import register_error_handlers
    from app.security import add_security_headers
    from app.templating import register_template_helpers

    register_error_handlers(app)
    app.after_request(add_security_headers)
    register_template_helpers(app)
