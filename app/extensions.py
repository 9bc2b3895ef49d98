"""Extension instances, bound to the application in ``create_app`` with ``init_app``."""

from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from werkzeug.local import LocalProxy

from app.db import Model

db = SQLAlchemy(model_class=Model)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
#: Nothing is limited by default; routes opt in (sign-in, sign-up).
limiter = Limiter(key_func=get_remote_address, default_limits=[])

#: The current application's search index of units and lessons (app.search.engines).
search_index = LocalProxy(lambda: current_app.extensions["search"])
