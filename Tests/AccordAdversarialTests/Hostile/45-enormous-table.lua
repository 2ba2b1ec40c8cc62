-- hostile: fill a table without end
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
local t = {}
for i = 1, 1e9 do t[i] = i end
