import GlossCLI

// The `gloss` executable: everything lives in the GlossCLI library, so tests and fuzzers can
// drive the same commands and parsers in-process.
Gloss.main()
