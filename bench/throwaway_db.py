"""A throwaway test database for benchmarks that drive Django end to end."""

import os


def throwaway_database():
    """Set Django up with test settings and create an empty test database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # A run cut short leaves its test database behind (PostgreSQL): replace it.
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
