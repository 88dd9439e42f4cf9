// Placeholder until the measure module lands; remove when adding real sources.
