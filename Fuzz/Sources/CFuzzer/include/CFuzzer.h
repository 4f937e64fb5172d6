// libFuzzer's driver, for fuzz targets that bring their own `main` (SwiftPM renames a Swift
// executable's entry point, so libFuzzer's own `main` cannot be used).
#ifndef GLOSS_CFUZZER_H
#define GLOSS_CFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the command line `*argc`/`*argv`, calling `callback` on each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
