"""What makes a file valid: the schema, the rulebook, the rules and lints, problem reports."""
