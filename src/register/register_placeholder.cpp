// Placeholder until the register module lands; remove when adding real sources.
