"""From a view document to text: the formats registry, the terminal's tables and cards."""
