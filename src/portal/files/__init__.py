"""Reading the project's files: YAML with line numbers for every value, and Markdown front matter."""
