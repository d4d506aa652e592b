// Placeholder until this module's first type lands; keeps the target buildable.
