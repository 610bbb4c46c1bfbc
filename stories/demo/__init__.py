"""The fictional demo corpus and its loader (``stories.demo.loader.load_demo``)."""
