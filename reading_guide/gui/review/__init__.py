"""Update essay and the review queue of highlights that moved."""
