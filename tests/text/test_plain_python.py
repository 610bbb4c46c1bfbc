"""The text layer and the cores that stand on it import without Django."""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCK_DJANGO = textwrap.dedent(
    """
    import sys

    class NoDjango:
        def find_spec(self, name, path=None, target=None):
            if name == "django" or name.startswith("django."):
                raise ImportError(f"{name} imported by a plain-Python module")
            return None

    sys.meta_path.insert(0, NoDjango())
    import stories.text.figures, stories.text.datelines, stories.text.normalize
    import stories.text.stopwords
    import stories.alignment
    import stories.evidence.document, stories.evidence.decision
    import stories.ingest.text
    from stories.alignment import VersionInput, align
    align([VersionInput("a", "LONDON (AP) — A $3.2bn deal."), VersionInput("b", "A $3.9bn deal.")])
    assert not any(m == "django" or m.startswith("django.") for m in sys.modules)
    print("ok")
    """
)


def test_text_alignment_and_grouping_cores_import_with_django_blocked():
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_DJANGO], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
