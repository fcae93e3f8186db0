"""The session plan: questions in running order with minutes and a clock."""
