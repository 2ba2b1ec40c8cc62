-- hostile: make millions of strings
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
local t = {}
for i = 1, 1e8 do t[i] = string.rep('x', 65536) .. i end
