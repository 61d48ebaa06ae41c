// KGStore: see the module's files.
