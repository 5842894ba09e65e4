"""Records what `bokeh serve` 3.9.2 sends and receives, for the repository's tests (see reference/README.md)."""
