"""Pages of a long list: how many there are, and which one a request asks for."""


def pages_for(total: int, size: int) -> int:
    """Pages of `size` that hold `total` items: at least one, empty as it may be."""
    return max(1, -(-total // size))


def page_number(text: str | None) -> int:
    """The page a query string names (`?page=3`); the first for anything that is not a whole number from 1."""
    return int(text) if text and text.isdigit() and int(text) >= 1 else 1
