-- hostile: nest coroutines without end
-- exit: 1
-- stderr: C stack overflow
local function nest() return coroutine.wrap(nest)() end
nest()
