/* Replaying a fuzz harness's seeds as an ordinary test: `make check`
 * builds each harness without libFuzzer and runs it over its seed folder
 * (or the files and folders given), so every seed is exercised on every
 * build, with or without clang. */
#ifndef NIANBAO_FUZZ_REPLAY_H
#define NIANBAO_FUZZ_REPLAY_H

#include <stddef.h>
#include <stdint.h>

typedef int (*nb_fuzz_target)(const uint8_t *data, size_t size);

/* `name` names the harness in messages; `seeds` is the seed folder
 * relative to $NB_SRCDIR. Returns the process exit status: 0 when every
 * input ran, 2 when an argument cannot be read, 99 when there are no seeds. */
int nb_fuzz_replay_main(int argc, char **argv, const char *name, const char *seeds,
                        nb_fuzz_target target);

#endif
