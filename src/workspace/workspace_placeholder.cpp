// Placeholder until the workspace module lands; remove when adding real sources.
