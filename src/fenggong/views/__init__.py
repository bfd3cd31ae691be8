"""Documents for each command, built from the dataset: pure data, no printing."""
