-- hostile: index nil
-- exit: 1
-- stderr: attempt to index a nil value (local 'x')
local x = nil
x.y = 1
