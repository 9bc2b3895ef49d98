#!/usr/bin/env bash
# Upgrade a fresh SQLite database through every migration, then `flask db check` that the
# models need no migration that has not been written.
set -euo pipefail
flask=("$@")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export FLASK_SQLALCHEMY_DATABASE_URI="sqlite:///$scratch/check.sqlite3"
"${flask[@]}" db upgrade
"${flask[@]}" db check
