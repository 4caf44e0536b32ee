"""drafter: replies to customer complaint emails, drafted by a model and checked before a human sees them."""

__version__ = "0.1.0"
