// Placeholder until the animation module lands; remove when adding real sources.
