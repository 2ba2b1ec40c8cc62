#include <sqlite3.h>
#include "sqlite_config.h"

// sqlite3_config takes a variable number of arguments, which Swift cannot pass.
int accord_sqlite_skip_memory_count(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
