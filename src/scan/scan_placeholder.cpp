// Placeholder until the scan module lands; remove when adding real sources.
