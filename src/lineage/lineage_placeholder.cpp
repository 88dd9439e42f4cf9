// Placeholder until the lineage module lands; remove when adding real sources.
