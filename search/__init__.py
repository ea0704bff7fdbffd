"""Search backends behind one interface: an embedded default and Meilisearch."""
