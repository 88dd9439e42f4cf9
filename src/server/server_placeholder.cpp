// Placeholder until the server module lands; remove when adding real sources.
