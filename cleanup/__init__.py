"""cleanup: make scraped and drafted news articles fit to publish."""
