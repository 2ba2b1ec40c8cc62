-- hostile: raise inside a library function, which Lua gives no position
-- exit: 1
-- stderr: hostile.lua:4: table index is nil
rawset({}, nil, 1)
