-- hostile: not hostile; garbage then a big string that fits must not be stopped
-- exit: 0
-- stdout: ok
local live = string.rep('L', 10 * 1024 * 1024)
local g = {}
for i = 1, 24 do g[i] = string.rep('g', 1024 * 1024) .. i end
g = nil
local s = string.rep('x', 20 * 1024 * 1024)
print('ok', #s + #live)
