#ifndef ACCORD_SQLITE_CONFIG_H
#define ACCORD_SQLITE_CONFIG_H

/// Turns off SQLite's count of the memory it holds, which takes one lock for the whole process
/// on every allocation and every free; nothing here reads the count. Takes effect only before
/// SQLite's first use in the process; returns SQLite's result code (SQLITE_MISUSE after).
int accord_sqlite_skip_memory_count(void);

#endif
