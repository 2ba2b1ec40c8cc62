-- hostile: load a binary chunk through a reader
-- exit: 1
-- stderr: attempt to load a binary chunk
local dump = string.dump(function() return 1 end)
local done = false
assert(load(function() if done then return nil end done = true return dump end))
