"""Ingestion: getting articles in, cleaned, with every revision kept.

Callers use ``stories.ingest.api`` (single articles, files, JSON Lines),
``stories.ingest.batch`` (folders and manifests), ``stories.ingest.feeds``
(polling and re-fetching) and ``stories.ingest.tasks``. The parsing modules
(``text``, ``encoding``, ``html``, ``sanitize``, ``schedule``) do not touch
Django, so nothing is imported here: ``stories.ingest.text`` stays importable
without settings."""
