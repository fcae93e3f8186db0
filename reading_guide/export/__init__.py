"""Guide -> handout HTML -> PDF. The only package that calls WeasyPrint, and only lazily."""
