// Small behaviour htmx does not cover. The page works without this file.
