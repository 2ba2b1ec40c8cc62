-- hostile: load a binary chunk from string.dump
-- exit: 1
-- stderr: attempt to load a binary chunk
local f = assert(load(string.dump(function() return 1 end)))
