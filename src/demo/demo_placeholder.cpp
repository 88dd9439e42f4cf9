// Placeholder until the demo module lands; remove when adding real sources.
