-- hostile: catch the memory stop and go on
-- exit: 1
-- stderr: memory limit (67108864 bytes) exceeded
print(pcall(string.rep, 'x', 2^30))
local t = {}
for i = 1, 1000 do t[i] = {} end
print('escaped')
