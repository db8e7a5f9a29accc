/* clock — the one source of wall time.  Every rule that depends on time
 * (rate limits, invitation limits, session expiry, cadence) asks clock_now_ms(),
 * so tests can set the time.  TIES_CLOCK_MS in the environment fixes the start
 * time of a process (black-box tests); clock_set_ms() moves it (unit tests). */
#ifndef TIES_BASE_CLOCK_H
#define TIES_BASE_CLOCK_H
#include <stdint.h>

int64_t clock_now_ms(void);
/* Fixes the clock at ms (0 returns to the real clock). */
void clock_set_ms(int64_t ms);
/* Adds delta to a fixed clock (fixing it at now first if it is real). */
void clock_advance_ms(int64_t delta);
/* Monotonic nanoseconds, for measuring durations. */
uint64_t clock_mono_ns(void);

#endif
