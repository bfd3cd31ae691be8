"""Bytes in, records out: sources, YAML, the checked-file pipeline, the cache, atomic writes."""
