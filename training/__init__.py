"""Scripts that build the project's data and shipped resources."""
