-- hostile: fail inside __index
-- exit: 1
-- stderr: broken __index
local t = setmetatable({}, { __index = function() error('broken __index') end })
print(t.x)
