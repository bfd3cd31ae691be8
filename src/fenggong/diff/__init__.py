"""What an edit changes in meaning, and how that change is written for people and tools."""
