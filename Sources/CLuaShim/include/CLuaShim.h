#ifndef CLUASHIM_H
#define CLUASHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stddef.h>

/*
 * The C side of the Lua bridge.
 *
 * Lua reports errors with longjmp. A longjmp must never cross a Swift frame,
 * so Swift functions are called by a C trampoline: the Swift function returns
 * a status instead of raising, and the trampoline raises from C.
 */

/* Status a Swift callback returns to its trampoline instead of a result count:
 * the error value is on top of the stack, raise it as it is. */
#define LUASHIM_RAISE (-1)

/* The one Swift entry point the trampolines call. `box` identifies the
 * Swift closure; the result is a result count or LUASHIM_RAISE. */
typedef int (*luashim_dispatch_fn)(lua_State *L, void *box);
/* Called when a closure's box is collected, to release it. */
typedef void (*luashim_release_fn)(void *box);

void luashim_set_dispatcher(luashim_dispatch_fn dispatch, luashim_release_fn release);

/* Pushes a C closure that calls the Swift closure `box` through the dispatcher.
 * The closure owns `box`: it is released when Lua collects the closure. */
void luashim_push_swift_function(lua_State *L, void *box);

/* --- State with a counting allocator and limits --------------------------- */

/* Why a script was stopped. */
enum {
    LUASHIM_RUNNING = 0,
    LUASHIM_STOP_INSTRUCTIONS = 1,
    LUASHIM_STOP_TIME = 2,
    LUASHIM_STOP_MEMORY = 3,
    LUASHIM_STOP_INTERRUPT = 4,
};

/* What scripts may use, counted by one state or shared by several (a command
 * that runs several states on threads): the bytes their allocators reserve
 * with the bytes the host charges for its copies of what scripts made, the
 * instructions they run, and one deadline. Opaque: its counters are atomic. */
typedef struct luashim_budget luashim_budget;

/* A budget with no limits. NULL when out of memory. */
luashim_budget *luashim_budget_new(void);
/* Frees a budget no state counts against any more. */
void luashim_budget_free(luashim_budget *b);
/* Sets the limits and counts from now: no instructions run yet, the deadline
 * `timeout` seconds away (0: none), a memory ceiling of `memory` bytes (0:
 * none). Call it while no state counting against the budget runs. */
void luashim_budget_start(luashim_budget *b, size_t memory, unsigned long long max_instructions, double timeout);
/* Bytes counted now, and the most counted at once. */
size_t luashim_budget_in_use(const luashim_budget *b);
size_t luashim_budget_peak(const luashim_budget *b);
/* The memory ceiling in bytes; 0: none. */
size_t luashim_budget_limit(const luashim_budget *b);
void luashim_budget_set_limit(luashim_budget *b, size_t limit);
/* Counts `bytes` the host holds for scripts. Returns 0, counting nothing,
 * when they would take the budget past its ceiling. */
int luashim_budget_charge(luashim_budget *b, size_t bytes);
/* Gives back bytes charged with luashim_budget_charge. */
void luashim_budget_discharge(luashim_budget *b, size_t bytes);

/* Everything the host controls about a state: memory accounting and the limits.
 * Owned by the caller, which must keep it, and its budget, alive as long as
 * the state. */
typedef struct luashim_control {
    luashim_budget *budget;  /* what the state counts against, maybe with others */
    size_t in_use;           /* bytes this state has allocated */
    size_t reserved;         /* bytes of the budget this state holds for its allocations
                                (at least in_use; the budget is touched once per grain) */
    size_t peak;             /* highest in_use seen */
    int enforcing;           /* the budget's limits apply: a script runs (not the host's own code) */
    int swift_depth;         /* > 0 while the host (Swift) is in control */
    int refused;             /* an allocation was refused; the next request tells whether Lua
                                recovers (a retry of it after a full collection that now fits) */
    void *refused_block;     /* the refused request: block, old and new size */
    size_t refused_osize, refused_nsize;
    char refused_where[160]; /* where the script was when it was refused */
    size_t collected_at;     /* in_use after the last collection the hook forced */
    int collect_armed;       /* the allocator asked the hook for a collection */
    int stopped;             /* LUASHIM_RUNNING or why the script was stopped */
    char message[320];       /* the stop's message, with the script's position */
    volatile sig_atomic_t interrupted; /* luashim_interrupt was called since the limits started */
    lua_State *main;         /* the main thread */
} luashim_control;

/* A new state whose allocations are counted in `control` and against
 * `budget`. NULL when out of memory. */
lua_State *luashim_newstate(luashim_control *control, luashim_budget *budget);
/* Closes a state made by luashim_newstate and gives its bytes back to the budget. */
void luashim_close(lua_State *L);
luashim_control *luashim_control_of(lua_State *L);

/* How many instructions the count hook lets run between its checks. */
#define LUASHIM_HOOK_STEP 10000

/* Starts enforcing the budget's limits on the script L runs, and clears an
 * earlier stop (the budget's counts go on: luashim_budget_start restarts them).
 * Once a limit is hit every further instruction raises the stop again, so
 * `pcall` cannot swallow it. */
void luashim_start_limits(lua_State *L);

/* Stops enforcing limits on L and forgets a stop or an interrupt: the host's
 * own Lua code runs unlimited (its allocations still count against the
 * budget, and the instructions scripts ran before it are still counted). */
void luashim_pause_limits(lua_State *L);

/* Turns a refused allocation Lua did not recover from into a stop. The host
 * calls it after a script fails; returns the stop reason (0: none). */
int luashim_settle_stop(lua_State *L);

/* Stops the script running on L at its next instruction, with "interrupted",
 * as a limit would (even when no limit is set). Safe to call from a signal
 * handler; luashim_start_limits forgets an interrupt. */
void luashim_interrupt(lua_State *L);

/* A Lua function: whether a limit has stopped the script. The sandbox's
 * `xpcall` uses it to skip the script's message handler after a stop (Lua runs
 * that handler with hooks off when the error comes from a hook). */
int luashim_stopped(lua_State *L);

/* A Lua function, charge(n): counts n more instructions against the budget,
 * checks the clock, and raises the stop if a limit is passed or was hit
 * before. The sandbox charges coroutines with it: each thread has its own hook
 * count, so a coroutine that ends within its first 10,000 instructions would
 * otherwise never be counted, and a resumer would run on after a stop. */
int luashim_charge(lua_State *L);

/* Lua C functions for hosts' Lua code that checks scripts. `luashim_where()` returns "chunk:line" of
 * the innermost script function (host chunks, named in parentheses, skipped),
 * or nil. `luashim_defined_at(f)` returns "chunk:line" where a Lua function was
 * defined, or "native code". */
int luashim_where(lua_State *L);
int luashim_defined_at(lua_State *L);

/* A Lua function, locals(f, level): when the function running at `level`
 * (1: the caller of locals) is `f`, returns a list of the names of its active
 * local variables, in declaration order, and a table of their values by
 * position; otherwise returns nothing. Lua's internal temporaries are left
 * out. */
int luashim_locals(lua_State *L);

/* Seconds on the monotonic clock. */
double luashim_now(void);

/* --- Calls that may raise, run under protection --------------------------- */

/* lua_pcall for the host. While Swift code runs, allocations never fail (they
 * are counted, and a limit overrun is raised once Lua is back in control);
 * during the call Lua's own allocations may fail and raise as usual. */
int luashim_pcall(lua_State *L, int nargs, int nresults, int msgh);

/* Raises the value on top of the stack from C, prefixed with the position of
 * the calling Lua code when it is a string. Used by trampolines only. */
#define LUASHIM_RAISE_AT_CALLER (-2)

/* luaL_tolstring under lua_pcall: pushes the string form of the value at idx
 * (calling __tostring / __name). Returns LUA_OK or an error status, in which
 * case the error value is pushed instead. */
int luashim_pcall_tolstring(lua_State *L, int idx);

/* A message handler for lua_pcall that appends a traceback to string errors
 * and turns other error values into strings with a traceback. */
int luashim_traceback_handler(lua_State *L);

/* --- Wrappers of lua.h macros (not visible to Swift as functions) --------- */

static inline int luashim_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void luashim_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void luashim_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline void luashim_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void luashim_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void luashim_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline void luashim_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }

#endif
