// KGExtract: see the module's files.
