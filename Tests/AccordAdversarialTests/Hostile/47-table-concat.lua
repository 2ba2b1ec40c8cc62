-- hostile: join a huge list
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
local t = {}
for i = 1, 20 do t[i] = string.rep('y', 2^22) end
local s = table.concat(t, t[1])
