-- hostile: replace the accord module's functions
-- exit: 0
-- stdout: 83
local original = accord.partnerships
accord.partnerships = function() return {} end
print(#original())
