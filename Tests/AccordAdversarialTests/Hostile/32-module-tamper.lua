-- hostile: replace the accord module's functions
-- exit: 0
-- stdout: 83
local original = accord.partnerships
accord.partnerships = function() return {} end -- luacheck: ignore 122 (tampering is what this script tests)
print(#original())
