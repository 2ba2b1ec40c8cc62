-- hostile: swap a record's metatable
-- exit: 1
-- stderr: cannot change a protected metatable
setmetatable(accord.partnerships()[1], {})
