-- hostile: allocate a gigabyte string
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
local s = string.rep('x', 2^30)
