// Placeholder until the sim module lands; remove when adding real sources.
