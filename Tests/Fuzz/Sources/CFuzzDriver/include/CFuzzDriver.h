/* libFuzzer's driver, called from each target's main (SwiftPM gives executables their own main). */
#ifndef SIGIL_CFUZZDRIVER_H
#define SIGIL_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
