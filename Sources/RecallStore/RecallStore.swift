// The storage layer: paths, files, atomic writes, locks.
