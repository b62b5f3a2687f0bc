"""One module per page; each has ``render(run)`` and reads its state from its link."""
