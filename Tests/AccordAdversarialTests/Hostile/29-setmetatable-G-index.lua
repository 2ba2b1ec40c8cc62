-- hostile: make missing globals resolve to os
-- exit: 1
-- stderr: attempt to call a nil value (field 'open')
setmetatable(_G, { __index = function() return os end })
io.open('x')
